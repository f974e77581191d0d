// describe_models' text: what a model needs to write correct `query`/`mutate` arguments, in a few
// lines per model. Everything comes from the ModelSpec and its validators, so it can never offer
// a field the validators refuse.
import type { FieldSpec, ModelSpec, Registry } from '../../core/spec.js';
import { DEFAULT_RELATION_DEPTH, validatorsOf } from '../../data/validators.js';
import { compactOperations } from './operations.js';

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/** `findMany findUnique … | mutate: create update`; `writes`: whether the caller may write it. */
export function operationList(spec: ModelSpec<any>, writes = true): string {
  const { query, mutate } = compactOperations(spec);
  return mutate.length && writes ? `${query.join(' ')} | mutate: ${mutate.join(' ')}` : query.join(' ');
}

/** The one-line summary: `BlogPost: A blog post. [findMany … | mutate: create]` */
export function summaryLine(spec: ModelSpec<any>, writes = true): string {
  return `${spec.name}${spec.doc ? `: ${oneLine(spec.doc)}` : ''} [${operationList(spec, writes)}]`;
}

export function typeName(s: FieldSpec): string {
  const base = s.kind === 'Enum' && s.enum ? s.enum.name : s.kind;
  return `${base}${s.list ? '[]' : s.nullable ? '?' : ''}`;
}

const COMPARE = 'equals not in notIn lt lte gt gte';

/** Filter operators of a field; undefined when it cannot be filtered. */
export function operatorsOf(s: FieldSpec, insensitive: boolean): string | undefined {
  if (s.kind === 'Json' || s.kind === 'Bytes') return undefined;
  if (s.list) return 'has hasSome hasEvery isEmpty';
  switch (s.kind) {
    case 'String':
      return `${COMPARE} contains startsWith endsWith${insensitive ? " mode:'insensitive'" : ''}`;
    case 'Boolean':
    case 'Enum':
      return 'equals not in notIn';
    default:
      return COMPARE;
  }
}

function fieldLine(name: string, s: FieldSpec): string {
  const values = s.kind === 'Enum' && s.enum ? ` (${s.enum.values.join('|')})` : '';
  const note = s.kind === 'Json' || s.kind === 'Bytes' ? ' (not filterable)' : '';
  const doc = s.doc ? ` — ${oneLine(s.doc)}` : '';
  return `  ${name} ${typeName(s)}${values}${note}${doc}`;
}

/** The detailed description of one model. */
export function describeModel(spec: ModelSpec<any>, models: Registry, writes = true): string {
  const v = validatorsOf(spec, models);
  const lines: string[] = [`## ${summaryLine(spec, writes)}`, 'fields:'];
  for (const [name, s] of Object.entries(spec.fields)) lines.push(fieldLine(name, s));
  const relations = Object.entries(spec.relations).filter(([, r]) => models[r.model]);
  if (relations.length) {
    const depth = spec.relationDepth ?? DEFAULT_RELATION_DEPTH;
    lines.push(`relations (where: to-one {is|isNot: {...}} or {...}; to-many {some|every|none: {...}}; ${depth} level${depth === 1 ? '' : 's'} deep; include/select: { name: true }):`);
    for (const [name, r] of relations) lines.push(`  ${name} → ${r.model} (${r.list ? 'many' : r.nullable ? 'one, optional' : 'one'})`);
  }
  const kinds = new Map<string, string>();
  for (const s of Object.values(spec.fields)) {
    const ops = operatorsOf(s, spec.insensitive === true);
    if (ops) kinds.set(s.list ? `${s.kind}[]` : s.kind === 'Enum' ? 'enums' : s.kind, ops);
  }
  if (kinds.size) lines.push(`filter operators (or a bare value for equals): ${[...kinds].map(([k, ops]) => `${k}: ${ops}`).join('; ')}`);
  if (spec.keys.length) {
    const keys = spec.keys.map((k, i) => (k.length === 1 ? `{ ${k[0]} }` : `{ ${spec.keyNames?.[i] ?? k.join('_')}: { ${k.join(', ')} } }`));
    lines.push(`unique where (findUnique, update, delete): ${keys.join(' | ')}`);
  }
  if (v.sortable.length) lines.push(`orderBy / groupBy by: ${v.sortable.join(', ')}`);
  if (v.numeric.length) lines.push(`_sum/_avg: ${v.numeric.join(', ')}`);
  if (v.comparable.length) lines.push(`_min/_max: ${v.comparable.join(', ')}`);
  if (v.sortable.length && compactOperations(spec).query.includes('groupBy')) {
    lines.push("groupBy: orderBy a field of by or an aggregate ({ _count: { id: 'desc' } }); having { field: { _count: { gt: 1 } } }; take, skip");
  }
  const mutate = writes ? compactOperations(spec).mutate : [];
  const writable = spec.writable ?? [];
  if (mutate.includes('create')) {
    const optional = new Set(spec.createOptional ?? []);
    const required = writable.filter((f) => !optional.has(f));
    lines.push(`create data: ${required.length ? `${required.join(', ')} required` : 'nothing required'}${optional.size ? `; optional ${[...optional].join(', ')}` : ''}`);
  }
  if (mutate.includes('update')) lines.push(`update data (any of): ${writable.join(', ')}`);
  lines.push(`rows: take default ${spec.defaultTake}, max ${spec.maxTake}; findMany returns { items, nextCursor, hasMore }: pass nextCursor as cursor for the next page`);
  return lines.join('\n');
}

/** Static help appended to the model list: how the three tools fit together. */
export const USAGE =
  "Call describe_models { models: ['Name'] } for fields, then query { model, operation, args } with args in Prisma Client syntax " +
  '(where, orderBy, take, cursor = nextCursor, select/include: { name: true }, _count/_sum/_avg/_min/_max: { field: true }, by).';
