import { describe, expect, it } from 'vitest';
import { generateKey, hashKey, parseKey } from '../../src/keys/key-format.js';
import { parseExpiresIn } from '../../src/keys/durations.js';
import { parseScopes } from '../../src/keys/scopes.js';
import { explainDbError, KeysError } from '../../src/keys/errors.js';
import { createdKeyJson, formatKeyTable, keyRowsJson } from '../../src/keys/format.js';
import type { KeyRow } from '../../src/keys/commands.js';

describe('key format', () => {
  it('has a recognisable prefix, a public id and 256 bits of randomness', () => {
    const { key, prefix, hash } = generateKey();
    expect(key).toMatch(/^mcpk_[A-Za-z0-9]{8}_[A-Za-z0-9_-]{43}$/);
    expect(key.startsWith(`${prefix}_`)).toBe(true);
    expect(Buffer.from(key.slice(prefix.length + 1), 'base64url')).toHaveLength(32);
    expect(hash).toBe(hashKey(key));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(parseKey(key)).toEqual({ prefix, secret: key.slice(prefix.length + 1) });
  });

  it('never repeats a key or a prefix in 2,000 draws', () => {
    const keys = Array.from({ length: 2000 }, () => generateKey());
    expect(new Set(keys.map((k) => k.key)).size).toBe(2000);
    expect(new Set(keys.map((k) => k.prefix)).size).toBe(2000);
  });

  it.each(['', 'mcpk_', 'Bearer mcpk_x', 'mcpk_AbC12xYz', 'mcpk_AbC12xY_' + 'a'.repeat(43), 'mcpk_AbC12xYz_' + 'a'.repeat(42), 'mcpk_AbC12xYz_' + 'a'.repeat(43) + ' ', 'xxxx_AbC12xYz_' + 'a'.repeat(43)])(
    'rejects the malformed key %j',
    (raw) => expect(parseKey(raw)).toBeNull(),
  );
});

describe('parseScopes', () => {
  it('normalises', () => {
    expect(parseScopes('write, read,read')).toEqual(['read', 'write']);
    expect(parseScopes(['clinic:write', 'read'])).toEqual(['clinic:write', 'read']);
  });
  it.each([['admin', /invalid scope 'admin'/], ['clinic:delete', /invalid scope 'clinic:delete'/], [' , ', /at least one/], [':read', /invalid scope/]])(
    'rejects %j',
    (input, message) => expect(() => parseScopes(input)).toThrow(message),
  );
  it('checks toolset names when given', () => {
    expect(() => parseScopes('blog:read,shop:write', ['blog'])).toThrow(/unknown toolset 'shop' in 'shop:write' \(toolsets: blog\)/);
  });
});

describe('parseExpiresIn', () => {
  it.each([['90d', 90 * 86_400_000], ['12h', 12 * 3_600_000], ['30m', 30 * 60_000], ['2w', 14 * 86_400_000]])('%s', (text, ms) =>
    expect(parseExpiresIn(text)).toBe(ms),
  );
  it.each(['', '90', 'd', '0d', '-1d', '1.5h', '3y', '90 days'])('rejects %j', (text) =>
    expect(() => parseExpiresIn(text)).toThrow(/--expires-in: expected a positive number followed by m, h, d or w/),
  );
});

describe('explainDbError', () => {
  it('recognises driver errors for an unreachable database without echoing the URL', () => {
    const err = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1 postgres://u:secret@h/db'), { code: 'ECONNREFUSED' });
    const out = explainDbError(err, 'McpApiKey');
    expect(out).toBeInstanceOf(KeysError);
    expect((out as Error).message).toMatch(/^Cannot reach the database/);
    expect((out as Error).message).not.toContain('secret');
  });
  it('passes unrelated errors through', () => {
    const err = new Error('Unique constraint failed');
    expect(explainDbError(err, 'McpApiKey')).toBe(err);
  });
});

describe('formatting', () => {
  const row: KeyRow = {
    id: 'ck1', prefix: 'mcpk_AbC12xYz', name: 'laptop', userId: 7n, scopes: ['read', 'write'],
    createdAt: new Date('2025-03-01T10:20:30Z'), lastUsedAt: null, expiresAt: new Date('2025-06-01T00:00:00Z'), revokedAt: null, status: 'active',
  };
  it('prints an aligned table', () => {
    expect(formatKeyTable([row])).toBe(
      [
        'ID   PREFIX         NAME    USER  SCOPES      STATUS  CREATED           LAST USED  EXPIRES',
        'ck1  mcpk_AbC12xYz  laptop  7     read,write  active  2025-03-01 10:20  never      2025-06-01 00:00',
      ].join('\n'),
    );
    expect(formatKeyTable([])).toBe('No API keys.');
  });
  it('prints JSON', () => {
    expect(JSON.parse(keyRowsJson([row]))[0]).toMatchObject({ userId: '7', createdAt: '2025-03-01T10:20:30.000Z' });
    expect(createdKeyJson({ key: 'k', id: 'i', prefix: 'p', userId: 1, scopes: ['read'], expiresAt: null })).toBe('{"key":"k","id":"i","prefix":"p"}');
  });
});
