// Filters in Prisma Client's own syntax, built from the field descriptors (fields.ts), which this
// module re-exports: generated code imports both as one namespace (`* as f`).
// Filter schemas are already `.optional()` so a property refers to them with a bare `$ref`.
import { z } from 'zod';
import { parseField, schemaId, shared, valueIn, type Field, type Fields, type ScalarKind } from './fields.js';

export * from './fields.js';


const MAX_IN = 1000;

export interface ScalarFilterOptions {
  readonly nullable?: boolean;
  /** Adds `mode: 'insensitive'` to String filters; only where the database has it (PostgreSQL). */
  readonly insensitive?: boolean;
}

/** A Prisma scalar filter; a bare value is shorthand for `equals`. */
export function scalarFilter(kind: ScalarKind, options: ScalarFilterOptions = {}): z.ZodType {
  const nullable = options.nullable === true;
  const insensitive = kind === 'String' && options.insensitive === true;
  const id = `${nullable ? 'Nullable' : ''}${kind}Filter${insensitive ? 'Insensitive' : ''}`;
  return shared(id, () => {
    // `value` is optional already: as an array item or union member that changes nothing in JSON.
    const value = valueIn(kind);
    const maybeNull = nullable ? value.nullable() : value;
    const list = z.array(value).max(MAX_IN);
    const shape: Record<string, z.ZodType> = { equals: maybeNull, not: maybeNull, in: list.optional(), notIn: list.optional() };
    if (kind !== 'Boolean') {
      for (const op of ['lt', 'lte', 'gt', 'gte']) shape[op] = value;
    }
    if (kind === 'String') {
      for (const op of ['contains', 'startsWith', 'endsWith']) shape[op] = z.string().optional();
    }
    if (insensitive) shape['mode'] = z.enum(['default', 'insensitive']).optional();
    return z.union([maybeNull, z.strictObject(shape)]).optional();
  });
}

/** A Prisma enum filter over `values`; a bare value is shorthand for `equals`. */
export function enumFilter(name: string, values: readonly [string, ...string[]], options: { readonly nullable?: boolean } = {}): z.ZodType {
  const nullable = options.nullable === true;
  return shared(`${nullable ? 'Nullable' : ''}${name}Filter`, () => {
    const value = z.enum(values);
    const maybeNull = nullable ? value.nullable() : value;
    const list = z.array(value).max(MAX_IN);
    const filter = z.strictObject({ equals: maybeNull.optional(), not: maybeNull.optional(), in: list.optional(), notIn: list.optional() });
    return z.union([maybeNull, filter]).optional();
  });
}

/** Filter on a scalar list column (PostgreSQL): has, hasSome, hasEvery, isEmpty. */
export function listFilter(kind: ScalarKind | { readonly enum: string; readonly values: readonly [string, ...string[]] }): z.ZodType {
  const name = typeof kind === 'string' ? kind : kind.enum;
  return shared(`${name}ListFilter`, () => {
    const value = typeof kind === 'string' ? valueIn(kind) : z.enum(kind.values).optional();
    const list = z.array(value).max(MAX_IN);
    return z.strictObject({ has: value, hasSome: list.optional(), hasEvery: list.optional(), isEmpty: z.boolean().optional() }).optional();
  });
}

/**
 * To-one relation filter: `is` / `isNot` over the target's where, or Prisma's shorthand (the
 * target's where itself, meaning `is`: `author: { email: ... }`).
 */
export function toOne(target: z.ZodType, options: { readonly nullable?: boolean } = {}): z.ZodType {
  const make = () => {
    const inner = options.nullable ? target.nullable() : target;
    // One object, not a union: an error then points at the field that is wrong, not at `is`.
    const shorthand = target instanceof z.ZodObject ? target.shape : {};
    return z
      .strictObject({ ...shorthand, is: inner.optional(), isNot: inner.optional() })
      .refine((o) => !('is' in o || 'isNot' in o) || Object.keys(o).every((k) => k === 'is' || k === 'isNot'), {
        message: "use is/isNot or the related model's fields (shorthand for is), not both",
      })
      .optional();
  };
  const id = schemaId(target);
  return id ? shared(`${id}${options.nullable ? 'Nullable' : ''}ToOne`, make) : make();
}

