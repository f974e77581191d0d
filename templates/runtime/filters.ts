// Zod building blocks for the emitted tool schemas: input codecs (JSON → Prisma values), output
// value schemas, and filters in Prisma Client's own syntax. Copied verbatim into <output>/runtime/.
//
// Reusable schemas carry `.meta({ id })`, so a tool's JSON Schema holds each of them once under
// `definitions` and `$ref`s it. They are memoized by id: an id is registered once per process.
// Filter schemas are already `.optional()` so a property refers to them with a bare `$ref`.
import { z } from 'zod';
import type { FieldKind, FieldSpec } from './spec.js';

export type ScalarKind = 'String' | 'Int' | 'Float' | 'BigInt' | 'Decimal' | 'DateTime' | 'Boolean';

const memo = new Map<string, z.ZodType>();

/** `make()` registered under `id` (once per process), so tool schemas `$ref` it from `definitions`. */
export function shared<T extends z.ZodType>(id: string, make: () => T): T {
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
export const intIn = shared('IntInput', codecs.Int);

/** BigInt: a decimal string (or a safe integer) → bigint. */
export const bigIntIn = shared('BigIntInput', codecs.BigInt);

/** Decimal: a string or number → a validated decimal string (Prisma takes strings exactly). */
export const decimalIn = shared('DecimalInput', codecs.Decimal);

/** DateTime: an ISO-8601 string → Date. */
export const dateTimeIn = shared('DateTimeInput', codecs.DateTime);

/** Bytes: base64 → Uint8Array. */
export const bytesIn = shared('BytesInput', codecs.Bytes);

/** Json: any JSON value except null (Prisma needs JsonNull/DbNull for that, which generated code cannot name). */
export const jsonIn = shared('JsonInput', () =>
  z.unknown().refine((v) => v !== null && v !== undefined, { message: 'expected a JSON value (null is not supported)' }).describe('Any JSON value'),
);

// ---------------------------------------------------------------------------------------------
// Output value schemas (what values.ts produces)

export const bigIntOut = shared('BigIntOutput', () => z.string().describe('64-bit integer as a decimal string'));
export const decimalOut = shared('DecimalOutput', () => z.string().describe('Decimal as a string'));
export const dateTimeOut = shared('DateTimeOutput', () => z.string().describe('ISO-8601 date-time'));
export const bytesOut = shared('BytesOutput', () => z.string().describe('Bytes as base64'));
export const jsonOut = shared('JsonOutput', () => z.unknown().describe('Any JSON value'));

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
      return shared(`${kind}Value`, () => codecs[kind]().optional());
  }
}

// ---------------------------------------------------------------------------------------------
// Field descriptors: how generated code names a field's type without spelling out zod chains.
// Plain data keeps the generated modules cheap for the TypeScript checker; this file turns it
// into zod once, at startup.

export type Scalar = ScalarKind | 'Json' | 'Bytes';

/** `'Int'`, `'String?'` (nullable), `'String[]'` (scalar list). */
export type TypeName = Scalar | `${Scalar}?` | `${Scalar}[]`;

/** An enum field: the values come from enums.ts. */
export interface EnumField {
  readonly enum: readonly [string, ...string[]];
  readonly nullable?: boolean;
  readonly list?: boolean;
  readonly doc?: string;
}

/** A scalar field with a description (from the schema's `///` comment). */
export interface DocField {
  readonly type: TypeName;
  readonly doc: string;
}

export type Field = TypeName | DocField | EnumField;
export type Fields = Readonly<Record<string, Field>>;

interface Parsed {
  readonly base: Scalar | readonly [string, ...string[]];
  readonly nullable: boolean;
  readonly list: boolean;
  readonly doc: string | undefined;
}

function parseField(field: Field): Parsed {
  if (typeof field === 'object' && 'enum' in field) {
    return { base: field.enum, nullable: field.nullable === true, list: field.list === true, doc: field.doc };
  }
  const name = typeof field === 'string' ? field : field.type;
  const doc = typeof field === 'string' ? undefined : field.doc;
  if (name.endsWith('?')) return { base: name.slice(0, -1) as Scalar, nullable: true, list: false, doc };
  if (name.endsWith('[]')) return { base: name.slice(0, -2) as Scalar, nullable: false, list: true, doc };
  return { base: name as Scalar, nullable: false, list: false, doc };
}

const OUTPUT: Record<Scalar, () => z.ZodType> = {
  String: () => z.string(),
  Int: () => z.number().int(),
  Float: () => z.number(),
  Boolean: () => z.boolean(),
  DateTime: () => dateTimeOut,
  BigInt: () => bigIntOut,
  Decimal: () => decimalOut,
  Json: () => jsonOut,
  Bytes: () => bytesOut,
};

const INPUT: Record<Scalar, () => z.ZodType> = {
  String: () => z.string(),
  Int: () => intIn,
  Float: () => z.number(),
  Boolean: () => z.boolean(),
  DateTime: () => dateTimeIn,
  BigInt: () => bigIntIn,
  Decimal: () => decimalIn,
  Json: () => jsonIn,
  Bytes: () => bytesIn,
};

