// Builders for the generated per-model tools (full mode). Each returns a ToolDef (spec.ts) whose
// input and output schemas come from the model's validators (validators.ts), built on first use,
// and whose handler is the shared operation (model-read.ts, model-write.ts):
//
//   listTool(spec, meta)       input { where?, orderBy?, take?, cursor?, select?: field[], include?: relation[] }
//                              output { items, nextCursor: string | null, hasMore, note? }
//   getTool(spec, meta)        input { where: <unique>, select?, include? }        output: the row
//   countTool(spec, meta)      input { where? }                                    output { count }
//   aggregateTool(spec, meta)  input { where?, by?, _count?: (field | '_all')[], _sum?, _avg?, _min?, _max?, orderBy?, having?, take?, skip? }
//                              output { groups: [...], note? }                     (one group without `by`)
//   createTool / updateTool / deleteTool(spec, meta)   input { data } / { where, data } / { where }
//                              output: the row as written (delete: as it was)
//   userInfoTool({ model, fields, output, name?, toolset? })   get_user_info: the caller's own fields
//
// `meta` is { name, toolset, title, description }. Hand-built tools may pass their own schemas
// (`where`, `orderBy`, `unique`, `data`, `row`, `related`, `numeric`, ...) instead.
import { z } from 'zod';
import { groupHaving, groupOrderBy } from '../data/group-by.js';
import { AGGREGATES, aggregateRows, countRows, getRow, listRows, type AggregateArgs, type GetArgs, type ListArgs } from '../data/read.js';
import { auditTarget, createRow, deleteRow, updateRow } from '../data/write.js';
import type { ModelSpec, ToolAnnotations, ToolDef, ViewKind } from '../core/spec.js';
import { viewMetaOf, type ViewMeta } from '../apps/columns.js';
import { VIEW_BUDGET_BYTES } from '../apps/meta.js';
import { changeAnnotations, createAnnotations, enumOf, readAnnotations, rowWithRelated, type ToolMeta } from './meta.js';
import { validatorsOf, type ModelValidators } from '../data/validators.js';

export { userInfoTool } from './user-info.js';
export type { UserInfoToolOptions } from './user-info.js';
export type { ToolMeta } from './meta.js';

/** Schemas a hand-built tool may pass instead of the model's own validators. */
export type ToolOptions = ToolMeta & Partial<Pick<ModelValidators, 'where' | 'orderBy' | 'unique' | 'row' | 'related' | 'numeric' | 'comparable'>> & {
  readonly data?: z.ZodType;
  readonly groupable?: readonly string[];
  /** MCP Apps: show read results in a view (list and get: the table; count and aggregate: the chart). @default false */
  readonly view?: boolean;
};

interface Schemas {
  readonly input: z.ZodObject;
  readonly output: z.ZodObject;
}

/** A ToolDef whose schemas are built on first use: the registry is complete by then. */
function tool(o: ToolOptions, access: 'read' | 'write', annotations: ToolAnnotations, make: () => Schemas, handler: ToolDef['handler'], audit?: ToolDef['audit'], view?: View): ToolDef {
  let built: Schemas | undefined;
  const schemas = () => (built ??= make());
  return {
    name: o.name, toolset: o.toolset, access, title: o.title, description: o.description, annotations,
    get input() { return schemas().input; },
    get output() { return schemas().output; },
    handler,
    // Model tools read the user only through scopes (and `fixed`).
    userFields: 'scopes',
    ...(audit ? { audit } : {}),
    ...(view && o.view ? { view: view.kind, viewMeta: view.meta } : {}),
  };
}

/** The view a read tool's results are shown in, when its options ask for one (apps/). */
interface View {
  readonly kind: ViewKind;
  readonly meta: NonNullable<ToolDef['viewMeta']>;
}

const view = (kind: ViewKind, meta: () => ViewMeta): View => ({ kind, meta });

/** The model's validators, except those the options pass; built only when one is missing. */
function v(spec: ModelSpec<any>, o: ToolOptions): ModelValidators {
  let own: ModelValidators | undefined;
  const given = o as Partial<Record<keyof ModelValidators, unknown>>;
  return new Proxy({} as ModelValidators, {
    get: (_, key) => given[key as keyof ModelValidators] ?? (own ??= validatorsOf(spec))[key as keyof ModelValidators],
  });
}

function selectionInput(spec: ModelSpec<any>) {
  const fields = enumOf(Object.keys(spec.fields));
  const relations = enumOf(Object.keys(spec.relations));
  return {
    ...(fields ? { select: z.array(fields).min(1).optional().describe('Fields to return (default: all)') } : {}),
    ...(relations ? { include: z.array(relations).optional().describe('Related rows to return') } : {}),
  };
}

