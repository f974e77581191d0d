// Config keys `limits` and `audit`: accepted shapes, and errors that name the key path.
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/errors.js';
import { validateConfig } from '../../src/config/validate.js';

const F = 'mcp-gen.config.ts';
const base = { auth: 'none', toolsets: { blog: { models: { Post: {} } }, billing: { models: { Invoice: {} } } } };

function problems(extra: object): string[] {
  try {
    validateConfig({ ...base, ...extra }, F);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('limits and audit', () => {
  it('keeps what is given and adds nothing when absent', () => {
    expect(validateConfig(base, F)).not.toHaveProperty('limits');
    expect(validateConfig(base, F)).not.toHaveProperty('audit');
    const limits = {
      perIp: { limit: 600, per: 'minute' },
      perCaller: { limit: 120, per: 'minute', burst: 20 },
      writes: { limit: 20, per: 'hour' },
      toolsets: { billing: { limit: 5, per: 'second' } },
      store: { redis: '$REDIS_URL' },
    };
    const c = validateConfig({ ...base, limits, audit: { sink: { model: 'McpAuditLog' } } }, F);
    expect(c.limits).toEqual(limits);
    expect(c.audit).toEqual({ sink: { model: 'McpAuditLog' } });
    expect(validateConfig({ ...base, audit: false, limits: { store: 'memory' } }, F).audit).toBe(false);
    expect(validateConfig({ ...base, limits: { store: { redis: 'rediss://cache.internal:6380/2' } } }, F).limits?.store).toEqual({ redis: 'rediss://cache.internal:6380/2' });
  });

  it.each<[string, object, string[]]>([
    ['a zero limit', { limits: { perCaller: { limit: 0, per: 'minute' } } }, [`${F}: limits.perCaller.limit: expected a positive integer, got 0`]],
    ['an unknown period', { limits: { writes: { limit: 5, per: 'week' } } }, [`${F}: limits.writes.per: expected 'second', 'minute', 'hour' or 'day', got "week"`]],
    ['a typo in a rule', { limits: { perIp: { limit: 5, per: 'second', brust: 9 } } }, [`${F}: limits.perIp.brust: unknown option (did you mean "burst"?)`]],
    ['an unknown toolset', { limits: { toolsets: { biling: { limit: 1, per: 'second' } } } }, [`${F}: limits.toolsets.biling: no toolset "biling" (did you mean "billing"?)`]],
    ['a Redis URL with a password', { limits: { store: { redis: 'redis://:hunter2@10.0.0.5:6379' } } }, [`${F}: limits.store.redis: the URL carries a password; put the URL in an environment variable and write { redis: '$REDIS_URL' }`]],
    ['not a Redis URL', { limits: { store: { redis: 'http://x' } } }, [`${F}: limits.store.redis: expected a redis:// or rediss:// URL, got http://…`]],
    ['a store name', { limits: { store: 'redis' } }, [`${F}: limits.store: expected 'memory' or { redis: '$REDIS_URL' }, got "redis"`]],
    ['an audit sink name', { audit: { sink: 'stderr' } }, [`${F}: audit.sink: expected 'stdout' or { model: 'McpAuditLog' }, got "stderr"`]],
    ['audit: true', { audit: true }, [`${F}: audit: expected false or { sink: 'stdout' | { model: 'McpAuditLog' } }, got true`]],
  ])('%s', (_name, extra, expected) => {
    expect(problems(extra)).toEqual(expected);
  });
});
