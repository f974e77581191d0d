// What to show next to an argument error: the names describe_models gives for the place in
// `args` the error points at (the fields of the model a nested `where` has reached, the
// writable fields for `data`, the unique keys for a unique `where`, ...).
import type { ModelSpec, Registry } from '../../core/spec.js';
import { validatorsOf } from '../../data/validators.js';
import { operatorsOf } from './describe.js';
import type { CompactOperation } from './operations.js';

const STEPS = new Set(['AND', 'OR', 'NOT', 'is', 'isNot', 'some', 'every', 'none']);
const UNIQUE_WHERE = new Set<CompactOperation>(['findUnique', 'update', 'delete']);

const list = (names: readonly string[]) => (names.length ? names.join(', ') : '(none)');

/** A `where` path (after `where`): the model it has reached, or the field whose operators apply. */
function whereHint(spec: ModelSpec<any>, models: Registry, path: readonly PropertyKey[]): string {
  let model = spec;
  for (const step of path) {
    if (typeof step === 'number' || STEPS.has(String(step))) continue;
    const relation = model.relations[String(step)];
    const target = relation && models[relation.model];
    if (target) {
      model = target;
      continue;
    }
    const field = model.fields[String(step)];
    if (field) return `${model.name}.${String(step)} takes: ${operatorsOf(field, model.insensitive === true) ?? 'no filters'}`;
    break;
  }
  const relations = Object.keys(model.relations).filter((r) => models[model.relations[r]!.model]);
  const fields = Object.keys(model.fields).filter((f) => operatorsOf(model.fields[f]!, false));
  return `${model.name} filters on: ${list(fields)}${relations.length ? `; relations: ${list(relations)}` : ''}`;
}

const ARGS: Record<CompactOperation, string> = {
  findMany: 'where, orderBy, take, cursor, select, include',
  findFirst: 'where, orderBy, select, include',
  findUnique: 'where, select, include',
  count: 'where',
  aggregate: 'where, _count, _sum, _avg, _min, _max',
  groupBy: 'by, where, orderBy, having, take, skip, _count, _sum, _avg, _min, _max',
  create: 'data',
  update: 'where, data',
  delete: 'where',
};

/** One line of help for an error at `path` (inside `args`) of `operation` on `spec`. */
export function hintFor(spec: ModelSpec<any>, models: Registry, operation: CompactOperation, path: readonly PropertyKey[]): string {
  const v = validatorsOf(spec, models);
  const [head, ...rest] = path;
  const keys = spec.keys.map((k, i) => (k.length === 1 ? k[0]! : `${spec.keyNames?.[i] ?? k.join('_')} { ${k.join(', ')} }`));
  switch (head) {
    case 'where':
      return UNIQUE_WHERE.has(operation) ? `${spec.name} unique keys (set exactly one): ${list(keys)}` : whereHint(spec, models, rest);
    case 'select':
      return `${spec.name} select: ${list([...Object.keys(spec.fields), ...Object.keys(spec.relations)])}`;
    case 'include':
      return `${spec.name} include: ${list(Object.keys(spec.relations))}`;
    case 'orderBy':
      if (operation === 'groupBy') return `${spec.name} groupBy orderBy: a field of by (${list(v.sortable)}), or an aggregate: { _count: { field: 'desc' } }, _sum/_avg: ${list(v.numeric)}, _min/_max: ${list(v.comparable)}`;
      return `${spec.name} orderBy: ${list(v.sortable)} (asc or desc)`;
    case 'having':
      return `${spec.name} having: { field: { _count|_sum|_avg|_min|_max: { gt, gte, lt, lte, equals, not, in, notIn: number } } }; _sum/_avg/_min/_max on ${list(v.numeric)}`;
    case 'by':
      return `${spec.name} ${String(head)}: ${list(v.sortable)} (asc or desc)`;
    case '_sum':
    case '_avg':
      return `${spec.name} ${head}: ${list(v.numeric)}`;
    case '_min':
    case '_max':
      return `${spec.name} ${head}: ${list(v.comparable)}`;
    case '_count':
      return `${spec.name} _count: true or { _all, ${list(Object.keys(spec.fields))} }`;
    case 'data':
      return `${spec.name} ${operation} data: ${list(spec.writable ?? [])}${operation === 'create' && spec.createOptional?.length ? ` (optional: ${list(spec.createOptional)})` : ''}`;
    default:
      return `${spec.name} ${operation} args: ${ARGS[operation]}`;
  }
}
