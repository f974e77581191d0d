// The rate-limit policy: which bucket a request draws from, and the 429 it gets.
import { describe, expect, it } from 'vitest';
import type { Caller } from '../../templates/runtime/core/caller.js';
import { createRateLimiter, ipKey } from '../../templates/runtime/ops/rate-limit.js';
import { memoryStore } from '../../templates/runtime/ops/rate-store.js';

const caller = (kind: Caller['credential']['kind'], id: string): Caller => ({ user: { id: 1 }, scopes: ['read', 'write'], credential: { kind, id } });
const fixedClock = () => 1_700_000_000_000;

describe('ipKey', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::9', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002:ffff::1', '2001:db8:1:2::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1', 'fe80:0:0:0::/64'],
  ])('%s → %s', (ip, key) => expect(ipKey(ip)).toBe(key));
});

describe('createRateLimiter', () => {
  it('answers 429 with Retry-After in whole seconds and a JSON-RPC error', async () => {
    const limiter = createRateLimiter({ perIp: { limit: 2, per: 'minute' }, store: memoryStore({ now: fixedClock }) });
    expect(await limiter.checkIp('198.51.100.1')).toBeNull();
    expect(await limiter.checkIp('198.51.100.1')).toBeNull();
    const refused = (await limiter.checkIp('198.51.100.1'))!;
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('30');
    expect(await refused.json()).toEqual({ jsonrpc: '2.0', error: { code: -32000, message: 'Rate limit exceeded (requests from this address): try again in 30 s' }, id: null });
    // Another address, and an adapter that cannot tell the address, are not affected.
    expect(await limiter.checkIp('198.51.100.2')).toBeNull();
    expect(await limiter.checkIp(undefined)).toBeNull();
  });

  it('keys callers by credential kind and id, never mixing an API key with a grant of the same id', async () => {
    const limiter = createRateLimiter({ perCaller: { limit: 1, per: 'hour' }, store: memoryStore({ now: fixedClock }) });
    expect(await limiter.checkCaller(caller('api-key', '7'))).toBeNull();
    expect(await limiter.checkCaller(caller('oauth', '7'))).toBeNull();
    expect((await limiter.checkCaller(caller('api-key', '7')))?.headers.get('retry-after')).toBe('3600');
  });

  it('counts write calls and calls per toolset, each call of a batch once', async () => {
    const limiter = createRateLimiter({
      writes: { limit: 3, per: 'minute' },
      toolsets: { billing: { limit: 2, per: 'minute' } },
      store: memoryStore({ now: fixedClock }),
    });
    const c = caller('api-key', '1');
    const read = { toolset: 'blog', access: 'read' } as const;
    const write = { toolset: 'blog', access: 'write' } as const;
    // Reads are not writes: ten of them leave the write budget whole.
    expect(await limiter.checkCalls(c, Array(10).fill(read))).toBeNull();
    expect(await limiter.checkCalls(c, [write, write])).toBeNull();
    const over = await limiter.checkCalls(c, [write, write]);
    expect(over?.status).toBe(429);
    expect((await over!.json()).error.message).toMatch(/^Rate limit exceeded \(write tool calls for this credential\)/);
    expect(await limiter.checkCalls(c, [write])).toBeNull();
    const bill = { toolset: 'billing', access: 'read' } as const;
    expect(await limiter.checkCalls(c, [bill, bill])).toBeNull();
    expect((await limiter.checkCalls(c, [bill]))?.status).toBe(429);
    expect(await limiter.checkCalls(caller('api-key', '2'), [bill])).toBeNull();
  });
});
