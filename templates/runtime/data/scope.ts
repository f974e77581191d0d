// Row scoping on every path. The caller's own `where` is rewritten so relation filters into a
// scoped model carry that model's scope, then AND-ed with the model's own scope. Includes of scoped
// relations get the scope too (to-many via `where`, to-one checked afterwards: see model-read.ts).
import { ToolError } from '../core/errors.js';
import type { ModelSpec, Registry, Where } from '../core/spec.js';

/** The scope of `spec` for `user`, or undefined when the model is not scoped. */
export function scopeOf(spec: ModelSpec<any>, user: unknown): Where | undefined {
  if (!spec.scope) return undefined;
  // A scoped model without a user would mean "every row"; refuse rather than guess.
  if (user === null || user === undefined) throw new ToolError(`${spec.name} is scoped per user; this request has no user`);
  return spec.scope(user);
}

/** AND of the given filters, dropping absent ones. */
export function and(...filters: (Where | undefined)[]): Where {
  const present = filters.filter((f): f is Where => f !== undefined && Object.keys(f).length > 0);
  if (present.length === 0) return {};
  if (present.length === 1) return present[0]!;
  return { AND: present };
}

/** The caller's `where` with relation filters scoped, AND-ed with the model's own scope. */
export function scopedWhere(spec: ModelSpec<any>, models: Registry, where: Where | undefined, user: unknown): Where {
  return and(where ? rewriteWhere(spec, models, where, user) : undefined, scopeOf(spec, user));
}

const LOGICAL = new Set(['AND', 'OR', 'NOT']);

/** Rewrites relation filters (recursively, through AND/OR/NOT) so they only see rows in scope. */
export function rewriteWhere(spec: ModelSpec<any>, models: Registry, where: Where, user: unknown): Where {
  const out: Where = {};
  for (const [key, value] of Object.entries(where)) {
    if (LOGICAL.has(key)) {
      out[key] = Array.isArray(value)
        ? value.map((w) => rewriteWhere(spec, models, w as Where, user))
        : rewriteWhere(spec, models, value as Where, user);
      continue;
    }
    const relation = spec.relations[key];
    if (!relation) {
      out[key] = value;
      continue;
    }
    const target = models[relation.model];
    // Unreachable through the schemas; refuse rather than pass an unscoped filter to Prisma.
    if (!target) throw new ToolError(`relation ${spec.name}.${key} cannot be filtered`);
    out[key] = rewriteRelationFilter(target, models, (value ?? {}) as Where, relation.list, user);
  }
  return out;
}

function rewriteRelationFilter(target: ModelSpec<any>, models: Registry, filter: Where, list: boolean, user: unknown): Where {
  const scope = scopeOf(target, user);
  const inner = (w: unknown): Where => rewriteWhere(target, models, (w ?? {}) as Where, user);
  const scoped = (w: unknown): Where => and(inner(w), scope);
  const operators = list ? ['some', 'every', 'none'] : ['is', 'isNot'];
  const plain = Object.keys(filter).every((k) => operators.includes(k));
  if (!plain && list) throw new ToolError(`a filter on a list of ${target.name} rows takes some, every or none`);
  // Prisma's to-one shorthand (`author: { email: ... }`) means `is`; normalize before rewriting.
  const normalized = plain ? filter : { is: filter };
  const out: Where = {};
  const nones: Where[] = [];
  for (const [op, value] of Object.entries(normalized)) {
    // `is: null` / `isNot: null` test whether a related row exists at all; they carry no row values.
    if (value === null) {
      out[op] = null;
    } else if (op === 'some' || op === 'is' || op === 'isNot') {
      out[op] = scoped(value);
    } else if (op === 'none') {
      nones.push(scoped(value));
    } else if (op === 'every') {
      // "Every related row in scope matches X" = no row in scope fails X.
      if (scope) nones.push({ AND: [scope, { NOT: inner(value) }] });
      else out['every'] = inner(value);
    }
  }
  if (nones.length === 1) out['none'] = nones[0];
  if (nones.length > 1) out['none'] = { OR: nones };
  return out;
}
