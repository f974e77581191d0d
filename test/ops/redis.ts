// Redis for the store tests. Like the databases: MCPGEN_TEST_REDIS_URL set → Redis must be
// reachable (a configured Redis that is down fails loudly); unset → the Redis cases are skipped.
import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';

export const redisUrl = process.env['MCPGEN_TEST_REDIS_URL'] || undefined;

export async function connectRedis() {
  if (!redisUrl) throw new Error('MCPGEN_TEST_REDIS_URL is not set');
  const client = createClient({ url: redisUrl, socket: { reconnectStrategy: false } });
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`MCPGEN_TEST_REDIS_URL=${redisUrl} is configured but Redis cannot be reached: ${(error as Error).message}. Start Redis or unset MCPGEN_TEST_REDIS_URL.`);
  }
  return client;
}

/** A key prefix no other test run shares. */
export function uniquePrefix(): string {
  return `mcpgen-test:${randomBytes(6).toString('hex')}:`;
}

/** Removes every key under `prefix`. */
export async function dropPrefix(client: Awaited<ReturnType<typeof connectRedis>>, prefix: string): Promise<void> {
  const keys: string[] = [];
  for await (const batch of client.scanIterator({ MATCH: `${prefix}*` })) keys.push(...(Array.isArray(batch) ? batch : [batch]));
  if (keys.length > 0) await client.del(keys);
}
