// Zod building blocks for the emitted tool schemas: input codecs (JSON → Prisma values), output
// value schemas, and filters in Prisma Client's own syntax. Copied verbatim into <output>/runtime/.
//
// Reusable schemas carry `.meta({ id })`, so a tool's JSON Schema holds each of them once under
// `definitions` and `$ref`s it. They are memoized by id: an id is registered once per process.
// Filter schemas are already `.optional()` so a property refers to them with a bare `$ref`.
import { z } from 'zod';

export type ScalarKind = 'String' | 'Int' | 'Float' | 'BigInt' | 'Decimal' | 'DateTime' | 'Boolean';

const memo = new Map<string, z.ZodType>();

function once<T extends z.ZodType>(id: string, make: () => T): T {
  let schema = memo.get(id) as T | undefined;
  if (!schema) {
    schema = make().meta({ id }) as T;
    memo.set(id, schema);
  }
  return schema;
}

/** The id a schema was registered with (`.meta({ id })`), if any. */
export function schemaId(schema: z.ZodType): string | undefined {
  const id = z.globalRegistry.get(schema)?.id;
  return typeof id === 'string' ? id : undefined;
}

// ---------------------------------------------------------------------------------------------
// Input codecs

const INTEGER = /^-?\d+$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Total: zod runs refinements even when the union already failed; that failure says enough. */
function inInt64Range(v: string | number): boolean {
  if (typeof v === 'number' ? !Number.isInteger(v) : !INTEGER.test(v)) return true;
  const b = BigInt(v);
  return b >= INT64_MIN && b <= INT64_MAX;
}
const DECIMAL = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

const codecs = {
  BigInt: () =>
    z
      .union([z.string().regex(INTEGER, 'expected an integer as a decimal string, e.g. "42"'), z.number().int()])
      .refine(inInt64Range, { message: 'out of range for a 64-bit integer' })
      .transform((v) => BigInt(v))
      .describe('64-bit integer as a decimal string (safe integers also accepted)'),
  Decimal: () =>
    z
      .union([z.string().regex(DECIMAL, 'expected a decimal number as a string, e.g. "12.50"'), z.number()])
      .transform((v) => (typeof v === 'number' ? String(v) : v))
      .describe('Decimal as a string, e.g. "12.50" (numbers also accepted)'),
  DateTime: () =>
    z
      .string()
      .refine((s) => ISO_DATE_TIME.test(s) && !Number.isNaN(Date.parse(s)), {
        message: 'expected an ISO-8601 date-time, e.g. "2024-05-01T12:00:00Z"',
      })
      .transform((s) => new Date(s))
      .describe('ISO-8601 date-time, e.g. 2024-05-01T12:00:00Z'),
  Bytes: () =>
    z
      .string()
      .refine((s) => s.length % 4 === 0 && BASE64.test(s), { message: 'expected base64' })
      .transform((s) => new Uint8Array(Buffer.from(s, 'base64')))
      .describe('Bytes as base64'),
  // Prisma's Int is 32-bit everywhere; a larger value would fail inside the database driver.
  Int: () => z.number().int().min(-2147483648).max(2147483647),
};

/** Int: a 32-bit integer, as Prisma's Int is everywhere. */
export const intIn = once('IntInput', codecs.Int);

/** BigInt: a decimal string (or a safe integer) → bigint. */
export const bigIntIn = once('BigIntInput', codecs.BigInt);

/** Decimal: a string or number → a validated decimal string (Prisma takes strings exactly). */
export const decimalIn = once('DecimalInput', codecs.Decimal);

/** DateTime: an ISO-8601 string → Date. */
export const dateTimeIn = once('DateTimeInput', codecs.DateTime);

/** Bytes: base64 → Uint8Array. */
export const bytesIn = once('BytesInput', codecs.Bytes);

/** Json: any JSON value except null (Prisma needs JsonNull/DbNull for that, which generated code cannot name). */
export const jsonIn = once('JsonInput', () =>
  z.unknown().refine((v) => v !== null && v !== undefined, { message: 'expected a JSON value (null is not supported)' }).describe('Any JSON value'),
);

// ---------------------------------------------------------------------------------------------
// Output value schemas (what values.ts produces)

export const bigIntOut = once('BigIntOutput', () => z.string().describe('64-bit integer as a decimal string'));
export const decimalOut = once('DecimalOutput', () => z.string().describe('Decimal as a string'));
export const dateTimeOut = once('DateTimeOutput', () => z.string().describe('ISO-8601 date-time'));
export const bytesOut = once('BytesOutput', () => z.string().describe('Bytes as base64'));
export const jsonOut = once('JsonOutput', () => z.unknown().describe('Any JSON value'));

/**
 * One filter operand of a scalar kind. Already optional (filter members are), and the longer
 * ones are shared definitions (`IntValue`, ...) so a filter refers to them with a bare `$ref`.
 */
export function valueIn(kind: ScalarKind): z.ZodOptional {
  switch (kind) {
    case 'String':
      return z.string().optional();
    case 'Float':
      return z.number().optional();
    case 'Boolean':
      return z.boolean().optional();
    case 'Int':
    case 'BigInt':
    case 'Decimal':
    case 'DateTime':
      return once(`${kind}Value`, () => codecs[kind]().optional());
  }
}

// ---------------------------------------------------------------------------------------------
// Filters

