// Zod building blocks for the emitted tool schemas: input codecs (JSON → Prisma values), output
// value schemas, and field descriptors. Filters in Prisma Client's syntax are in filters.ts.
//
// Reusable schemas carry `.meta({ id })`, so a tool's JSON Schema holds each of them once under
// `definitions` and `$ref`s it. They are memoized by id: an id is registered once per process.
// Filter schemas are already `.optional()` so a property refers to them with a bare `$ref`.
import { z } from 'zod';
import type { FieldKind, FieldSpec } from '../core/spec.js';

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

/** A descriptor read: its base type (or enum values), nullability, list-ness and doc. */
export interface Parsed {
  readonly base: Scalar | readonly [string, ...string[]];
  readonly nullable: boolean;
  readonly list: boolean;
  readonly doc: string | undefined;
}

export function parseField(field: Field): Parsed {
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
