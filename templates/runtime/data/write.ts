// The write operations: create, update, delete, shared by per-model tools and compact `mutate`.
// Each runs in one interactive transaction: find the row in scope, write, and check the written
// row is still in scope; a failed check rolls the write back. (A create that is one INSERT needs
// none where the driver runs statements inline: see createRow.)
import { uninterrupted } from './deadline.js';
import { delegate, flattenUnique, keyUnique, keyWhere, primaryKey, runsInline, selectFields, transaction, type Delegate, type Row } from './db.js';
import { notFound, ToolError } from '../core/errors.js';
import type { OpContext } from './read.js';
import { and, scopeOf } from './scope.js';
import type { AuditTarget, ModelSpec, Where } from '../core/spec.js';
import { serializeRow } from './values.js';

function allFields(spec: ModelSpec<any>): Record<string, true> {
  return selectFields(Object.keys(spec.fields));
}

async function assertInScope(db: Delegate, spec: ModelSpec<any>, row: Row, scope: Where | undefined, what: string): Promise<void> {
  if (!scope) return;
  if (primaryKey(spec).length === 0) throw new ToolError(`${spec.name} has no unique key: its scope cannot be checked, so it cannot be written`);
  const found = await db.findFirst({ where: and(keyWhere(spec, row), scope), select: selectFields(primaryKey(spec)) });
  if (!found) throw new ToolError(`the ${what} ${spec.name} would be outside the rows you may access; nothing was saved`);
}

/**
 * Whether `row` satisfies `scope` by plain equality: every condition a scalar field compared with
 * a string, number, boolean or bigint that the row holds exactly. Identical values also match in
 * the database, so true is conclusive; false only means "ask the database".
 */
function matchesByEquality(spec: ModelSpec<any>, scope: Where, row: Row): boolean {
  return Object.entries(scope).every(([field, value]) =>
    field in spec.fields && !(field in spec.relations) && ['string', 'number', 'boolean', 'bigint'].includes(typeof value) && row[field] === value);
}

/** `data` already validated (writable fields only); returns the row as written. */
export async function createRow(spec: ModelSpec<any>, args: { readonly data: Row }, ctx: OpContext): Promise<Row> {
  const scope = scopeOf(spec, ctx.user);
  // Server-set values win over anything in `data` (the validators do not offer them anyway).
  const fixed = spec.fixed && ctx.user != null ? spec.fixed(ctx.user) : {};
  const data = { ...args.data, ...fixed };
  ctx.signal.throwIfAborted();
  // One INSERT whose own server-set values put the row in scope (the owner scope
  // `authorId: '$user.id'`) needs no transaction where the driver runs it inline (SQLite through
  // better-sqlite3): it commits or fails as a whole, no time limit can pass while it runs, and
  // SQLite stores the values it is given (a BEFORE trigger cannot change them). Elsewhere it keeps
  // one: an INSERT blocked past the call's time limit (a lock on the row it refers to) is rolled
  // back, not committed after the caller was told it timed out.
  if (runsInline(ctx.prisma) && (!scope || matchesByEquality(spec, scope, fixed))) {
    const created = await uninterrupted(ctx.signal, () => delegate(ctx.prisma, spec, ctx.signal).create({ data, select: allFields(spec) }));
    return serializeRow(spec, ctx.models, created);
  }
  const row = await transaction(ctx.prisma, async (tx) => {
    const db = delegate(tx, spec, ctx.signal);
    const created = await db.create({ data, select: allFields(spec) });
    // The owner scope can be checked on the returned row itself, without a query.
    if (scope && !matchesByEquality(spec, scope, created)) await assertInScope(db, spec, created, scope, 'new');
    return created;
  }, ctx.signal);
  return serializeRow(spec, ctx.models, row);
}

export async function updateRow(spec: ModelSpec<any>, args: { readonly where: Row; readonly data: Row }, ctx: OpContext): Promise<Row> {
  const scope = scopeOf(spec, ctx.user);
  ctx.signal.throwIfAborted();
  const row = await transaction(ctx.prisma, async (tx) => {
    const db = delegate(tx, spec, ctx.signal);
    const existing = await db.findFirst({ where: and(flattenUnique(spec, args.where), scope), select: selectFields(primaryKey(spec)) });
    if (!existing) throw notFound(spec.name);
    const updated = await db.update({ where: keyUnique(spec, existing), data: args.data, select: allFields(spec) });
    if (scope && !matchesByEquality(spec, scope, updated)) await assertInScope(db, spec, updated, scope, 'updated');
    return updated;
  }, ctx.signal);
  return serializeRow(spec, ctx.models, row);
}

/** Returns the row as it was. */
export async function deleteRow(spec: ModelSpec<any>, args: { readonly where: Row }, ctx: OpContext): Promise<Row> {
  const scope = scopeOf(spec, ctx.user);
  ctx.signal.throwIfAborted();
  const row = await transaction(ctx.prisma, async (tx) => {
    const db = delegate(tx, spec, ctx.signal);
    const existing = await db.findFirst({ where: and(flattenUnique(spec, args.where), scope), select: allFields(spec) });
    if (!existing) throw notFound(spec.name);
    await db.delete({ where: keyUnique(spec, existing) });
    return existing;
  }, ctx.signal);
  return serializeRow(spec, ctx.models, row);
}

/**
 * What a write touched, for its audit record: the written row's key (`42`, or `{ authorId, title }`),
 * else, when the call failed, the unique selector the caller named (`args.where`).
 */
export function auditTarget(spec: ModelSpec<any>, action: string, args: unknown, value: unknown): AuditTarget {
  const key = primaryKey(spec);
  if (value && typeof value === 'object' && key.length > 0) {
    const where = keyWhere(spec, value as Row);
    return { model: spec.name, action, ids: [key.length === 1 ? where[key[0]!] : where] };
  }
  const selector = (args as { where?: Row } | undefined)?.where;
  return { model: spec.name, action, ids: selector ? [flattenUnique(spec, selector)] : [] };
}
