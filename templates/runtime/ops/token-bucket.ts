// The token bucket every rate limit uses, as pure arithmetic so the in-process store and the Redis
// script (redis-store.ts, which mirrors these lines in Lua) give the same answers.
// A bucket holds up to `burst` tokens and refills at `limit` per `per`; each request takes one.

/** `limit` requests per `per`, with bursts of up to `burst` (default: `limit`). */
export interface RateRule {
  readonly limit: number;
  readonly per: 'second' | 'minute' | 'hour' | 'day';
  readonly burst?: number;
}

export interface BucketState {
  /** Tokens left (fractional while refilling). */
  readonly tokens: number;
  /** When `tokens` was computed, in ms since the epoch. */
  readonly at: number;
}

export interface Take {
  readonly allowed: boolean;
  /** Whole tokens left after this take. */
  readonly remaining: number;
  /** When refused: ms until enough tokens are back. 0 when allowed. */
  readonly retryAfterMs: number;
}

const PERIOD_MS = { second: 1_000, minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;

/** What a store needs: capacity, and `limit` tokens back every `periodMs`. */
export interface BucketShape {
  readonly capacity: number;
  readonly limit: number;
  readonly periodMs: number;
}

export function bucketShape(rule: RateRule): BucketShape {
  return { capacity: rule.burst ?? rule.limit, limit: rule.limit, periodMs: PERIOD_MS[rule.per] };
}

// Multiplying before dividing keeps whole answers whole (1 token at 1 per hour is 3600000 ms, not 3600000.0000000005).
const refilled = (ms: number, shape: BucketShape): number => (ms * shape.limit) / shape.periodMs;
const msFor = (tokens: number, shape: BucketShape): number => Math.ceil((tokens * shape.periodMs) / shape.limit);

/** Takes `cost` tokens at `now` from `state` (absent: a full bucket). Never moves time backwards. */
export function takeTokens(
  state: BucketState | undefined,
  shape: BucketShape,
  now: number,
  cost = 1,
): { readonly state: BucketState; readonly take: Take } {
  let tokens = state?.tokens ?? shape.capacity;
  let at = state?.at ?? now;
  // Clocks of several processes may disagree a little: a take from "the past" refills nothing.
  if (now > at) {
    tokens = Math.min(shape.capacity, tokens + refilled(now - at, shape));
    at = now;
  }
  if (tokens >= cost) {
    tokens -= cost;
    return { state: { tokens, at }, take: { allowed: true, remaining: Math.floor(tokens), retryAfterMs: 0 } };
  }
  const retryAfterMs = msFor(cost - tokens, shape);
  return { state: { tokens, at }, take: { allowed: false, remaining: Math.floor(tokens), retryAfterMs } };
}

/** How long until a bucket left with `tokens` is full again: after that its state can be forgotten. */
export function msUntilFull(tokens: number, shape: BucketShape): number {
  return msFor(shape.capacity - tokens, shape);
}