export function listTool(spec: ModelSpec<any>, o: ToolOptions): ToolDef {
  return tool(o, 'read', readAnnotations(o.title), () => {
    const m = v(spec, o);
    return {
      input: z.strictObject({
        where: m.where.optional(),
        orderBy: m.orderBy.optional(),
        take: z.number().int().min(1).optional().describe(`Page size (default ${spec.defaultTake}, at most ${spec.maxTake})`),
        cursor: z.string().optional().describe('nextCursor from the previous page'),
        ...selectionInput(spec),
      }),
      output: z.object({ items: z.array(rowWithRelated(spec, m.row, m.related)), nextCursor: z.string().nullable(), hasMore: z.boolean(), note: z.string().optional() }),
    };
  }, (args, ctx) => listRows(spec, args as ListArgs, ctx, o.view ? VIEW_BUDGET_BYTES : undefined), undefined,
  view('table', () => viewMetaOf(spec, 'page', { tool: o.name, at: [] })));
}

export function getTool(spec: ModelSpec<any>, o: ToolOptions): ToolDef {
  return tool(o, 'read', readAnnotations(o.title), () => {
    const m = v(spec, o);
    return { input: z.strictObject({ where: m.unique!, ...selectionInput(spec) }), output: rowWithRelated(spec, m.row, m.related) };
  }, (args, ctx) => getRow(spec, args as unknown as GetArgs, ctx), undefined, view('table', () => viewMetaOf(spec, 'row')));
}

export function countTool(spec: ModelSpec<any>, o: ToolOptions): ToolDef {
  return tool(o, 'read', readAnnotations(o.title), () => ({
    input: z.strictObject({ where: v(spec, o).where.optional() }),
    output: z.object({ count: z.number().int() }),
  }), (args, ctx) => countRows(spec, args, ctx), undefined, view('chart', () => viewMetaOf(spec, 'count')));
}

export function aggregateTool(spec: ModelSpec<any>, o: ToolOptions): ToolDef {
  return tool(o, 'read', readAnnotations(o.title), () => {
    const m = v(spec, o);
    const list = (names: readonly string[], what: string) => enumOf(names) && z.array(enumOf(names)!).min(1).optional().describe(what);
    const shape: Record<string, z.ZodType> = { where: m.where.optional() };
    const by = list(o.groupable ?? m.sortable, 'Group by these fields; without it, one group of all rows');
    if (by) shape['by'] = by;
    shape['_count'] = z.array(z.enum(['_all', ...Object.keys(spec.fields)])).min(1).optional().describe('Count rows (_all) or non-null values');
    for (const [op, names, what] of [['_sum', m.numeric, 'Sum'], ['_avg', m.numeric, 'Average'], ['_min', m.comparable, 'Minimum'], ['_max', m.comparable, 'Maximum']] as const) {
      const entry = list(names, `${what} of these fields`);
      if (entry) shape[op] = entry;
    }
    if (by) {
      shape['orderBy'] = groupOrderBy(spec, m).optional().describe('A field of by, or an aggregate: [{ "_count": { "id": "desc" } }]');
      // Prisma's shape ({ id: { _count: { gt: 1 } } }); a mistake is answered with the path and the names allowed.
      shape['having'] = groupHaving(spec, m).optional();
      shape['take'] = z.number().int().min(1).optional().describe(`Groups to return (at most ${spec.maxTake})`);
      shape['skip'] = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional();
    }
    return { input: z.strictObject(shape), output: z.object({ groups: z.array(z.record(z.string(), z.unknown())), note: z.string().optional() }) };
  }, (args, ctx) => aggregateRows(spec, args as AggregateArgs, ctx), undefined, view('chart', () => viewMetaOf(spec, 'groups')));
}

export { AGGREGATES };

export function createTool(spec: ModelSpec<any>, o: ToolOptions): ToolDef {
  return tool(o, 'write', createAnnotations(o.title), () => {
    const m = v(spec, o);
    return { input: z.strictObject({ data: o.data ?? m.create! }), output: m.row as z.ZodObject };
  }, (args, ctx) => createRow(spec, args as { data: Record<string, unknown> }, ctx), (args, value) => auditTarget(spec, 'create', args, value));
}

export function updateTool(spec: ModelSpec<any>, o: ToolOptions): ToolDef {
  return tool(o, 'write', changeAnnotations(o.title), () => {
    const m = v(spec, o);
    return { input: z.strictObject({ where: m.unique!, data: o.data ?? m.update! }), output: m.row as z.ZodObject };
  }, (args, ctx) => updateRow(spec, args as { where: Record<string, unknown>; data: Record<string, unknown> }, ctx), (args, value) => auditTarget(spec, 'update', args, value));
}

export function deleteTool(spec: ModelSpec<any>, o: ToolOptions): ToolDef {
  return tool(o, 'write', changeAnnotations(o.title), () => {
    const m = v(spec, o);
    return { input: z.strictObject({ where: m.unique! }), output: m.row as z.ZodObject };
  }, (args, ctx) => deleteRow(spec, args as { where: Record<string, unknown> }, ctx), (args, value) => auditTarget(spec, 'delete', args, value));
}
