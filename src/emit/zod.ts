/**
 * What each field becomes in each role. Emitted code refers to the runtime's building blocks as
 * `f.*` (runtime/data/filters.ts) and to enum tuples from `enums.ts`.
 */
import type { ValueField } from '../ir/types.js';
import type { Provider } from '../ir/types.js';
import { str } from './ts.js';

const ORDERED: ReadonlySet<string> = new Set(['String', 'Int', 'Float', 'DateTime', 'BigInt', 'Decimal']);
const NUMERIC: ReadonlySet<string> = new Set(['Int', 'Float', 'BigInt', 'Decimal']);

/**
 * The field's descriptor for the runtime's builders (`f.row`, `f.createData`, `f.unique`, ...):
 * `'Int'`, `'String?'` (nullable), `'String[]'` (list), `{ type, doc }`, `{ enum: Values, ... }`.
 * Plain data, not zod chains: cheap for the type checker however large the schema.
 */
export function fieldDesc(field: ValueField): string {
  const nullable = !field.isRequired && !field.isList;
  const doc = field.doc;
  if (field.kind === 'enum') {
    const parts = [`enum: ${field.type}`];
    if (nullable) parts.push('nullable: true');
    if (field.isList) parts.push('list: true');
    if (doc) parts.push(`doc: ${str(doc)}`);
    return `{ ${parts.join(', ')} }`;
  }
  const type = str(`${field.type}${nullable ? '?' : field.isList ? '[]' : ''}`);
  return doc ? `{ type: ${type}, doc: ${str(doc)} }` : type;
}

/** May be left out of create's `data`: has a default, is nullable, or is a list. */
export function isOptionalOnCreate(field: ValueField): boolean {
  return !field.isRequired || field.isList || ('hasDefault' in field && field.hasDefault);
}

/** Providers whose String filters take `mode: 'insensitive'`. */
export const INSENSITIVE: ReadonlySet<Provider> = new Set<Provider>(['postgresql', 'cockroachdb', 'mongodb']);

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
