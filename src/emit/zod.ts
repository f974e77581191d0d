/**
 * The zod expression for each field in each role. Emitted code refers to the runtime's
 * building blocks as `f.*` (runtime/filters.ts) and to enum tuples from `enums.ts`.
 */
import type { ScalarType, ValueField } from '../ir/types.js';
import type { Provider } from '../ir/types.js';
import { str } from './ts.js';

const OUTPUT: Record<ScalarType, string> = {
  String: 'z.string()',
  Int: 'z.number().int()',
  Float: 'z.number()',
  Boolean: 'z.boolean()',
  DateTime: 'f.dateTimeOut',
  BigInt: 'f.bigIntOut',
  Decimal: 'f.decimalOut',
  Json: 'f.jsonOut',
  Bytes: 'f.bytesOut',
};

const INPUT: Record<ScalarType, string> = {
  String: 'z.string()',
  Int: 'f.intIn',
  Float: 'z.number()',
  Boolean: 'z.boolean()',
  DateTime: 'f.dateTimeIn',
  BigInt: 'f.bigIntIn',
  Decimal: 'f.decimalIn',
  Json: 'f.jsonIn',
  Bytes: 'f.bytesIn',
};

const FILTERABLE: ReadonlySet<string> = new Set(['String', 'Int', 'Float', 'Boolean', 'DateTime', 'BigInt', 'Decimal']);
const ORDERED: ReadonlySet<string> = new Set(['String', 'Int', 'Float', 'DateTime', 'BigInt', 'Decimal']);
const NUMERIC: ReadonlySet<string> = new Set(['Int', 'Float', 'BigInt', 'Decimal']);

function base(field: ValueField, table: Record<ScalarType, string>): string {
  return field.kind === 'enum' ? `z.enum(${field.type})` : table[field.type];
}

function shape(field: ValueField, expr: string): string {
  return field.isList ? `z.array(${expr})` : expr;
}

/** The field as returned to the client (serialized: BigInt/Decimal/DateTime/Bytes are strings). */
export function outputExpr(field: ValueField): string {
  let expr = shape(field, base(field, OUTPUT));
  if (!field.isRequired && !field.isList) expr += '.nullable()';
  if (field.doc) expr += `.describe(${str(field.doc)})`;
  return expr;
}

/** The field as accepted in `data` or a unique key: JSON in, Prisma-ready values out. */
export function inputExpr(field: ValueField, mode: 'create' | 'update' | 'key'): string {
  let expr = shape(field, base(field, INPUT));
  if (mode === 'key') return expr;
  if (!field.isRequired && !field.isList) expr += '.nullable()';
  const optional = mode === 'update' || !field.isRequired || field.isList || ('hasDefault' in field && field.hasDefault);
  if (optional) expr += '.optional()';
  if (field.doc) expr += `.describe(${str(field.doc)})`;
  return expr;
}

/** The filter schema for `where`, or undefined when the field cannot be filtered (Json, Bytes). */
export function filterExpr(field: ValueField, provider: Provider): string | undefined {
  const nullable = !field.isRequired && !field.isList;
  if (field.kind === 'enum') {
    if (field.isList) return `f.listFilter({ enum: ${str(field.type)}, values: ${field.type} })`;
    return `f.enumFilter(${str(field.type)}, ${field.type}${nullable ? ', { nullable: true }' : ''})`;
  }
  if (!FILTERABLE.has(field.type)) return undefined;
  if (field.isList) return `f.listFilter(${str(field.type)})`;
  const opts: string[] = [];
  if (nullable) opts.push('nullable: true');
  if (field.type === 'String' && (provider === 'postgresql' || provider === 'cockroachdb' || provider === 'mongodb')) {
    opts.push('insensitive: true');
  }
  return `f.scalarFilter(${str(field.type)}${opts.length ? `, { ${opts.join(', ')} }` : ''})`;
}

/** Can be used in `orderBy` and as a `by` key in aggregate. */
export function isSortable(field: ValueField): boolean {
  return !field.isList && (field.kind === 'enum' || ORDERED.has(field.type) || field.type === 'Boolean');
}

/** `_sum` / `_avg`. */
export function isNumeric(field: ValueField): boolean {
  return !field.isList && field.kind === 'scalar' && NUMERIC.has(field.type);
}

/** `_min` / `_max`. */
export function isComparable(field: ValueField): boolean {
  return !field.isList && field.kind === 'scalar' && ORDERED.has(field.type);
}

/** The runtime's FieldKind for a field. */
export function fieldKind(field: ValueField): string {
  return field.kind === 'enum' ? 'Enum' : field.type;
}
