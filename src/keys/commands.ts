/** The logic of `mcp-gen keys create|list|revoke`, on the project's own Prisma client. */
import { parseExpiresIn } from './durations.js';
import { KeysError } from './errors.js';
import { generateKey, KEY_PREFIX, parseKey } from './key-format.js';
import { delegate, guard, resolveUserId } from './delegates.js';
import type { KeyModelInfo } from './model-info.js';
import { deserializeScopes, parseScopes, serializeScopes } from './scopes.js';

export interface CreateKeyOptions {
  /** The user's id or one of `userLookupFields` (email). */
  readonly user: string;
  /** @default 'default' */
  readonly name?: string;
  /** @default ['read'] */
  readonly scopes?: readonly string[];
  /** `'90d'`, `'12h'`, `'30m'`; absent: never expires. */
  readonly expiresIn?: string;
  /** Toolset names, to reject scopes for toolsets that don't exist. */
  readonly toolsets?: readonly string[];
  readonly now?: () => Date;
}

export interface CreatedKey {
  /** The raw key: print it once; it cannot be shown again. */
  readonly key: string;
  readonly id: string;
  readonly prefix: string;
  readonly userId: unknown;
  readonly scopes: string[];
  readonly expiresAt: Date | null;
}

export type KeyStatus = 'active' | 'revoked' | 'expired';

/** A key as listed: everything but the hash. */
export interface KeyRow {
  readonly id: string;
  readonly prefix: string;
  readonly name: string;
  readonly userId: unknown;
  readonly scopes: string[];
  readonly createdAt: Date;
  readonly lastUsedAt: Date | null;
  readonly expiresAt: Date | null;
  readonly revokedAt: Date | null;
  readonly status: KeyStatus;
}

const ROW_SELECT = {
  id: true, prefix: true, name: true, userId: true, scopes: true,
  createdAt: true, lastUsedAt: true, expiresAt: true, revokedAt: true,
} as const;

export async function createKey(db: unknown, opts: CreateKeyOptions, model: KeyModelInfo): Promise<CreatedKey> {
  // Validate every flag before touching the database.
  const scopes = parseScopes(opts.scopes ?? ['read'], opts.toolsets);
  const ttl = opts.expiresIn === undefined ? undefined : parseExpiresIn(opts.expiresIn);
  const name = opts.name?.trim() || 'default';
  const now = (opts.now ?? (() => new Date()))();
  const userId = await resolveUserId(db, model, opts.user);
  const { key, prefix, hash } = generateKey();
  const expiresAt = ttl === undefined ? null : new Date(now.getTime() + ttl);
  const keys = delegate(db, model.keyDelegate);
  const row = await guard(model, () =>
    keys.create({
      data: { userId, name, prefix, hash, scopes: serializeScopes(scopes), createdAt: now, expiresAt },
      select: { id: true },
    }),
  );
  return { key, id: String(row.id), prefix, userId, scopes, expiresAt };
}

export async function listKeys(db: unknown, opts: { readonly user?: string; readonly now?: () => Date }, model: KeyModelInfo): Promise<KeyRow[]> {
  const where = opts.user === undefined ? {} : { userId: await resolveUserId(db, model, opts.user) };
  const keys = delegate(db, model.keyDelegate);
  const rows = await guard(model, () => keys.findMany({ where, select: ROW_SELECT, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }));
  const now = (opts.now ?? (() => new Date()))();
  return rows.map((r) => toKeyRow(r, now));
}

export interface RevokedKey {
  readonly id: string;
  readonly prefix: string;
  readonly revokedAt: Date;
  /** The key was revoked before; its revokedAt is unchanged. */
  readonly alreadyRevoked: boolean;
}

/** Revokes by id, by prefix (`mcpk_AbC12xYz` or `AbC12xYz`), or by the raw key itself. */
export async function revokeKey(db: unknown, idOrPrefix: string, model: KeyModelInfo, opts: { readonly now?: () => Date } = {}): Promise<RevokedKey> {
  const ref = idOrPrefix.trim();
  const prefix = parseKey(ref)?.prefix ?? (ref.startsWith(KEY_PREFIX) ? ref : KEY_PREFIX + ref);
  const keys = delegate(db, model.keyDelegate);
  const found = await guard(model, () =>
    keys.findFirst({ where: { OR: [{ id: ref }, { prefix }] }, select: { id: true, prefix: true, revokedAt: true } }),
  );
  if (!found) throw new KeysError(`keys revoke: no API key with id or prefix '${ref}' (see \`mcp-gen keys list\`)`);
  if (found.revokedAt instanceof Date) {
    return { id: String(found.id), prefix: String(found.prefix), revokedAt: found.revokedAt, alreadyRevoked: true };
  }
  const revokedAt = (opts.now ?? (() => new Date()))();
  await guard(model, () => keys.update({ where: { id: found.id }, data: { revokedAt }, select: { id: true } }));
  return { id: String(found.id), prefix: String(found.prefix), revokedAt, alreadyRevoked: false };
}

function toKeyRow(r: Record<string, unknown>, now: Date): KeyRow {
  const date = (v: unknown): Date | null => (v instanceof Date ? v : null);
  const revokedAt = date(r.revokedAt);
  const expiresAt = date(r.expiresAt);
  const status: KeyStatus = revokedAt ? 'revoked' : expiresAt && expiresAt <= now ? 'expired' : 'active';
  return {
    id: String(r.id),
    prefix: String(r.prefix),
    name: String(r.name),
    userId: r.userId,
    scopes: deserializeScopes(String(r.scopes)),
    createdAt: date(r.createdAt) ?? new Date(0),
    lastUsedAt: date(r.lastUsedAt),
    expiresAt,
    revokedAt,
    status,
  };
}
