// What a view needs to know about a result besides its values: the model's column types (so dates,
// Decimal, BigInt, Json, booleans and relations are shown as what they are), which columns sort,
// and how to ask for another page. Built from the model's spec, so it names only exposed fields
// and relations: nothing a tools/list schema does not already show.
import type { FieldKind, ModelSpec, Registry } from '../core/spec.js';
import { registryOf, validatorsOf } from '../data/validators.js';

export interface ViewColumn {
  readonly name: string;
  /** A value field's kind, or `relation`. */
  readonly kind: FieldKind | 'relation';
  readonly list?: true;
  /** `orderBy` takes it. */
  readonly sortable?: true;
  /** Relations: the target model, and the field that labels one of its rows. */
  readonly model?: string;
  readonly label?: string;
}

/**
 * How the structured result holds its data: a page, one row, `{ item }`, groups, one aggregate, a
 * count, or rows as `{ result: [...] }` (a published tRPC query).
 */
export type ResultShape = 'page' | 'row' | 'item' | 'groups' | 'aggregate' | 'count' | 'result';

export interface ViewMeta {
  readonly model: string;
  readonly shape: ResultShape;
  readonly columns: readonly ViewColumn[];
  /**
   * Pages and sorts go through the app-only tool: `tool` is the tool to run again, `at` the path of
   * its Prisma arguments inside the tool's arguments (`[]` for list_<model>, `['args']` for query).
   */
  readonly page?: { readonly tool: string; readonly at: readonly string[] };
}

const LABELS = ['name', 'title', 'label', 'email', 'slug', 'code'];
const memo = new WeakMap<ModelSpec<any>, readonly ViewColumn[]>();

/** The field that names a row of `spec` in a relation cell: a name-like field, else its first string, else its key. */
function labelField(spec: ModelSpec<any>): string | undefined {
  const names = Object.keys(spec.fields);
  return LABELS.find((n) => spec.fields[n]?.kind === 'String' && !spec.fields[n]?.list)
    ?? names.find((n) => spec.fields[n]?.kind === 'String' && !spec.fields[n]?.list)
    ?? spec.keys[0]?.[0]
    ?? names[0];
}

/** The columns of `spec`: its value fields, then its relations. */
export function columnsOf(spec: ModelSpec<any>, models: Registry = registryOf(spec)): readonly ViewColumn[] {
  let columns = memo.get(spec);
  if (!columns) {
    const sortable = new Set(validatorsOf(spec, models).sortable);
    columns = [
      ...Object.entries(spec.fields).map(([name, f]): ViewColumn => ({
        name, kind: f.kind, ...(f.list ? { list: true as const } : {}), ...(sortable.has(name) ? { sortable: true as const } : {}),
      })),
      ...Object.entries(spec.relations).map(([name, r]): ViewColumn => {
        const target = models[r.model];
        const label = target && labelField(target);
        return { name, kind: 'relation', model: r.model, ...(r.list ? { list: true as const } : {}), ...(label ? { label } : {}) };
      }),
    ];
    memo.set(spec, columns);
  }
  return columns;
}

/** The `_meta` a view gets with a result of `spec`. */
export function viewMetaOf(spec: ModelSpec<any>, shape: ResultShape, page?: ViewMeta['page']): ViewMeta {
  return { model: spec.name, shape, columns: columnsOf(spec), ...(page ? { page } : {}) };
}