/** To-many relation filter: `some` / `every` / `none` over the target's scalar where. */
export function toMany(target: z.ZodType): z.ZodType {
  const make = () => z.strictObject({ some: target.optional(), every: target.optional(), none: target.optional() }).optional();
  const id = schemaId(target);
  return id ? shared(`${id}ToMany`, make) : make();
}

export interface ScalarWhereOptions {
  /** String filters get `mode: 'insensitive'` (PostgreSQL, CockroachDB, MongoDB). */
  readonly insensitive?: boolean;
  /** The enums the fields use, by name (`{ Role }`): names the shared `RoleFilter` definitions. */
  readonly enums?: Readonly<Record<string, readonly [string, ...string[]]>>;
}

const FILTERABLE: ReadonlySet<string> = new Set<ScalarKind>(['String', 'Int', 'Float', 'Boolean', 'DateTime', 'BigInt', 'Decimal']);

/**
 * A model's scalar-only where (id `<Model>ScalarWhere`), from its field descriptors: one filter per
 * field that can be filtered (Json and Bytes cannot). What relation filters of other models use.
 */
export function scalarWhere(model: string, fields: Fields, options: ScalarWhereOptions = {}): z.ZodType {
  return shared(`${model}ScalarWhere`, () => {
    const enumName = (values: readonly string[]) =>
      Object.entries(options.enums ?? {}).find(([, v]) => v === values)?.[0] ?? `Enum_${values.join('_')}`;
    const shape: Record<string, z.ZodType> = {};
    for (const [name, field] of Object.entries(fields)) {
      const p = parseField(field);
      if (typeof p.base !== 'string') {
        const values = p.base as readonly [string, ...string[]];
        shape[name] = p.list
          ? listFilter({ enum: enumName(values), values })
          : enumFilter(enumName(values), values, { nullable: p.nullable });
      } else if (FILTERABLE.has(p.base)) {
        const kind = p.base as ScalarKind;
        shape[name] = p.list ? listFilter(kind) : scalarFilter(kind, { nullable: p.nullable, insensitive: options.insensitive === true });
      }
    }
    return z.strictObject(optionalShape(shape));
  });
}

/**
 * A model's top-level `where`: its scalar where's fields, the relation filters, and `AND`/`OR`/`NOT`
 * arrays of the same shape without further logical nesting (bounded: many MCP clients fail on
 * recursive `$ref`s).
 */
export function where(model: string, scalar: z.ZodType, relations: Readonly<Record<string, z.ZodType>> = {}): z.ZodType {
  const clause = shared(`${model}WhereClause`, () => z.strictObject(optionalShape({ ...(scalar as z.ZodObject).shape, ...relations })));
  const clauses = z.array(clause).max(50).optional();
  return clause.extend({ AND: clauses, OR: clauses, NOT: clauses });
}

/** `orderBy`: an array of single-key objects such as `[{ title: 'desc' }]`. */
export function orderBy(fields: readonly string[]): z.ZodType {
  if (fields.length === 0) return z.array(z.strictObject({})).max(0);
  const direction = shared('SortOrder', () => z.enum(['asc', 'desc']));
  // A partial record keeps the JSON Schema to one list of names (propertyNames), not one member per field.
  const item = z
    .partialRecord(z.enum(fields as [string, ...string[]]), direction)
    .refine((o) => Object.keys(o).length === 1, {
      message: 'each orderBy entry must name exactly one field, e.g. { "id": "asc" }',
      when: (payload) => payload.issues.length === 0, // an unknown field is reported as such
    })
    .meta({ minProperties: 1, maxProperties: 1 });
  return z.array(item).max(fields.length);
}

function optionalShape(shape: Readonly<Record<string, z.ZodType>>): Record<string, z.ZodType> {
  return Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, v instanceof z.ZodOptional ? v : v.optional()]));
}