const MAX_IN = 1000;

export interface ScalarFilterOptions {
  readonly nullable?: boolean;
  /** Adds `mode: 'insensitive'` to String filters; only where the database has it (PostgreSQL). */
  readonly insensitive?: boolean;
}

/** A Prisma scalar filter; a bare value is shorthand for `equals`. */
export function scalarFilter(kind: ScalarKind, options: ScalarFilterOptions = {}): z.ZodOptional {
  const nullable = options.nullable === true;
  const insensitive = kind === 'String' && options.insensitive === true;
  const id = `${nullable ? 'Nullable' : ''}${kind}Filter${insensitive ? 'Insensitive' : ''}`;
  return once(id, () => {
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
export function enumFilter(name: string, values: readonly [string, ...string[]], options: { readonly nullable?: boolean } = {}): z.ZodOptional {
  const nullable = options.nullable === true;
  return once(`${nullable ? 'Nullable' : ''}${name}Filter`, () => {
    const value = z.enum(values);
    const maybeNull = nullable ? value.nullable() : value;
    const list = z.array(value).max(MAX_IN);
    const filter = z.strictObject({ equals: maybeNull.optional(), not: maybeNull.optional(), in: list.optional(), notIn: list.optional() });
    return z.union([maybeNull, filter]).optional();
  });
}

/** Filter on a scalar list column (PostgreSQL): has, hasSome, hasEvery, isEmpty. */
export function listFilter(kind: ScalarKind | { readonly enum: string; readonly values: readonly [string, ...string[]] }): z.ZodOptional {
  const name = typeof kind === 'string' ? kind : kind.enum;
  return once(`${name}ListFilter`, () => {
    const value = typeof kind === 'string' ? valueIn(kind) : z.enum(kind.values).optional();
    const list = z.array(value).max(MAX_IN);
    return z.strictObject({ has: value, hasSome: list.optional(), hasEvery: list.optional(), isEmpty: z.boolean().optional() }).optional();
  });
}

/** To-one relation filter: `is` / `isNot` over the target's scalar where. */
export function toOne(target: z.ZodType, options: { readonly nullable?: boolean } = {}): z.ZodOptional {
  const make = () => {
    const inner = options.nullable ? target.nullable() : target;
    return z.strictObject({ is: inner.optional(), isNot: inner.optional() }).optional();
  };
  const id = schemaId(target);
  return id ? once(`${id}${options.nullable ? 'Nullable' : ''}ToOne`, make) : make();
}

/** To-many relation filter: `some` / `every` / `none` over the target's scalar where. */
export function toMany(target: z.ZodType): z.ZodOptional {
  const make = () => z.strictObject({ some: target.optional(), every: target.optional(), none: target.optional() }).optional();
  const id = schemaId(target);
  return id ? once(`${id}ToMany`, make) : make();
}

/** A model's scalar-only where (id `<Model>ScalarWhere`): what relation filters of other models use. */
export function scalarWhere(model: string, shape: Readonly<Record<string, z.ZodType>>): z.ZodObject {
  return once(`${model}ScalarWhere`, () => z.strictObject(optionalShape(shape)));
}

/**
 * A model's top-level `where`: the field/relation shape plus `AND`/`OR`/`NOT` arrays of the same
 * shape without further logical nesting (bounded: many MCP clients fail on recursive `$ref`s).
 */
export function where(model: string, shape: Readonly<Record<string, z.ZodType>>): z.ZodObject {
  const clause = once(`${model}WhereClause`, () => z.strictObject(optionalShape(shape)));
  const clauses = z.array(clause).max(50).optional();
  return clause.extend({ AND: clauses, OR: clauses, NOT: clauses });
}

/** `orderBy`: an array of single-key objects such as `[{ title: 'desc' }]`. */
export function orderBy(fields: readonly string[]): z.ZodArray {
  const direction = once('SortOrder', () => z.enum(['asc', 'desc']).optional());
  const shape = Object.fromEntries(fields.map((f) => [f, direction]));
  const item = z
    .strictObject(shape)
    .refine((o) => Object.keys(o).length === 1, { message: 'each orderBy entry must name exactly one field, e.g. { "id": "asc" }' })
    .meta({ minProperties: 1, maxProperties: 1 });
  return z.array(item).max(fields.length);
}

/**
 * A unique selector: one optional member per unique key, exactly one of which must be set.
 * Composite keys are nested objects, Prisma style: `authorId_title: { authorId, title }`.
 */
export function unique(keys: Readonly<Record<string, z.ZodType | Readonly<Record<string, z.ZodType>>>>): z.ZodObject {
  const names = Object.keys(keys);
  const shape = Object.fromEntries(
    names.map((name) => {
      const key = keys[name]!;
      const schema = key instanceof z.ZodType ? key : z.strictObject({ ...key });
      return [name, schema.optional()];
    }),
  );
  return z
    .strictObject(shape)
    .refine((o) => Object.values(o).filter((v) => v !== undefined).length === 1, {
      message: `set exactly one of: ${names.join(', ')}`,
    })
    .meta({ minProperties: 1, maxProperties: 1 }) as unknown as z.ZodObject;
}

function optionalShape(shape: Readonly<Record<string, z.ZodType>>): Record<string, z.ZodType> {
  return Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, v instanceof z.ZodOptional ? v : v.optional()]));
}
