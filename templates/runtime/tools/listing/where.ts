// The advertised `where` of list/count/aggregate tools. The validator (filters.ts) checks every
// operator of every field and relation; the listing names the fields with their value types and
// states the operators once, in the description, instead of spelling a filter object per field
// kind and the related models' fields again (their own tools already list them).
import { isSchema, properties, refName, resolve, valueBranches, type Definitions, type Schema } from './json-schema.js';

const LOGICAL = ['AND', 'OR', 'NOT'];

/** A `where` with AND/OR/NOT (a model's filter), as opposed to a unique selector. */
export function isModelWhere(node: Schema, defs: Definitions): boolean {
  const props = properties(resolve(node, defs));
  return LOGICAL.every((k) => k in props);
}

interface Relation {
  readonly name: string;
  readonly target: string;
  readonly many: boolean;
  /** To-one: the target's fields are accepted directly (Prisma's shorthand for `is`). */
  readonly shorthand: boolean;
}

/** The `is`/`isNot` or `some`/`every`/`none` object of a relation filter, if `node` is one. */
function relationOf(name: string, node: Schema, defs: Definitions): Relation | undefined {
  const props = properties(resolve(node, defs));
  const many = 'some' in props;
  if (!many && !('is' in props)) return undefined;
  const inner = props[many ? 'some' : 'is']!;
  // The inner where may be wrapped for `is: null`; its definition id names the target model.
  const branches = Array.isArray(inner['anyOf']) ? inner['anyOf'].filter(isSchema) : [inner];
  const id = branches.map((b) => refName(b) ?? wrappedRef(b)).find((n) => n !== undefined) ?? '';
  const target = id.replace(/(Scalar)?Where(Clause)?\d*$/, '') || 'related';
  const shorthand = !many && Object.keys(props).some((k) => k !== 'is' && k !== 'isNot');
  return { name, target, many, shorthand };
}

/** The operator object of a scalar filter (`{ equals, not, in, ... }`), and its value branch. */
function filterParts(node: Schema, defs: Definitions): { value: Schema; ops: Record<string, Schema> } | undefined {
  const n = resolve(node, defs);
  const anyOf = Array.isArray(n['anyOf']) ? n['anyOf'].filter(isSchema) : [];
  const opsBranch = anyOf.find((b) => 'equals' in properties(resolve(b, defs)));
  if (opsBranch) {
    const value = anyOf.find((b) => b !== opsBranch)!;
    return { value, ops: properties(resolve(opsBranch, defs)) };
  }
  if ('has' in properties(n)) return { value: { type: 'array' }, ops: properties(n) };
  return undefined;
}

/** One field's advertised filter: its value type(s), or an operator object. */
function fieldFilter(value: Schema, defs: Definitions): Schema {
  const v = resolve(value, defs);
  // Value descriptions (BigInt as a string, ...) are said once in the where's own description.
  return { anyOf: [...(valueBranches(v, defs) ?? []), { type: 'object' }] };
}

/**
 * Models with more filterable fields than this list them by type in the description instead of
 * one property each: a name costs about 3 tokens there against about 12 as a property, and a
 * model of 100 columns would otherwise spend 1,200 tokens on its where in every read tool.
 */
export const WIDE = 24;

/** The lean `where`: field name → value type, relations as objects, operators in the description. */
export function leanWhere(node: Schema, defs: Definitions, shared: Record<string, Schema>): Schema {
  const props = properties(resolve(node, defs));
  const out: Record<string, Schema> = {};
  const relations: Relation[] = [];
  const byType = new Map<string, string[]>();
  let insensitive = false;
  let lists = false;
  for (const [name, prop] of Object.entries(props)) {
    if (LOGICAL.includes(name)) {
      out[name] = { type: 'array', items: { type: 'object' } };
      continue;
    }
    const relation = relationOf(name, prop, defs);
    if (relation) {
      relations.push(relation);
      out[name] = { type: 'object' };
      continue;
    }
    const parts = filterParts(prop, defs);
    if (!parts) {
      out[name] = prop; // not a filter this projection knows: advertised as the validator has it
      continue;
    }
    insensitive ||= 'mode' in parts.ops;
    lists ||= 'has' in parts.ops;
    const id = refName(prop) ?? wrappedRef(prop);
    const label = typeLabel(id, parts.value, defs);
    byType.set(label, [...(byType.get(label) ?? []), name]);
    if ('has' in parts.ops) {
      out[name] = { type: 'object' };
      continue;
    }
    // Fields of one kind share a definition, named as the validator names it (IntFilter, RoleFilter).
    if (id) {
      shared[id] ??= fieldFilter(parts.value, defs);
      out[name] = { $ref: `#/definitions/${id}` };
    } else {
      out[name] = fieldFilter(parts.value, defs);
    }
  }
  const description = grammar(relations, insensitive, lists);
  if (byType.size > 0 && [...byType.values()].flat().length > WIDE) {
    const fields = [...byType].map(([label, names]) => `${label}: ${names.join(', ')}`).join('; ');
    return { type: 'object', description: `${description} Fields by type (? = may be null): ${fields}.` };
  }
  return { type: 'object', description, properties: out, additionalProperties: false };
}

/**
 * How the description groups a field: its kind from the filter's definition id (`DateTime?` from
 * NullableDateTimeFilter, `String[]` from StringListFilter), enums with their values.
 */
function typeLabel(id: string | undefined, value: Schema, defs: Definitions): string {
  const branches = valueBranches(value, defs) ?? [];
  const values = branches.flatMap((b) => (Array.isArray(b['enum']) ? [b['enum'].join('|')] : []));
  const nullable = branches.some((b) => b['type'] === 'null');
  const kind = id?.replace(/^Nullable/, '').replace(/ListFilter$/, '[]').replace(/Filter(Insensitive)?$/, '');
  const name = kind || branches.filter((b) => b['type'] !== 'null').map((b) => String(b['type'] ?? 'enum')).join('|');
  return `${name}${nullable ? '?' : ''}${values.length > 0 ? ` (${values.join('|')})` : ''}`;
}

function wrappedRef(node: Schema): string | undefined {
  const allOf = node['allOf'];
  return Array.isArray(allOf) && isSchema(allOf[0]) ? refName(allOf[0]) : undefined;
}

function grammar(relations: readonly Relation[], insensitive: boolean, lists: boolean): string {
  const parts = [
    'Prisma where. A field takes a value (equals) or {equals, not, in, notIn, lt, lte, gt, gte}' +
      `; strings also contains, startsWith, endsWith${insensitive ? ", mode: 'insensitive'" : ''}` +
      (lists ? '; list fields has, hasSome, hasEvery, isEmpty' : '') +
      '. BigInt and Decimal as strings, DateTime as ISO-8601.',
  ];
  const one = relations.filter((r) => !r.many);
  const many = relations.filter((r) => r.many);
  const shorthand = one.length > 0 && one.every((r) => r.shorthand) ? " (or that model's fields directly, for is)" : '';
  if (one.length > 0) parts.push(`${one.map((r) => `${r.name} (${r.target})`).join(', ')}: {is} or {isNot} with that model's where${shorthand}.`);
  if (many.length > 0) parts.push(`${many.map((r) => `${r.name} (${r.target})`).join(', ')}: {some}, {every} or {none} with that model's where.`);
  parts.push('AND, OR, NOT: arrays of where objects.');
  return parts.join(' ');
}
