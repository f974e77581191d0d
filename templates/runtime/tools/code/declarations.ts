// TypeScript declarations of the `db` API for some models: what describe_models returns in code
// mode, so a program's arguments and results are right the first time. Built from the ModelSpec
// and its validators (like compact mode's description), so they never offer what a call refuses.
import { compactOperations } from '../compact/operations.js';
import type { FieldSpec, ModelSpec, Registry } from '../../core/spec.js';
import { validatorsOf } from '../../data/validators.js';

const SHARED = `// Rows carry relations only when asked for: include: { author: true } (or select).
type Filter<T> = T | null | { equals?: T | null; not?: T | null; in?: T[]; notIn?: T[]; lt?: T; lte?: T; gt?: T; gte?: T };
type StringFilter = Filter<string> | { contains?: string; startsWith?: string; endsWith?: string; mode?: 'insensitive' };
type ListFilter<T> = { has?: T; hasSome?: T[]; hasEvery?: T[]; isEmpty?: boolean };
type Flags<K extends string> = { [P in K]?: boolean };
type OrderBy<K extends string> = { [P in K]?: 'asc' | 'desc' } | { [P in K]?: 'asc' | 'desc' }[];
/** findMany pages: pass nextCursor as cursor for the next page. */
type Page<T> = { items: T[]; nextCursor: string | null; hasMore: boolean; note?: string };
type Aggregated = { _count?: Record<string, number>; _sum?: Record<string, number | string | null>; _avg?: Record<string, number | null>; _min?: Record<string, unknown>; _max?: Record<string, unknown> };`;

const BASE: Record<string, string> = {
  String: 'string', Int: 'number', Float: 'number', Boolean: 'boolean',
  DateTime: 'string /* ISO 8601 */', BigInt: 'string', Decimal: 'string', Json: 'unknown', Bytes: 'string /* base64 */',
};

const doc = (text: string | undefined, indent = '') => (text ? `${indent}/** ${text.replace(/\*\//g, '* /').replace(/\s+/g, ' ').trim()} */\n` : '');
const union = (names: readonly string[]) => (names.length ? names.map((n) => `'${n}'`).join(' | ') : 'never');

