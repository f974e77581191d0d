// Token buckets, the same cases against the in-process store and Redis (two store instances on
// Redis stand for two server processes sharing one budget).
import { afterAll, describe, expect, it } from 'vitest';
import { memoryStore } from '../../templates/runtime/ops/rate-store.js';
import { redisStore } from '../../templates/runtime/ops/redis-store.js';
import type { RateRule } from '../../templates/runtime/ops/token-bucket.js';
import { redisUrl } from './redis.js';
import { storeKinds } from './stores.js';

const kinds = storeKinds();
afterAll(() => Promise.all(kinds.map((k) => k.cleanup())));

function clock(start = 1_700_000_000_000) {
  let t = start;
  const now = () => t;
  return Object.assign(now, { advance: (ms: number) => void (t += ms) });
}

const perMinute = (limit: number, burst?: number): RateRule => ({ limit, per: 'minute', ...(burst !== undefined ? { burst } : {}) });

if (!redisUrl) console.log('rate-store: MCPGEN_TEST_REDIS_URL is not set, the Redis store cases are skipped');

describe.each(kinds.map((k) => [k.name, k] as const))('%s store', (_name, kind) => {
  it('allows a burst of `limit`, then refuses with the wait until the next token', async () => {
    const now = clock();
    const store = await kind.open(now);
    const rule = perMinute(3); // one token every 20 s
    const takes = [];
    for (let i = 0; i < 4; i++) takes.push(await store.take('burst', rule));
    expect(takes.map((t) => t.allowed)).toEqual([true, true, true, false]);
    expect(takes.map((t) => t.remaining)).toEqual([2, 1, 0, 0]);
    expect(takes[3]!.retryAfterMs).toBe(20_000);
    now.advance(5_000);
    expect(await store.take('burst', rule)).toEqual({ allowed: false, remaining: 0, retryAfterMs: 15_000 });
  });

  it('refills continuously up to the burst, never beyond', async () => {
    const now = clock();
    const store = await kind.open(now);
    const rule = perMinute(60, 2); // one token a second, at most 2 saved
    expect((await store.take('refill', rule, 2)).allowed).toBe(true);
    now.advance(1_000);
    expect((await store.take('refill', rule)).allowed).toBe(true);
    expect((await store.take('refill', rule)).allowed).toBe(false);
    now.advance(3_600_000); // an idle hour saves 2 tokens, not 3600
    expect((await store.take('refill', rule, 3)).allowed).toBe(false);
    expect(await store.take('refill', rule, 2)).toEqual({ allowed: true, remaining: 0, retryAfterMs: 0 });
  });

  it('keeps keys apart and takes `cost` tokens at once', async () => {
    const now = clock();
    const store = await kind.open(now);
    const rule: RateRule = { limit: 5, per: 'second' };
    expect((await store.take('a', rule, 5)).allowed).toBe(true);
    expect((await store.take('a', rule)).allowed).toBe(false);
    expect((await store.take('b', rule, 4)).remaining).toBe(1);
    // A refused take spends nothing: 1 token is there, 2 were asked, 1 can still be taken.
    expect((await store.take('b', rule, 2)).retryAfterMs).toBe(200);
    expect((await store.take('b', rule)).allowed).toBe(true);
  });

  it('does not refill when a clock runs behind (another process, skewed)', async () => {
    const now = clock();
    const store = await kind.open(now);
    const rule = perMinute(1);
    expect((await store.take('skew', rule)).allowed).toBe(true);
    now.advance(-30_000);
    expect(await store.take('skew', rule)).toEqual({ allowed: false, remaining: 0, retryAfterMs: 60_000 });
  });

  it('spends each token once under concurrent takes from two stores (processes)', async () => {
    const now = clock();
    const [one, two] = [await kind.open(now), await kind.open(now)];
    const rule = perMinute(10);
    const takes = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? one : two).take('race', rule)));
    expect(takes.filter((t) => t.allowed)).toHaveLength(10);
  });
});

describe('memory store', () => {
  it('forgets buckets once they are full again, so memory stays bounded', async () => {
    const now = clock();
    const store = memoryStore({ now, sweepAbove: 3 });
    const rule: RateRule = { limit: 1, per: 'second' };
    for (const key of ['a', 'b', 'c']) await store.take(key, rule);
    now.advance(1_000);
    await store.take('d', rule); // sweeps a, b, c (full again): a fresh bucket for a
    expect((await store.take('a', rule)).allowed).toBe(true);
    expect((await store.take('d', rule)).allowed).toBe(false);
  });
});

describe('redis store', () => {
  it('lets requests through, and says so once, when Redis cannot be reached', async () => {
    const lines: string[] = [];
    // Port 1 on loopback: nothing listens, the connection is refused at once.
    const client = { evalSha: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:1')), eval: () => Promise.reject(new Error('unused')) };
    const store = redisStore({ redis: client, log: (l) => lines.push(l) });
    const rule: RateRule = { limit: 1, per: 'hour' };
    for (let i = 0; i < 3; i++) expect((await store.take('down', rule)).allowed).toBe(true);
    expect(lines).toEqual(['[mcp] rate limit store (Redis) unavailable, requests are not limited: connect ECONNREFUSED 127.0.0.1:1']);
  });

  it('does not hold requests while Redis is down at start-up', async () => {
    const lines: string[] = [];
    // Port 1 on loopback: nothing listens; node-redis keeps retrying in the background.
    const store = redisStore({ redis: 'redis://127.0.0.1:1', log: (l) => lines.push(l) });
    const started = Date.now();
    expect((await store.take('x', { limit: 1, per: 'second' })).allowed).toBe(true);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[mcp\] rate limit store \(Redis\) unavailable, requests are not limited: /);
    await store.close();
  });
});

describe('redisUrlFrom', () => {
  it('reads $NAME from the environment and names it when missing', async () => {
    const { redisUrlFrom } = await import('../../templates/runtime/ops/redis-store.js');
    expect(redisUrlFrom('$CACHE_URL', { CACHE_URL: 'redis://10.0.0.5:6379' })).toBe('redis://10.0.0.5:6379');
    expect(redisUrlFrom('redis://127.0.0.1:6379', {})).toBe('redis://127.0.0.1:6379');
    expect(() => redisUrlFrom('$CACHE_URL', {})).toThrow('limits.store.redis is $CACHE_URL, but the environment variable CACHE_URL is not set');
  });
});
