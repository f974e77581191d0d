// Compact `args` in Prisma Client syntax → the arguments of the shared operations (model-read.ts,
// model-write.ts). Validation uses the model's own validators (validators.ts): the same `where`,
// `orderBy`, unique keys and `data` schemas as the per-model tools, so both surfaces accept and
// refuse exactly the same things. Only the Prisma-shaped wrappers (`select: { a: true }`,
// `_sum: { a: true }`, `by`) are checked here.
import { z } from 'zod';
import { groupHaving, groupOrderBy } from '../../data/group-by.js';
import type { AggregateArgs, GetArgs, ListArgs } from '../../data/read.js';
import type { ModelSpec, Registry } from '../../core/spec.js';
import { validatorsOf } from '../../data/validators.js';
import type { CompactOperation } from './operations.js';

const flag = z.boolean().optional();

function flags(names: readonly string[]): z.ZodType {
  return z.strictObject(Object.fromEntries(names.map((n) => [n, flag])));
}

const skip = () => z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional();
const take = (spec: ModelSpec<any>) => z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional().describe(`at most ${spec.maxTake}`);

function schemaFor(spec: ModelSpec<any>, models: Registry, operation: CompactOperation): z.ZodType {
  const v = validatorsOf(spec, models);
  const fields = Object.keys(spec.fields);
  const relations = Object.keys(spec.relations);
  const selection = { select: flags([...fields, ...relations]).optional(), include: flags(relations).optional() };
  const aggregates = {
    _count: z.union([z.literal(true), flags(['_all', ...fields])]).optional(),
    _sum: flags(v.numeric).optional(),
    _avg: flags(v.numeric).optional(),
    _min: flags(v.comparable).optional(),
    _max: flags(v.comparable).optional(),
  };
  switch (operation) {
    case 'findMany':
      return z.strictObject({ where: v.where.optional(), orderBy: v.orderBy.optional(), take: take(spec), cursor: z.string().optional(), ...selection });
    case 'findFirst':
      return z.strictObject({ where: v.where.optional(), orderBy: v.orderBy.optional(), ...selection });
    case 'findUnique':
      return z.strictObject({ where: v.unique ?? z.never(), ...selection });
    case 'count':
      return z.strictObject({ where: v.where.optional() });
    case 'aggregate':
      return z.strictObject({ where: v.where.optional(), ...aggregates });
    case 'groupBy':
      return z.strictObject({
        by: v.sortable.length ? z.array(z.enum(v.sortable as [string, ...string[]])).min(1) : z.never(),
        where: v.where.optional(),
        orderBy: groupOrderBy(spec, v).optional(),
        having: groupHaving(spec, v).optional(),
        take: take(spec),
        skip: skip(),
        ...aggregates,
      });
    case 'create':
      return z.strictObject({ data: v.create ?? z.never() });
    case 'update':
      return z.strictObject({ where: v.unique ?? z.never(), data: v.update ?? z.never() });
    case 'delete':
      return z.strictObject({ where: v.unique ?? z.never() });
  }
}

const schemas = new WeakMap<ModelSpec<any>, Map<CompactOperation, z.ZodType>>();

/** The args schema of `operation` on `spec`, built once. */
export function argsSchema(spec: ModelSpec<any>, models: Registry, operation: CompactOperation): z.ZodType {
  let byOp = schemas.get(spec);
  if (!byOp) schemas.set(spec, (byOp = new Map()));
  let schema = byOp.get(operation);
  if (!schema) byOp.set(operation, (schema = schemaFor(spec, models, operation)));
  return schema;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Prisma's shorthands the validators do not take, rewritten before validation: an `orderBy`
 * object (`{ a: 'asc', b: 'desc' }`) becomes a list of one-key objects; a single `by` field a list.
 */
export function normalize(args: Record<string, unknown>): Record<string, unknown> {
  const out = { ...args };
  if (isObject(out['orderBy'])) out['orderBy'] = Object.entries(out['orderBy']).map(([k, d]) => ({ [k]: d }));
  if (typeof out['by'] === 'string') out['by'] = [out['by']];
  return out;
}

const on = (o: unknown): string[] => (isObject(o) ? Object.keys(o).filter((k) => o[k] === true) : []);

/** `select`/`include` objects → the field and relation lists the operations take. */
export function selection(spec: ModelSpec<any>, args: Record<string, unknown>): { select?: string[]; include?: string[] } {
  const include = new Set(on(args['include']));
  let select: string[] | undefined;
  if (args['select'] !== undefined) {
    select = [];
    for (const name of on(args['select'])) (name in spec.relations ? include.add(name) : select.push(name));
  }
  return { ...(select ? { select } : {}), ...(include.size ? { include: [...include] } : {}) };
}

export function listArgs(spec: ModelSpec<any>, args: Record<string, unknown>): ListArgs {
  const { select: _s, include: _i, ...rest } = args;
  return { ...(rest as ListArgs), ...selection(spec, args) };
}

export function getArgs(spec: ModelSpec<any>, args: Record<string, unknown>): GetArgs {
  return { where: args['where'] as Record<string, unknown>, ...selection(spec, args) };
}

export function aggregateArgs(args: Record<string, unknown>): AggregateArgs {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(args)) {
    if (key === '_count' && value === true) out[key] = ['_all'];
    else if (key.startsWith('_')) {
      const names = on(value);
      if (names.length) out[key] = names;
    } else out[key] = value;
  }
  return out as AggregateArgs;
}