function valueType(s: FieldSpec): string {
  const base = s.kind === 'Enum' && s.enum ? union(s.enum.values) : BASE[s.kind]!;
  const plain = base.replace(/ \/\*.*\*\//, '');
  if (s.list) return `${plain.includes('|') ? `(${plain})` : plain}[]`;
  return s.nullable ? `${base} | null` : base;
}

function filterType(s: FieldSpec): string | undefined {
  if (s.kind === 'Json' || s.kind === 'Bytes') return undefined;
  const plain = valueType({ ...s, list: false, nullable: false }).replace(/ \/\*.*\*\//, '');
  if (s.list) return `ListFilter<${plain}>`;
  return s.kind === 'String' ? 'StringFilter' : `Filter<${plain}>`;
}

function modelTypes(spec: ModelSpec<any>, models: Registry, writes: boolean): string {
  const n = spec.name;
  const v = validatorsOf(spec, models);
  const fields = Object.entries(spec.fields);
  const relations = Object.entries(spec.relations).filter(([, r]) => models[r.model]);
  const row = [
    ...fields.map(([f, s]) => `${doc(s.doc, '  ')}  ${f}: ${valueType(s)};`),
    ...relations.map(([r, rel]) => `  ${r}?: ${rel.list ? `${rel.model}[]` : `${rel.model}${rel.nullable ? ' | null' : ''}`};`),
  ];
  const where = [
    `  AND?: ${n}Where | ${n}Where[]; OR?: ${n}Where[]; NOT?: ${n}Where | ${n}Where[];`,
    ...fields.flatMap(([f, s]) => { const t = filterType(s); return t ? [`  ${f}?: ${t};`] : []; }),
    ...relations.map(([r, rel]) => (rel.list
      ? `  ${r}?: { some?: ${rel.model}Where; every?: ${rel.model}Where; none?: ${rel.model}Where };`
      : `  ${r}?: ${rel.model}Where | { is?: ${rel.model}Where | null; isNot?: ${rel.model}Where | null };`)),
  ];
  const uniques = spec.keys.map((k, i) => (k.length === 1
    ? `{ ${k[0]}: ${valueType({ ...spec.fields[k[0]!]!, nullable: false })} }`
    : `{ ${spec.keyNames?.[i] ?? k.join('_')}: { ${k.map((f) => `${f}: ${valueType({ ...spec.fields[f]!, nullable: false })}`).join('; ')} } }`));
  const field = `${n}Field`;
  const relation = `${n}Relation`;
  const { query, mutate } = compactOperations(spec);
  const ops = [...query, ...(writes ? mutate : [])];
  const writable = spec.writable ?? [];
  const optional = new Set(spec.createOptional ?? []);
  const unique = uniques.join(' | ') || 'never';
  const aggregates = ops.includes('aggregate') || ops.includes('groupBy');
  const types = [
    `type ${field} = ${union(fields.map(([f]) => f))};`,
    ...(relations.length ? [`type ${n}Relation = ${union(relations.map(([r]) => r))};`] : []),
    `type ${n}Sortable = ${union(v.sortable)};`,
    `type ${n}Unique = ${unique};`,
    relations.length ? `type ${n}Select = { select?: Flags<${field} | ${relation}>; include?: Flags<${relation}> };` : `type ${n}Select = { select?: Flags<${field}> };`,
    ...(aggregates ? [`type ${n}Aggregates = { _count?: true | Flags<'_all' | ${field}>; _sum?: Flags<${union(v.numeric)}>; _avg?: Flags<${union(v.numeric)}>; _min?: Flags<${union(v.comparable)}>; _max?: Flags<${union(v.comparable)}> };`] : []),
    ...(writes && (mutate.includes('create') || mutate.includes('update'))
      ? [`type ${n}Data = { ${writable.map((f) => `${f}${optional.has(f) ? '?' : ''}: ${valueType(spec.fields[f]!)}`).join('; ')} };`]
      : []),
  ];
  const methods: Record<string, string> = {
    findMany: `findMany(args?: { where?: ${n}Where; orderBy?: OrderBy<${n}Sortable>; /** at most ${spec.maxTake}, default ${spec.defaultTake} */ take?: number; cursor?: string } & ${n}Select): Promise<Page<${n}>>;`,
    findFirst: `findFirst(args?: { where?: ${n}Where; orderBy?: OrderBy<${n}Sortable> } & ${n}Select): Promise<${n} | null>;`,
    findUnique: `findUnique(args: { where: ${n}Unique } & ${n}Select): Promise<${n} | null>;`,
    count: `count(args?: { where?: ${n}Where }): Promise<number>;`,
    aggregate: `aggregate(args: { where?: ${n}Where } & ${n}Aggregates): Promise<Aggregated>;`,
    groupBy: `/** At most ${spec.maxTake} groups, ordered by \`by\`. */\n  groupBy(args: { by: ${n}Sortable[]; where?: ${n}Where; take?: number } & ${n}Aggregates): Promise<Array<Partial<${n}> & Aggregated>>;`,
    create: `create(args: { data: ${n}Data }): Promise<${n}>;`,
    update: `update(args: { where: ${n}Unique; data: Partial<${n}Data> }): Promise<${n}>;`,
    delete: `/** Returns the row as it was. */\n  delete(args: { where: ${n}Unique }): Promise<${n}>;`,
  };
  return `${doc(spec.doc)}interface ${n} {\n${row.join('\n')}\n}
interface ${n}Where {\n${where.join('\n')}\n}
${types.join('\n')}
interface ${n}Delegate {\n${ops.map((o) => `  ${methods[o]}`).join('\n')}\n}`;
}

/**
 * Declarations for `specs` (and, as plain row types, the models their relations reach), ending
 * with `declare const db`. `writes(spec)`: whether the caller may write the model.
 */
export function declarations(specs: readonly ModelSpec<any>[], models: Registry, writes: (spec: ModelSpec<any>) => boolean): string {
  const named = new Set(specs.map((s) => s.name));
  const reached = [...new Set(specs.flatMap((s) => Object.values(s.relations).map((r) => r.model)))].filter((m) => !named.has(m) && models[m]).sort();
  const parts = [SHARED, ...specs.map((s) => modelTypes(s, models, writes(s)))];
  for (const name of reached) {
    const s = models[name]!;
    parts.push(`/** ${name}: ask describe_models for its filters and operations. */\ninterface ${name} { ${Object.entries(s.fields).map(([f, fs]) => `${f}: ${valueType(fs).replace(/ \/\*.*?\*\//g, '')};`).join(' ')} [relation: string]: unknown }\ntype ${name}Where = Record<string, unknown>;`);
  }
  parts.push(`declare const db: {\n${specs.map((s) => `  ${s.delegate}: ${s.name}Delegate;`).join('\n')}\n};`);
  return parts.join('\n\n');
}
