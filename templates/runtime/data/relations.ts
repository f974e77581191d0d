// Includes of related rows, with the target's scope applied: to-many includes are filtered in the
// query; to-one includes cannot be filtered by Prisma, so they are verified with a second scoped
// query and replaced by null when out of scope.
import { delegate, keyWhere, primaryKey, selectFields, type Row } from './db.js';
import { and, scopeOf } from './scope.js';
import type { ModelSpec, Registry } from '../core/spec.js';

/** The Prisma `select` for `fields` (plus the first key, for paging and checks) and `include`. */
export function buildSelect(spec: ModelSpec<any>, models: Registry, user: unknown, fields: readonly string[], include: readonly string[]): Row {
  const select: Row = selectFields(new Set([...fields, ...primaryKey(spec)]));
  for (const name of include) {
    const relation = spec.relations[name];
    const target = relation && models[relation.model];
    if (!relation || !target) continue;
    const targetSelect = selectFields(Object.keys(target.fields));
    if (relation.list) {
      const scope = scopeOf(target, user);
      select[name] = {
        select: targetSelect,
        ...(scope ? { where: scope } : {}),
        orderBy: primaryKey(target).map((f) => ({ [f]: 'asc' })),
        take: target.maxTake,
      };
    } else {
      select[name] = { select: targetSelect };
    }
  }
  return select;
}

/** Replaces to-one related rows that are out of the target's scope by null (in place). */
export async function hideOutOfScopeToOne(spec: ModelSpec<any>, models: Registry, prisma: unknown, user: unknown, rows: Row[], include: readonly string[], signal?: AbortSignal): Promise<void> {
  for (const name of include) {
    const relation = spec.relations[name];
    const target = relation && models[relation.model];
    if (!relation || relation.list || !target) continue;
    const scope = scopeOf(target, user);
    if (!scope) continue;
    const related = rows.map((r) => r[name]).filter((r): r is Row => typeof r === 'object' && r !== null);
    if (related.length === 0) continue;
    const key = primaryKey(target);
    let visible = new Set<string>();
    if (key.length > 0) {
      const found = await delegate(prisma, target, signal).findMany({
        where: and({ OR: related.map((r) => keyWhere(target, r)) }, scope),
        select: selectFields(key),
      });
      visible = new Set(found.map((r) => keyString(target, r)));
    }
    // A keyless target cannot be verified row by row: hide it.
    for (const row of rows) {
      const value = row[name];
      if (typeof value === 'object' && value !== null && !visible.has(keyString(target, value as Row))) row[name] = null;
    }
  }
}

function keyString(spec: ModelSpec<any>, row: Row): string {
  return primaryKey(spec)
    .map((f) => {
      const v = row[f];
      return v instanceof Date ? v.toISOString() : v instanceof Uint8Array ? Buffer.from(v).toString('base64') : String(v);
    })
    .join('\u0000');
}
