// groupBy's ordering and filtering of groups, in Prisma Client's shapes, shared by full mode's
// aggregate tools and compact `query`: `orderBy` by a field of `by` or by an aggregate
// (`{ _count: { id: 'desc' } }`), `having` over aggregates (`{ id: { _count: { gt: 1 } } }`).
// Only the model's exposed fields are named; the rows grouped are the caller's (scoped `where`).
import { z } from 'zod';
import { ArgumentError } from '../core/errors.js';
import { shared } from './fields.js';
import type { ModelSpec } from '../core/spec.js';
import type { ModelValidators } from './validators.js';

export const GROUP_AGGREGATES = ['_count', '_sum', '_avg', '_min', '_max'] as const;
type Aggregate = (typeof GROUP_AGGREGATES)[number];

/** The fields each aggregate may name: every field for _count, numbers for _sum/_avg, ordered ones for _min/_max. */
function aggregateFields(spec: ModelSpec<any>, v: Pick<ModelValidators, 'numeric' | 'comparable'>): Record<Aggregate, readonly string[]> {
  return { _count: Object.keys(spec.fields), _sum: v.numeric, _avg: v.numeric, _min: v.comparable, _max: v.comparable };
}

const direction = () => shared('SortOrder', () => z.enum(['asc', 'desc']));

/**
 * `orderBy` of groups: `[{ authorId: 'asc' }, { _count: { id: 'desc' } }]`, one key per entry.
 * The listing stays small (names are checked here, with the path and the names allowed); whether
 * a plain field is in `by` is checked with the call (groupOrder).
 */
export function groupOrderBy(spec: ModelSpec<any>, v: Pick<ModelValidators, 'sortable' | 'numeric' | 'comparable'>): z.ZodType {
  const allowed = aggregateFields(spec, v);
  const item = z
    .record(z.string(), z.union([direction(), z.record(z.string(), direction())]))
    .superRefine((entry, ctx) => {
      const named = Object.keys(entry);
      if (named.length !== 1) return void ctx.addIssue({ code: 'custom', message: 'each orderBy entry names exactly one field or aggregate, e.g. { "_count": { "id": "desc" } }' });
      const key = named[0]!;
      const value = entry[key];
      const aggregate = (GROUP_AGGREGATES as readonly string[]).includes(key) ? (key as Aggregate) : undefined;
      if (!aggregate) {
        if (!v.sortable.includes(key)) ctx.addIssue({ code: 'custom', path: [key], message: `not a field to order by (${v.sortable.join(', ')}) nor an aggregate (${GROUP_AGGREGATES.join(', ')})` });
        else if (typeof value !== 'string') ctx.addIssue({ code: 'custom', path: [key], message: 'expected "asc" or "desc"' });
        return;
      }
      const inner = typeof value === 'object' ? Object.keys(value) : [];
      if (inner.length !== 1) return void ctx.addIssue({ code: 'custom', path: [key], message: `name exactly one field, e.g. { "${allowed[aggregate][0] ?? 'id'}": "desc" }` });
      if (!allowed[aggregate].includes(inner[0]!)) ctx.addIssue({ code: 'custom', path: [key, inner[0]!], message: `${aggregate} takes ${allowed[aggregate].join(', ') || 'no field of this model'}` });
    });
  // Bounds checked, not listed: every token of a listing is paid on every turn.
  const most = v.sortable.length + GROUP_AGGREGATES.length;
  return z.array(item).refine((entries) => entries.length <= most, `at most ${most} entries`);
}

const CONDITIONS = ['equals', 'not', 'lt', 'lte', 'gt', 'gte'];

/**
 * `having`: per field, conditions on its aggregates, e.g. `{ id: { _count: { gt: 1 } }, views:
 * { _avg: { gte: 10 } } }`. Listed as maps of numbers; names are checked here.
 */
export function groupHaving(spec: ModelSpec<any>, v: Pick<ModelValidators, 'numeric' | 'comparable'>): z.ZodType {
  const allowed = aggregateFields(spec, v);
  return z.record(z.string(), z.record(z.string(), z.record(z.string(), z.number()))).superRefine((having, ctx) => {
    for (const [field, on] of Object.entries(having)) {
      if (!(field in spec.fields)) {
        ctx.addIssue({ code: 'custom', path: [field], message: `not a field of ${spec.name} (${Object.keys(spec.fields).join(', ')})` });
        continue;
      }
      for (const [aggregate, conditions] of Object.entries(on)) {
        if (!(GROUP_AGGREGATES as readonly string[]).includes(aggregate)) {
          ctx.addIssue({ code: 'custom', path: [field, aggregate], message: `expected one of ${GROUP_AGGREGATES.join(', ')}` });
          continue;
        }
        // _min/_max compare with numbers here: of the ordered fields, only numeric ones.
        const a = aggregate as Aggregate;
        const ok = a === '_min' || a === '_max' ? v.numeric.includes(field) : allowed[a].includes(field);
        if (!ok) ctx.addIssue({ code: 'custom', path: [field, aggregate], message: `${aggregate} is not available on ${field}` });
        for (const op of Object.keys(conditions)) {
          if (!CONDITIONS.includes(op)) ctx.addIssue({ code: 'custom', path: [field, aggregate, op], message: `expected one of ${CONDITIONS.join(', ')}` });
        }
      }
    }
  });
}

/**
 * Prisma's `orderBy` for the groups: the caller's entries (a plain field must be one of `by`:
 * Prisma orders groups only by those), then every field of `by` not named yet, so pages are stable.
 */
export function groupOrder(by: readonly string[], orderBy: readonly Record<string, unknown>[] | undefined): Record<string, unknown>[] {
  const entries = orderBy ?? [];
  entries.forEach((entry, i) => {
    const key = Object.keys(entry)[0]!;
    if (!(GROUP_AGGREGATES as readonly string[]).includes(key) && !by.includes(key)) {
      throw new ArgumentError(`orderBy[${i}].${key}: not in by (${by.join(', ')}); order groups by a field of by or by an aggregate, e.g. { "_count": { "${key}": "desc" } }`);
    }
  });
  const named = new Set(entries.map((e) => Object.keys(e)[0]!));
  return [...entries, ...by.filter((field) => !named.has(field)).map((field) => ({ [field]: 'asc' }))];
}
