// Buckets in Redis, shared by every process behind a load balancer. One Lua script per take makes
// read-refill-write atomic (no two processes spend the same token); it mirrors takeTokens() in
// token-bucket.ts line for line. Time comes from the app's clock (as with the memory store), so
// the same tests drive both stores; takeTokens' "never backwards" rule absorbs small clock skew.
//
// The `redis` package (node-redis) is an optional dependency: add it only if you pick this store.
import { createHash } from 'node:crypto';
import type { RateStore } from './rate-store.js';
import { bucketShape, type Take } from './token-bucket.js';

const SCRIPT = `
local capacity = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local period = tonumber(ARGV[3])
local now = tonumber(ARGV[4])
local cost = tonumber(ARGV[5])
local saved = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(saved[1]) or capacity
local at = tonumber(saved[2]) or now
if now > at then
  tokens = math.min(capacity, tokens + (now - at) * limit / period)
  at = now
end
local allowed = 0
local wait = 0
if tokens >= cost then
  tokens = tokens - cost
  allowed = 1
else
  wait = math.ceil((cost - tokens) * period / limit)
end
redis.call('HSET', KEYS[1], 'tokens', string.format('%.17g', tokens), 'at', string.format('%.17g', at))
redis.call('PEXPIRE', KEYS[1], math.ceil((capacity - tokens) * period / limit) + 1000)
return { allowed, wait, math.floor(tokens) }
`;
const SHA = createHash('sha1').update(SCRIPT).digest('hex');

/** The node-redis client methods this store calls (`createClient()` from `redis` v4 and later). */
export interface RedisScriptClient {
  evalSha(sha: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  close?(): Promise<unknown>;
  destroy?(): void;
}

export interface RedisStoreOptions {
  /** `redis://host:6379`, or a connected client you own (it is not closed by `close()`). */
  readonly redis: string | RedisScriptClient;
  /** Prefix of every key. @default 'mcp:rate:' */
  readonly prefix?: string;
  /** The clock, in ms since the epoch. @default Date.now */
  readonly now?: () => number;
  /** Where an unreachable Redis is reported (requests are then let through). @default console.error */
  readonly log?: (line: string) => void;
  /** How long a take may wait for Redis before the request is let through. @default 500 */
  readonly timeoutMs?: number;
}

// A variable specifier: TypeScript and bundlers do not insist the optional package is installed.
const REDIS_PACKAGE = 'redis';

interface NodeRedisClient extends RedisScriptClient {
  connect(): Promise<unknown>;
  on(event: string, listener: (error: unknown) => void): unknown;
}

async function connect(url: string, timeoutMs: number): Promise<RedisScriptClient> {
  let mod: { createClient(options: { url: string; disableOfflineQueue: boolean }): NodeRedisClient };
  try {
    mod = await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ REDIS_PACKAGE); // Node's import, not a bundler stub
  } catch {
    throw new Error('limits.store is Redis, but the "redis" package is not installed: npm install redis');
  }
  // No offline queue: while Redis is away a take fails at once (and the request goes through)
  // instead of waiting in a queue that grows with the traffic.
  const client = mod.createClient({ url, disableOfflineQueue: true });
  // node-redis reconnects by itself; without a listener an 'error' event would crash the process.
  client.on('error', () => {});
  // Waited for a little only: while Redis is down, connect() retries for ever and never settles.
  await within(client.connect(), timeoutMs).catch(() => {});
  return client;
}

/** `promise`, or a rejection after `ms`: a slow Redis must not hold requests. */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    timer.unref?.();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The configured Redis URL: `$NAME` reads the environment variable NAME (start-up fails, naming
 * it, when it is not set); anything else is the URL itself.
 */
export function redisUrlFrom(value: string, env: Record<string, string | undefined> = process.env): string {
  if (!value.startsWith('$')) return value;
  const url = env[value.slice(1)];
  if (!url) throw new Error(`limits.store.redis is ${value}, but the environment variable ${value.slice(1)} is not set`);
  return url;
}

export function redisStore(options: RedisStoreOptions): RateStore {
  const prefix = options.prefix ?? 'mcp:rate:';
  const now = options.now ?? Date.now;
  const log = options.log ?? ((line: string) => console.error(line));
  const timeoutMs = options.timeoutMs ?? 500;
  const owned = typeof options.redis === 'string';
  const ready = typeof options.redis === 'string' ? connect(options.redis, timeoutMs) : Promise.resolve(options.redis);
  // Reported at most once a minute: an outage must not flood the log.
  let reportedAt = -Infinity;

  const run = async (client: RedisScriptClient, keys: string[], args: string[]): Promise<unknown> => {
    try {
      return await client.evalSha(SHA, { keys, arguments: args });
    } catch (error) {
      // First use on this Redis (or after a restart / SCRIPT FLUSH): send the script itself once.
      if (!String((error as Error)?.message).startsWith('NOSCRIPT')) throw error;
      return client.eval(SCRIPT, { keys, arguments: args });
    }
  };

  return {
    async take(key, rule, cost = 1): Promise<Take> {
      const { capacity, limit, periodMs } = bucketShape(rule);
      try {
        const client = await ready;
        const args = [String(capacity), String(limit), String(periodMs), String(now()), String(cost)];
        const reply = (await within(run(client, [prefix + key], args), timeoutMs)) as number[];
        return { allowed: Number(reply[0]) === 1, retryAfterMs: Number(reply[1]), remaining: Number(reply[2]) };
      } catch (error) {
        // A limiter outage must not become an MCP outage: let the request through and say so.
        if (now() - reportedAt >= 60_000) {
          reportedAt = now();
          log(`[mcp] rate limit store (Redis) unavailable, requests are not limited: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
        }
        return { allowed: true, remaining: 0, retryAfterMs: 0 };
      }
    },
    async close() {
      if (!owned) return;
      const client = await ready.catch(() => undefined);
      // close() waits for pending replies; a client still trying to connect is dropped instead.
      await Promise.resolve(client?.close?.()).catch(() => client?.destroy?.());
    },
  };
}
