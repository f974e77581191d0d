// One set of validators per model, built from its ModelSpec the first time a tool needs them and
// shared by the per-model tools and compact `query`/`mutate`: one runtime, two surfaces.
//
// They are built at run time from the registry rather than emitted per model, so a `where` can
// reach relations of relations (`visit: { is: { patient: { is: {...} } } }`) without generated
// modules importing each other (ESM cycles). Each model's where at each depth is one shared
// definition (`VisitWhere2`), never a recursive `$ref`: many MCP clients fail on those.
import { z } from 'zod';
import * as f from './filters.js';
import type { FieldSpec, ModelSpec, Registry } from '../core/spec.js';

export interface ModelValidators {
  /** The descriptors the builders in filters.ts take. */
  readonly fields: f.Fields;
  /** A row as tools return it, every member optional (`select`). */
  readonly row: z.ZodType;
  /** Target row schema per exposed relation, for `include`. */
  readonly related: Readonly<Record<string, z.ZodType>>;
  /** Prisma `where`: own fields, relation filters down to `relationDepth`, AND/OR/NOT. */
  readonly where: z.ZodType;
  /** `[{ field: 'asc' | 'desc' }]` over the sortable fields. */
  readonly orderBy: z.ZodType;
  /** Exactly one unique key; absent for keyless models. */
  readonly unique?: z.ZodType;
  /** `data` of create / update, when the model allows them. */
  readonly create?: z.ZodType;
  readonly update?: z.ZodType;
  /** Fields for `orderBy` and groupBy's `by`. */
  readonly sortable: readonly string[];
  /** Fields for `_sum` / `_avg`. */
  readonly numeric: readonly string[];
  /** Fields for `_min` / `_max`. */
  readonly comparable: readonly string[];
}

/** Default for `ModelSpec.relationDepth`. */
export const DEFAULT_RELATION_DEPTH = 2;

const ORDERED = new Set(['String', 'Int', 'Float', 'DateTime', 'BigInt', 'Decimal']);
const NUMERIC = new Set(['Int', 'Float', 'BigInt', 'Decimal']);

export const isSortable = (s: FieldSpec): boolean => !s.list && (ORDERED.has(s.kind) || s.kind === 'Enum' || s.kind === 'Boolean');
export const isNumeric = (s: FieldSpec): boolean => !s.list && NUMERIC.has(s.kind);
export const isComparable = (s: FieldSpec): boolean => !s.list && ORDERED.has(s.kind);

const registries = new WeakMap<ModelSpec<any>, Registry>();

/** Marks `models` as the registry its specs belong to (generated registry.ts calls it once). */
export function defineRegistry<R extends Registry>(models: R): R {
  for (const spec of Object.values(models)) registries.set(spec, models);
  return models;
}

/** The registry `spec` was defined in (relation filters reach the other models through it). */
export function registryOf(spec: ModelSpec<any>): Registry {
  const models = registries.get(spec);
  // Building without it would silently drop every relation filter.
  if (!models) throw new Error(`${spec.name} is in no registry: import the generated registry.ts (defineRegistry) before listing tools`);
  return models;
}

const memo = new WeakMap<ModelSpec<any>, ModelValidators>();

/** The validators of `spec`, built once per process. */
export function validatorsOf(spec: ModelSpec<any>, models: Registry = registryOf(spec)): ModelValidators {
  let v = memo.get(spec);
  if (!v) {
    v = build(spec, models);
    memo.set(spec, v);
  }
  return v;
}

function namesWhere(spec: ModelSpec<any>, test: (s: FieldSpec) => boolean): string[] {
  return Object.entries(spec.fields).filter(([, s]) => test(s)).map(([name]) => name);
}

function descriptors(spec: ModelSpec<any>): f.Fields {
  return Object.fromEntries(Object.entries(spec.fields).map(([name, s]) => [name, f.toField(s)]));
}

function scalarWhere(spec: ModelSpec<any>): z.ZodType {
  const enums = Object.fromEntries(Object.values(spec.fields).flatMap((s) => (s.enum ? [[s.enum.name, s.enum.values]] : [])));
  return f.scalarWhere(spec.name, descriptors(spec), { insensitive: spec.insensitive === true, enums });
}

/** `spec`'s where clause reaching `depth` relations further; depth 0 is its own fields only. */
export function whereClause(spec: ModelSpec<any>, models: Registry, depth: number): z.ZodType {
  const scalar = scalarWhere(spec);
  const relations = Object.entries(spec.relations).filter(([, r]) => models[r.model]);
  if (depth <= 0 || relations.length === 0) return scalar;
  return f.shared(`${spec.name}Where${depth}`, () => {
    const shape: Record<string, z.ZodType> = { ...(scalar as z.ZodObject).shape };
    for (const [name, r] of relations) {
      const target = whereClause(models[r.model]!, models, depth - 1);
      shape[name] = r.list ? f.toMany(target) : f.toOne(target, { nullable: r.nullable === true });
    }
    return z.strictObject(shape);
  });
}

function build(spec: ModelSpec<any>, models: Registry): ModelValidators {
  const fields = descriptors(spec);
  const operations = spec.operations ?? [];
  const writable = spec.writable ?? [];
  const sortable = namesWhere(spec, isSortable);
  const clause = whereClause(spec, models, spec.relationDepth ?? DEFAULT_RELATION_DEPTH) as z.ZodObject;
  const clauses = z.array(clause).max(50).optional();
  const keyNames = spec.keys.map((k, i) => spec.keyNames?.[i] ?? k.join('_'));
  const related = Object.fromEntries(
    Object.entries(spec.relations).flatMap(([name, r]) => {
      const target = models[r.model];
      return target ? [[name, f.row(descriptors(target))]] : [];
    }),
  );
  return {
    fields,
    row: f.row(fields),
    related,
    where: clause.extend({ AND: clauses, OR: clauses, NOT: clauses }),
    orderBy: f.orderBy(sortable),
    ...(spec.keys.length > 0 ? { unique: f.unique(fields, Object.fromEntries(spec.keys.map((k, i) => [keyNames[i]!, k]))) } : {}),
    ...(operations.includes('create') ? { create: f.createData(fields, writable, spec.createOptional ?? []) } : {}),
    ...(operations.includes('update') ? { update: f.updateData(fields, writable) } : {}),
    sortable,
    numeric: namesWhere(spec, isNumeric),
    comparable: namesWhere(spec, isComparable),
  };
}
