/** Output of `mcp-gen keys` for people (a table) and for scripts (`--json`). No raw key or hash ever appears here except the one `create` returns. */
import type { CreatedKey, KeyRow, RevokedKey } from './commands.js';

const COLUMNS: readonly [string, (r: KeyRow) => string][] = [
  ['ID', (r) => r.id],
  ['PREFIX', (r) => r.prefix],
  ['NAME', (r) => r.name],
  ['USER', (r) => scalar(r.userId)],
  ['SCOPES', (r) => r.scopes.join(',')],
  ['STATUS', (r) => r.status],
  ['CREATED', (r) => day(r.createdAt)],
  ['LAST USED', (r) => day(r.lastUsedAt) || 'never'],
  ['EXPIRES', (r) => day(r.expiresAt) || 'never'],
];

export function formatKeyTable(rows: readonly KeyRow[]): string {
  if (rows.length === 0) return 'No API keys.';
  const cells = [COLUMNS.map(([h]) => h), ...rows.map((r) => COLUMNS.map(([, get]) => get(r)))];
  const widths = COLUMNS.map((_, i) => Math.max(...cells.map((c) => c[i]!.length)));
  return cells.map((c) => c.map((v, i) => (i === c.length - 1 ? v : v.padEnd(widths[i]!))).join('  ')).join('\n');
}

/** `keys list --json`: dates as ISO strings, bigint ids as strings. */
export function keyRowsJson(rows: readonly KeyRow[]): string {
  return JSON.stringify(rows.map((r) => ({ ...r, userId: jsonable(r.userId) })), null, 2);
}

/** `keys create --json`: `{ "key", "id", "prefix" }`. */
export function createdKeyJson(created: CreatedKey): string {
  return JSON.stringify({ key: created.key, id: created.id, prefix: created.prefix });
}

/** `keys create` without --json: the key once, with what it grants. */
export function formatCreatedKey(created: CreatedKey): string {
  const expires = created.expiresAt ? `expires ${created.expiresAt.toISOString()}` : 'never expires';
  return [
    `Created API key ${created.prefix} (id ${created.id}) for user ${scalar(created.userId)}; scopes ${created.scopes.join(',')}; ${expires}.`,
    '',
    `  ${created.key}`,
    '',
    'Copy it now: it is not stored and cannot be shown again. Send it as `Authorization: Bearer <key>`.',
  ].join('\n');
}

export function formatRevoked(r: RevokedKey): string {
  return r.alreadyRevoked
    ? `API key ${r.prefix} (id ${r.id}) was already revoked at ${r.revokedAt.toISOString()}.`
    : `Revoked API key ${r.prefix} (id ${r.id}); it is refused from the next request on.`;
}

function day(d: Date | null): string {
  return d ? d.toISOString().slice(0, 16).replace('T', ' ') : '';
}

function scalar(v: unknown): string {
  return typeof v === 'string' ? v : String(v);
}

function jsonable(v: unknown): unknown {
  return typeof v === 'bigint' ? v.toString() : v;
}
