// Per-address limits on the endpoints anyone can reach without a token: registration writes a row
// per call, the authorization pages may fetch a client metadata document and the sign-in form
// accepts API keys (guessing), the token endpoint checks codes and refresh tokens. On by default,
// whatever the server's general limits (ops) are; the same token buckets and stores. Hosted
// connectors (Claude.ai, ChatGPT) register and fetch tokens from their providers' servers, so many
// users share an address there: those defaults are roomy, the pages' (one person's browser) tighter.
import { ipKey } from '../../ops/rate-limit.js';
import { memoryStore, type RateStore } from '../../ops/rate-store.js';
import type { RateRule } from '../../ops/token-bucket.js';
import { ENDPOINTS } from './metadata.js';
import { errorPage, type PageContext } from './pages.js';
import { html, json } from './respond.js';

export interface OAuthRateLimits {
  /** POST /oauth/register, per address. `false`: none. @default 100 per hour, bursts of 20 */
  readonly register?: RateRule | false;
  /** /oauth/token and /oauth/revoke, per address. `false`: none. @default 300 per minute, bursts of 100 */
  readonly token?: RateRule | false;
  /** The sign-in and consent pages and their forms, per address. `false`: none. @default 60 per minute, bursts of 30 */
  readonly authorize?: RateRule | false;
  /**
   * Sign-in attempts per API key prefix, from any address (guessing one key's secret from many
   * addresses). `false`: none. @default 20 per hour, bursts of 10
   */
  readonly signIn?: RateRule | false;
  /** Where buckets live; pass the Redis store when several processes serve. @default memoryStore() */
  readonly store?: RateStore;
}

export const DEFAULT_LIMITS = {
  register: { limit: 100, per: 'hour', burst: 20 },
  token: { limit: 300, per: 'minute', burst: 100 },
  authorize: { limit: 60, per: 'minute', burst: 30 },
  signIn: { limit: 20, per: 'hour', burst: 10 },
} as const satisfies Record<string, RateRule>;

type Bucket = keyof typeof DEFAULT_LIMITS;

const BUCKET_OF: Readonly<Record<string, Bucket>> = {
  [ENDPOINTS.register]: 'register',
  [ENDPOINTS.token]: 'token',
  [ENDPOINTS.revoke]: 'token',
  [ENDPOINTS.authorize]: 'authorize',
  [ENDPOINTS.consent]: 'authorize',
};

export interface OAuthLimiter {
  /** Seconds to wait when the address has used its budget for this endpoint; null to go on. */
  check(pathname: string, remoteAddress: string | undefined): Promise<number | null>;
  /** The same for a sign-in attempt with an API key of this prefix, whatever the address. */
  checkKey(prefix: string): Promise<number | null>;
}

export function createOAuthLimiter(limits: OAuthRateLimits | false | undefined): OAuthLimiter {
  if (limits === false) return { check: async () => null, checkKey: async () => null };
  const store = limits?.store ?? memoryStore();
  const rules: Record<Bucket, RateRule | false> = {
    register: limits?.register ?? DEFAULT_LIMITS.register,
    token: limits?.token ?? DEFAULT_LIMITS.token,
    authorize: limits?.authorize ?? DEFAULT_LIMITS.authorize,
    signIn: limits?.signIn ?? DEFAULT_LIMITS.signIn,
  };
  const wait = async (key: string, rule: RateRule): Promise<number | null> => {
    const take = await store.take(key, rule);
    // Whole seconds, at least 1 (RFC 9110 Retry-After).
    return take.allowed ? null : Math.max(1, Math.ceil(take.retryAfterMs / 1000));
  };
  return {
    async check(pathname, remoteAddress) {
      const bucket = BUCKET_OF[pathname];
      const rule = bucket && rules[bucket];
      // No address (a framework mount that cannot tell): nothing to key on.
      if (!rule || remoteAddress === undefined) return null;
      return wait(`oauth:${bucket}:${ipKey(remoteAddress)}`, rule);
    },
    checkKey: async (prefix) => (rules.signIn ? wait(`oauth:signIn:${prefix}`, rules.signIn) : null),
  };
}

/** 429 with Retry-After: a page for the person at the sign-in and consent pages, JSON for clients. */
export function tooManyRequests(page: PageContext, pathname: string, seconds: number): Response {
  const message = `Too many requests from this address: try again in ${seconds} s.`;
  const headers = { 'retry-after': String(seconds) };
  if (BUCKET_OF[pathname] === 'authorize') return html(429, errorPage(page, message), headers);
  return json(429, { error: 'too_many_requests', error_description: message }, headers);
}
