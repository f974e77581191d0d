// The two rate stores under one test table: every case runs against memory and, when configured, Redis.
import { memoryStore, type RateStore } from '../../templates/runtime/ops/rate-store.js';
import { redisStore } from '../../templates/runtime/ops/redis-store.js';
import { connectRedis, dropPrefix, redisUrl, uniquePrefix } from './redis.js';

export interface StoreKind {
  readonly name: string;
  /** A store on the given clock; several calls give several "processes" sharing one budget (Redis). */
  open(now: () => number): Promise<RateStore>;
  cleanup(): Promise<void>;
}

export function storeKinds(): StoreKind[] {
  const kinds: StoreKind[] = [];
  // One process: every open on the same clock is the same map (the memory store is per process by design).
  const byClock = new Map<() => number, RateStore>();
  kinds.push({
    name: 'memory',
    async open(now) {
      if (!byClock.has(now)) byClock.set(now, memoryStore({ now }));
      return byClock.get(now)!;
    },
    async cleanup() {
      await Promise.all([...byClock.values()].map((s) => s.close()));
      byClock.clear();
    },
  });
  const url = redisUrl;
  if (url) {
    const prefix = uniquePrefix();
    const opened: RateStore[] = [];
    kinds.push({
      name: 'redis',
      async open(now) {
        const store = redisStore({ redis: url, prefix, now });
        opened.push(store);
        return store;
      },
      async cleanup() {
        const client = await connectRedis();
        await dropPrefix(client, prefix);
        await client.close();
        await Promise.all(opened.splice(0).map((s) => s.close()));
      },
    });
  }
  return kinds;
}
