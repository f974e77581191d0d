// auth.oauth and auth.publicUrl: one mode or the other, every mistake named by key path.
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/errors.js';
import { validateConfig } from '../../src/config/validate.js';

const F = 'mcp-gen.config.ts';
const config = (auth: Record<string, unknown>) => ({ auth: { apiKeys: true, user: { model: 'User', info: ['id'] }, ...auth }, toolsets: { blog: { models: { Post: {} } } } });

function problems(raw: unknown): string[] {
  try {
    validateConfig(raw, F);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('auth.oauth', () => {
  it('accepts the built-in server and an external issuer', () => {
    const builtIn = validateConfig(config({ oauth: { server: 'built-in', login: 'src/mcp/login.ts' }, publicUrl: 'https://app.example.com' }), F);
    expect(builtIn.auth).toMatchObject({ oauth: { server: 'built-in', login: 'src/mcp/login.ts' }, publicUrl: 'https://app.example.com' });
    const external = validateConfig(config({ oauth: { issuer: 'https://tenant.example.com/', userClaim: 'email', userField: 'email' } }), F);
    expect(external.auth).toMatchObject({ oauth: { issuer: 'https://tenant.example.com/', userClaim: 'email', userField: 'email' } });
  });

  it('refuses a mix, a half external config, an unknown key and a bad public URL, naming the key', () => {
    expect(problems(config({ oauth: { server: 'built-in', issuer: 'https://x.example/' } })).join('\n')).toMatch(/auth\.oauth.*not both/);
    expect(problems(config({ oauth: { issuer: 'https://x.example/' } })).join('\n')).toMatch(/auth\.oauth.*\{ issuer, userClaim, userField \}/);
    expect(problems(config({ oauth: { server: 'built-in', logn: 'x' } })).join('\n')).toMatch(/logn: unknown option.*login/);
    expect(problems(config({ publicUrl: 'ftp://x' })).join('\n')).toMatch(/auth\.publicUrl/);
    expect(problems(config({ publicUrl: 'https://example.com/tools' })).join('\n')).toMatch(/auth\.publicUrl.*origin without a path/);
  });

  it('rateLimits of the built-in server: rules, false per endpoint or for all; a bad rule is named', () => {
    const limited = validateConfig(config({ oauth: { server: 'built-in', rateLimits: { register: false, token: { limit: 5, per: 'minute' } } } }), F);
    expect(limited.auth).toMatchObject({ oauth: { rateLimits: { register: false, token: { limit: 5, per: 'minute' } } } });
    expect(validateConfig(config({ oauth: { server: 'built-in', rateLimits: false } }), F).auth).toMatchObject({ oauth: { rateLimits: false } });
    expect(problems(config({ oauth: { server: 'built-in', rateLimits: { token: { limit: 0, per: 'minute' } } } })).join('\n')).toMatch(/auth\.oauth\.rateLimits\.token/);
    expect(problems(config({ oauth: { server: 'built-in', rateLimits: { sigin: false } } })).join('\n')).toMatch(/sigin: unknown option/);
    expect(problems(config({ oauth: { issuer: 'https://x.example/', userClaim: 'email', userField: 'email', rateLimits: false } })).join('\n')).toMatch(/not both/);
  });

  it('grantTtlDays and rateLimits.signIn of the built-in server; a bad value is named', () => {
    const set = validateConfig(config({ oauth: { server: 'built-in', grantTtlDays: 30, rateLimits: { signIn: { limit: 5, per: 'hour' } } } }), F);
    expect(set.auth).toMatchObject({ oauth: { grantTtlDays: 30, rateLimits: { signIn: { limit: 5, per: 'hour' } } } });
    expect(problems(config({ oauth: { server: 'built-in', grantTtlDays: 0 } })).join('\n')).toMatch(/auth\.oauth\.grantTtlDays/);
  });
});
