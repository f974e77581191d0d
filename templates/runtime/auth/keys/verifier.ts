// API key authentication: a Verifier (caller.ts) over the web Request. Copied into <output>/runtime/.
// Reaches the Prisma client structurally (by delegate name), so it needs no generated types.
// One query per request: the key row, which holds the user's id. The user row itself is read only
// for calls that need more of it than the id (see Caller.loadUser), or with the key when the
// verifier is not told where the id lives (`userKey`).
import { createHash } from 'node:crypto';
import type { Caller, Verifier } from '../../core/caller.js';

export interface ApiKeyAuthOptions {
  /** The project's PrismaClient. */
  readonly prisma: unknown;
  /** Client property of the key model, e.g. `mcpApiKey`. */
  readonly keyDelegate: string;
  /** The key model's relation to its user (init names it `user`). @default 'user' */
  readonly userRelation?: string;
  /**
   * The key model's field holding the user's id (init names it `userId`), with `userDelegate`
   * (`user`): the key check is then one query, and the rest of the user is loaded only when a call
   * reads it. Absent: the user comes with the key (two queries with Prisma's default strategy).
   * Relies on the key's relation to its user (init's, with `onDelete: Cascade`): a key row then
   * proves its user exists. Under `relationMode = "prisma"` (no foreign keys in the database), a
   * user deleted with raw SQL would leave its keys working for tools that need only the id.
   */
  readonly userKey?: string;
  /** Client property of the user model, e.g. `user`; with `userKey`. */
  readonly userDelegate?: string;
  /** The user's id field, e.g. `id`. */
  readonly userIdField: string;
  /** The user fields loaded for the caller (what get_user_info may return); the id is always added. */
  readonly userSelect: Readonly<Record<string, true>>;
  readonly now?: () => Date;
  /** lastUsedAt is rewritten only when older than this. @default 60_000 */
  readonly touchIntervalMs?: number;
  /** Where failed lastUsedAt writes are reported. @default console.error */
  readonly log?: (message: string) => void;
}

/** A refusal: 401 with a Bearer challenge; the description says what to fix, never whether a key exists. */
function refuse(error: 'invalid_token' | undefined, description: string): Response {
  // Only the error code goes in the header: descriptions can carry characters a quoted-string can't.
  const challenge = error ? `Bearer realm="mcp", error="${error}"` : 'Bearer realm="mcp"';
  return new Response(JSON.stringify({ error: error ?? 'invalid_token', error_description: description }), {
    status: 401,
    headers: { 'WWW-Authenticate': challenge, 'Content-Type': 'application/json', 'Cache-Control': 'no-store' },
  });
}

const malformed = (): Response => refuse('invalid_token', 'Malformed Authorization header: expected Authorization: Bearer <key>.');

interface Delegate {
  findUnique(args: Record<string, unknown>): Promise<Record<string, any> | null>;
  updateMany(args: Record<string, unknown>): Promise<unknown>;
}

const KEY_PREFIX = 'mcpk_';
const KEY_SHAPE = /^mcpk_[A-Za-z0-9]{8}_[A-Za-z0-9_-]{43}$/;
const BEARER = /^Bearer[ \t]+([^\s]+)[ \t]*$/i;
const SCHEME = /^([A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]*)(?:[ \t]|$)/;
// Common names for credentials in URLs; any value shaped like our keys counts too.
const QUERY_NAMES = new Set(['key', 'api_key', 'apikey', 'api-key', 'access_token', 'token', 'auth', 'authorization', 'bearer']);

// One message for unknown, revoked and expired keys and for a user that is gone:
// the answer must not tell an attacker whether a key exists.
const INVALID = 'Invalid API key.';

/**
 * The API key verifier. It judges only what is recognisably an API key (`Bearer mcpk_…`): no
 * Authorization header, another scheme (Basic…) or a bearer token of another kind (an OAuth access
 * token, a JWT) is `null`, not its kind, and the next verifier is asked; so its place in the list
 * does not matter. A key in the URL, or a malformed Bearer header, is refused.
 */
