// Where buckets live. One small interface, two stores: this process's memory (the default) and
// Redis (redis-store.ts) when several processes must share one budget per caller.
import { bucketShape, msUntilFull, takeTokens, type BucketState, type RateRule, type Take } from './token-bucket.js';

export interface RateStore {
  /** Takes `cost` tokens from the bucket `key` governed by `rule`. */
  take(key: string, rule: RateRule, cost?: number): Promise<Take>;
  /** Releases connections; the memory store has none. */
  close(): Promise<void>;
}

export interface MemoryStoreOptions {
  /** The clock, in ms since the epoch. @default Date.now */
  readonly now?: () => number;
  /** Buckets kept before full ones are swept. @default 10_000 */
  readonly sweepAbove?: number;
}

interface Entry {
  state: BucketState;
  /** When the bucket is full again: from then on it is indistinguishable from no entry. */
  fullAt: number;
}

export function memoryStore(options: MemoryStoreOptions = {}): RateStore {
  const now = options.now ?? Date.now;
  const sweepAbove = options.sweepAbove ?? 10_000;
  const buckets = new Map<string, Entry>();

  // Memory stays bounded by the callers active within one refill period, whatever the traffic.
  const sweep = (at: number): void => {
    for (const [key, entry] of buckets) if (entry.fullAt <= at) buckets.delete(key);
  };

  return {
    async take(key, rule, cost = 1) {
      const at = now();
      if (buckets.size >= sweepAbove) sweep(at);
      const shape = bucketShape(rule);
      const result = takeTokens(buckets.get(key)?.state, shape, at, cost);
      buckets.set(key, { state: result.state, fullAt: result.state.at + msUntilFull(result.state.tokens, shape) });
      return result.take;
    },
    async close() {
      buckets.clear();
    },
  };
}