function fieldSchema(field: Field, table: Record<Scalar, () => z.ZodType>, role: 'value' | 'key'): z.ZodType {
  const p = parseField(field);
  let schema: z.ZodType = typeof p.base === 'string' ? table[p.base]() : z.enum(p.base as [string, ...string[]]);
  if (p.list) schema = z.array(schema);
  if (role === 'key') return schema;
  if (p.nullable) schema = schema.nullable();
  if (p.doc) schema = schema.describe(p.doc);
  return schema;
}

function mapFields(fields: Fields, make: (name: string, field: Field) => z.ZodType): Record<string, z.ZodType> {
  return Object.fromEntries(Object.entries(fields).map(([name, field]) => [name, make(name, field)]));
}

/** A row as tools return it (BigInt, Decimal, DateTime and Bytes as strings). Every member optional: `select` may pick some. */
export function row(fields: Fields): z.ZodType {
  return z.object(mapFields(fields, (_, field) => fieldSchema(field, OUTPUT, 'value').optional()));
}

/** A record as tools return it, every member present (get_user_info). */
export function record(fields: Fields): z.ZodType {
  return z.object(mapFields(fields, (_, field) => fieldSchema(field, OUTPUT, 'value')));
}

/** The descriptors of `names`, in that order; a name the table lacks is a bug in the caller. */
function pick(fields: Fields, names: readonly string[], what: string): [string, Field][] {
  return names.map((name) => {
    const field = fields[name];
    if (field === undefined) throw new Error(`${what}: "${name}" is not an exposed field`);
    return [name, field];
  });
}

/**
 * `data` for create: the `writable` fields, JSON in, Prisma-ready values out. Fields named in
 * `optional` may be left out (defaults, nullable, lists).
 */
export function createData(fields: Fields, writable: readonly string[], optional: readonly string[] = []): z.ZodType {
  const skip = new Set(optional);
  return z.strictObject(
    Object.fromEntries(
      pick(fields, writable, 'createData').map(([name, field]) => {
        const schema = fieldSchema(field, INPUT, 'value');
        return [name, skip.has(name) ? schema.optional() : schema];
      }),
    ),
  );
}

/** `data` for update: the `writable` fields, every one optional. */
export function updateData(fields: Fields, writable: readonly string[]): z.ZodType {
  return z.strictObject(Object.fromEntries(pick(fields, writable, 'updateData').map(([name, field]) => [name, fieldSchema(field, INPUT, 'value').optional()])));
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
 * The runtime's view of each field from the same descriptors. `enums` names the enum tuples the
 * fields use (`{ Role }`), so describe_models and shared filter definitions can say `Role`.
 */
export function fieldSpecs(fields: Fields, enums: Readonly<Record<string, readonly [string, ...string[]]>> = {}): Record<string, FieldSpec> {
  return Object.fromEntries(
    Object.entries(fields).map(([name, field]) => {
      const p = parseField(field);
      const kind: FieldKind = typeof p.base === 'string' ? p.base : 'Enum';
      const spec: { -readonly [K in keyof FieldSpec]: FieldSpec[K] } = { kind };
      if (p.list) spec.list = true;
      if (p.nullable) spec.nullable = true;
      if (typeof p.base !== 'string') {
        const values = p.base as readonly [string, ...string[]];
        spec.enum = { name: Object.entries(enums).find(([, v]) => v === values)?.[0] ?? `Enum_${values.join('_')}`, values };
      }
      if (p.doc) spec.doc = p.doc;
      return [name, spec];
    }),
  );
}

/** A FieldSpec back as a descriptor, for the builders above (validators.ts builds from specs). */
export function toField(spec: FieldSpec): Field {
  if (spec.kind === 'Enum') {
    if (!spec.enum) throw new Error('an Enum field needs its values');
    return { enum: spec.enum.values, ...(spec.nullable ? { nullable: true } : {}), ...(spec.list ? { list: true } : {}), ...(spec.doc ? { doc: spec.doc } : {}) };
  }
  const type = `${spec.kind}${spec.nullable ? '?' : spec.list ? '[]' : ''}` as TypeName;
  return spec.doc ? { type, doc: spec.doc } : type;
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

/**
 * A unique selector: one optional member per unique key (`{ id: ['id'], authorId_title: ['authorId', 'title'] }`),
 * exactly one of which must be set. A key of one field is that field's value; a compound key is a
 * nested object, Prisma style: `authorId_title: { authorId, title }`.
 */
export function unique(fields: Fields, keys: Readonly<Record<string, readonly string[]>>): z.ZodType {
  const names = Object.keys(keys);
  const shape = Object.fromEntries(
    names.map((name) => {
      const key = pick(fields, keys[name]!, `unique key ${name}`);
      const schema =
        key.length === 1
          ? fieldSchema(key[0]![1], INPUT, 'key')
          : z.strictObject(Object.fromEntries(key.map(([field, type]) => [field, fieldSchema(type, INPUT, 'key')])));
      return [name, schema.optional()];
    }),
  );
  return z
    .strictObject(shape)
    .refine((o) => Object.values(o).filter((v) => v !== undefined).length === 1, {
      message: `set exactly one of: ${names.join(', ')}`,
    })
    .meta({ minProperties: 1, maxProperties: 1 });
}

function optionalShape(shape: Readonly<Record<string, z.ZodType>>): Record<string, z.ZodType> {
  return Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, v instanceof z.ZodOptional ? v : v.optional()]));
}