export function apiKeyVerifier(opts: ApiKeyAuthOptions): Verifier {
  const keys = delegateOf(opts.prisma, opts.keyDelegate);
  const relation = opts.userRelation ?? 'user';
  const now = opts.now ?? (() => new Date());
  const interval = opts.touchIntervalMs ?? 60_000;
  const log = opts.log ?? ((message: string) => console.error(message));
  const userSelect = { ...opts.userSelect, [opts.userIdField]: true };
  const users = opts.userKey && opts.userDelegate ? delegateOf(opts.prisma, opts.userDelegate) : undefined;
  // The id alone is the whole user when `auth.user.info` names nothing else.
  const idIsWhole = Object.keys(userSelect).length === 1;
  const select = {
    id: true, scopes: true, expiresAt: true, revokedAt: true, lastUsedAt: true,
    ...(users ? { [opts.userKey!]: true } : { [relation]: { select: userSelect } }),
  };
  /** The caller's user: loaded with the key, or its id now and the row on demand. */
  const userOf = (row: Record<string, any>): Pick<Caller, 'user' | 'loadUser'> | null => {
    if (!users) {
      const user = row[relation] as Record<string, unknown> | null;
      return user ? { user } : null;
    }
    const id = row[opts.userKey!] as unknown;
    if (id === null || id === undefined) return null;
    const user = { [opts.userIdField]: id };
    if (idIsWhole) return { user };
    return { user, loadUser: () => users.findUnique({ where: { [opts.userIdField]: id }, select: userSelect }) };
  };

  return async (request): Promise<Caller | Response | null> => {
    if (keyInQuery(request.url)) {
      return refuse('invalid_token', 'API keys are not accepted in the URL: send the key in the Authorization header (Authorization: Bearer <key>).');
    }
    const header = request.headers.get('authorization');
    if (header === null || header.trim() === '') return null;
    if (header.trim().startsWith(KEY_PREFIX)) return malformed(); // a key without its scheme
    if (SCHEME.exec(header.trim())?.[1]?.toLowerCase() !== 'bearer') return null;
    const key = BEARER.exec(header)?.[1];
    if (!key) return malformed();
    if (!key.startsWith(KEY_PREFIX)) return null;
    if (!KEY_SHAPE.test(key)) return refuse('invalid_token', INVALID);

    const hash = createHash('sha256').update(key, 'utf8').digest('hex');
    const row = await keys.findUnique({ where: { hash }, select });
    const at = now();
    // No cache of key validity: a revoked key is refused on the very next request.
    if (!row || row.revokedAt instanceof Date) return refuse('invalid_token', INVALID);
    if (row.expiresAt instanceof Date && row.expiresAt.getTime() <= at.getTime()) return refuse('invalid_token', INVALID);
    const user = userOf(row);
    if (!user) return refuse('invalid_token', INVALID);

    const last = row.lastUsedAt instanceof Date ? row.lastUsedAt.getTime() : undefined;
    if (last === undefined || at.getTime() - last >= interval) touch(keys, row.id, at, interval, log);
    const scopes = String(row.scopes ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    return { ...user, scopes, credential: { kind: 'api-key', id: String(row.id) } };
  };
}

/**
 * Keeps lastUsedAt roughly current without a write per request. The condition is repeated in
 * the update so that concurrent requests write once; it runs in the background, and a failure
 * only costs a stale lastUsedAt, so it is logged (by key id, never the key) and dropped.
 */
function touch(keys: Delegate, id: unknown, at: Date, interval: number, log: (message: string) => void): void {
  const before = new Date(at.getTime() - interval);
  keys
    .updateMany({ where: { id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: before } }] }, data: { lastUsedAt: at } })
    .catch((err: unknown) => {
      const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
      log(`mcp auth: could not update lastUsedAt of API key ${String(id)}: ${why}`);
    });
}

function keyInQuery(url: string): boolean {
  const q = url.indexOf('?');
  if (q < 0) return false;
  for (const [name, value] of new URLSearchParams(url.slice(q + 1))) {
    if (QUERY_NAMES.has(name.toLowerCase()) || value.startsWith(KEY_PREFIX)) return true;
  }
  return false;
}

function delegateOf(prisma: unknown, name: string): Delegate {
  const d = (prisma as Record<string, unknown> | null)?.[name] as Partial<Delegate> | undefined;
  if (!d || typeof d.findUnique !== 'function' || typeof d.updateMany !== 'function') {
    throw new Error(`mcp auth: the Prisma client has no model delegate '${name}' (regenerate the client after adding the model)`);
  }
  return d as Delegate;
}
