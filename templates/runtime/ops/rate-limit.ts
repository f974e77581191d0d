// The rate-limit policy: which buckets a request draws from, and the 429 it gets when one is
// empty. Rules are data (RateLimits); stores hold the buckets (rate-store.ts, redis-store.ts).
//
//   before authentication   ip:<address>                    every request, including refused ones
//   after authentication    caller:<kind>:<credential id>   every request of that key or grant
//   per tools/call          write:<kind>:<id>               each write tool called
//                           toolset:<name>:<kind>:<id>      each tool of that toolset called
import type { Caller } from '../core/caller.js';
import { memoryStore, type RateStore } from './rate-store.js';
import type { RateRule, Take } from './token-bucket.js';

export interface RateLimits {
  /** Requests per client address, counted before authentication (guards the key check itself). */
  readonly perIp?: RateRule;
  /** Requests per credential (API key, OAuth grant). */
  readonly perCaller?: RateRule;
  /** Write tool calls per credential, on top of `perCaller`. */
  readonly writes?: RateRule;
  /** Tool calls per credential into one toolset, by toolset name. */
  readonly toolsets?: Readonly<Record<string, RateRule>>;
  /** Where buckets live. @default memoryStore() (this process) */
  readonly store?: RateStore;
}

/** One tools/call of a request: what the per-call rules need to know. */
export interface LimitedCall {
  readonly toolset: string;
  readonly access: 'read' | 'write';
}

export interface RateLimiter {
  /** Before authentication: the address's budget. A 429 Response, or null to go on. */
  checkIp(ip: string | undefined): Promise<Response | null>;
  /** After authentication: the credential's request budget. */
  checkCaller(caller: Caller): Promise<Response | null>;
  /** After the body is read: the credential's write and toolset budgets for the tools/calls in it. */
  checkCalls(caller: Caller, calls: readonly LimitedCall[]): Promise<Response | null>;
  close(): Promise<void>;
}

/** The bucket of one credential: the kind keeps an API key id and an OAuth grant id apart. */
export function callerKey(caller: Caller): string {
  return `${caller.credential.kind}:${caller.credential.id}`;
}

/**
 * IPv4 as is; IPv6 by its /64 prefix, since one host usually holds a whole /64 and could
 * otherwise take a fresh bucket for every request. IPv4-mapped IPv6 (`::ffff:1.2.3.4`) is IPv4.
 */
export function ipKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!ip.includes(':')) return ip;
  const [head = '', tail = ''] = ip.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = ip.includes('::') ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

export function tooManyRequests(take: Take, what: string): Response {
  // Whole seconds, at least 1 (RFC 9110 Retry-After); the bucket refills continuously after that.
  const seconds = Math.max(1, Math.ceil(take.retryAfterMs / 1000));
  const body = { jsonrpc: '2.0', error: { code: -32000, message: `Rate limit exceeded (${what}): try again in ${seconds} s` }, id: null };
  return new Response(JSON.stringify(body), {
    status: 429,
    headers: { 'content-type': 'application/json', 'retry-after': String(seconds), 'cache-control': 'no-store' },
  });
}

export function createRateLimiter(limits: RateLimits): RateLimiter {
  const store = limits.store ?? memoryStore();
  const draw = async (key: string, rule: RateRule | undefined, cost: number, what: string): Promise<Response | null> => {
    if (!rule || cost === 0) return null;
    const take = await store.take(key, rule, cost);
    return take.allowed ? null : tooManyRequests(take, what);
  };
  return {
    async checkIp(ip) {
      // No address (an adapter that cannot tell): nothing to key on, the per-caller rule still applies.
      return ip === undefined ? null : draw(`ip:${ipKey(ip)}`, limits.perIp, 1, 'requests from this address');
    },
    async checkCaller(caller) {
      return draw(`caller:${callerKey(caller)}`, limits.perCaller, 1, 'requests for this credential');
    },
    async checkCalls(caller, calls) {
      const who = callerKey(caller);
      const writes = calls.filter((c) => c.access === 'write').length;
      const written = await draw(`write:${who}`, limits.writes, writes, 'write tool calls for this credential');
      if (written) return written;
      for (const [toolset, rule] of Object.entries(limits.toolsets ?? {})) {
        const n = calls.filter((c) => c.toolset === toolset).length;
        const over = await draw(`toolset:${toolset}:${who}`, rule, n, `calls into toolset ${toolset} for this credential`);
        if (over) return over;
      }
      return null;
    },
    close: () => store.close(),
  };
}
