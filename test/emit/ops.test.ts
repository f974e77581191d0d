// The ops part of index.ts: config values become runtime options, written as plain literals.
import { describe, expect, it } from 'vitest';
import { emitOps } from '../../src/emit/ops.js';
import type { Plan } from '../../src/plan/types.js';

const plan = (ops: Plan['ops']) => ({ ops, auth: { kind: 'none' } }) as unknown as Plan;

describe('emitOps', () => {
  it('defaults: no limits, stdout audit (the runtime default), nothing imported for them', () => {
    const e = emitOps(plan({ audit: { sink: 'stdout' } }));
    expect(e.code).toContain('function configuredOps(_prisma: Db): { limits?: RateLimits; audit?: AuditSink | false } {\n  return {};\n}');
    expect(e.imports.map((i) => i.from)).not.toContain('runtime/ops/redis-store.ts');
  });

  it('limits with a Redis store read from the environment, and a model sink', () => {
    const e = emitOps(plan({
      limits: { writes: { limit: 5, per: 'minute' }, perIp: { limit: 600, per: 'minute', burst: 50 }, toolsets: { talk: { limit: 2, per: 'second' }, billing: { limit: 1, per: 'day' } }, store: { redis: '$REDIS_URL' } },
      audit: { sink: 'model', model: 'McpAuditLog', delegate: 'mcpAuditLog' },
    }));
    expect(e.code).toContain(
      "return { limits: { perIp: { limit: 600, per: 'minute', burst: 50 }, writes: { limit: 5, per: 'minute' }, toolsets: { billing: { limit: 1, per: 'day' }, talk: { limit: 2, per: 'second' } }, store: redisStore({ redis: redisUrlFrom('$REDIS_URL') }) }, audit: prismaSink(prisma, 'mcpAuditLog') };",
    );
    expect(e.imports).toContainEqual({ from: 'runtime/ops/redis-store.ts', names: ['redisStore', 'redisUrlFrom'] });
    expect(e.imports).toContainEqual({ from: 'runtime/ops/audit.ts', names: ['prismaSink'] });
  });

  it('audit: false', () => {
    expect(emitOps(plan({ audit: false })).code).toContain('return { audit: false };');
  });
});
