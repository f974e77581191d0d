// Read tools: list, get, count, aggregate. Every query goes through scopedWhere, so a scoped
// model shows the caller only their rows, whichever path the arguments take.
import { z } from 'zod';
import { decodeCursor, encodeKeyCursor, encodeOffsetCursor, INVALID_CURSOR } from './cursor.js';
import { delegate, flattenUnique, keyUnique, primaryKey, selectFields, type Row } from './db.js';
import { notFound, ToolError } from './errors.js';
import { buildSelect, hideOutOfScopeToOne } from './relations.js';
import { and, scopedWhere, scopeOf } from './scope.js';
import type { ModelSpec, ToolDef, Where } from './spec.js';
import { enumOf, readAnnotations, rowWithRelated, type ToolMeta } from './tool-meta.js';
import { serializeRow, toJsonValue } from './values.js';

export interface ListToolOptions extends ToolMeta {
  readonly where: z.ZodType;
  readonly orderBy: z.ZodType;
  /** Exposed value fields, all optional (a `select` may pick some). */
  readonly row: z.ZodType;
  /** Row schema of each exposed relation's target. */
  readonly related?: Readonly<Record<string, z.ZodType>>;
}

function selectionInput(spec: ModelSpec<any>) {
  const fields = enumOf(Object.keys(spec.fields));
  const relations = enumOf(Object.keys(spec.relations));
  return {
    ...(fields ? { select: z.array(fields).min(1).optional().describe('Fields to return (default: all)') } : {}),
    ...(relations ? { include: z.array(relations).optional().describe('Related rows to return') } : {}),
  };
}

interface Selection {
  readonly select?: readonly string[];
  readonly include?: readonly string[];
}

export function listTool(spec: ModelSpec<any>, o: ListToolOptions): ToolDef {
  const input = z.strictObject({
    where: o.where.optional(),
    orderBy: o.orderBy.optional(),
    take: z.number().int().min(1).optional().describe(`Page size (default ${spec.defaultTake}, at most ${spec.maxTake})`),
    cursor: z.string().optional().describe('nextCursor from the previous page'),
    ...selectionInput(spec),
  });
  const output = z.object({
    items: z.array(rowWithRelated(spec, o.row, o.related)),
    nextCursor: z.string().nullable(),
    hasMore: z.boolean(),
    note: z.string().optional(),
  });
  return {
    name: o.name, toolset: o.toolset, access: 'read', title: o.title, description: o.description,
    input, output, annotations: readAnnotations(o.title),
    async handler(raw, ctx) {
      const args = raw as z.output<typeof input> & Selection;
      const db = delegate(ctx.prisma, spec);
      const requested = args.take ?? spec.defaultTake;
      const take = Math.min(requested, spec.maxTake);
      const key = primaryKey(spec);
      const userOrder = (args.orderBy ?? []) as Row[];
      const ordered = new Set(userOrder.flatMap((e) => Object.keys(e)));
      const orderBy = [...userOrder, ...key.filter((f) => !ordered.has(f)).map((f) => ({ [f]: 'asc' }))];
      const fields = args.select ?? Object.keys(spec.fields);
      const include = args.include ?? [];
      let paging: Row = {};
      let offset = 0;
      if (args.cursor !== undefined) {
        const cursor = decodeCursor(spec, args.cursor);
        if (cursor.kind === 'offset') {
          offset = cursor.offset;
          paging = { skip: offset };
        } else {
          // A cursor must not reveal anything about rows the caller cannot see.
          const scope = scopeOf(spec, ctx.user);
          if (scope && !(await db.findFirst({ where: and(cursor.values as Where, scope), select: selectFields(key) }))) {
            throw new ToolError(INVALID_CURSOR);
          }
          paging = { cursor: keyUnique(spec, cursor.values as Row), skip: 1 };
        }
      }
      ctx.signal.throwIfAborted();
      const rows = await db.findMany({
        where: scopedWhere(spec, ctx.models, args.where as Where | undefined, ctx.user),
        orderBy,
        take: take + 1,
        select: buildSelect(spec, ctx.models, ctx.user, fields, include),
        ...paging,
      });
      const hasMore = rows.length > take;
      const page = rows.slice(0, take);
      await hideOutOfScopeToOne(spec, ctx.models, ctx.prisma, ctx.user, page, include);
      const last = page[page.length - 1];
      const nextCursor = !hasMore || !last ? null : key.length > 0 ? encodeKeyCursor(spec, last) : encodeOffsetCursor(spec, offset + take);
      return {
        items: page.map((r) => serializeRow(spec, ctx.models, r, { fields, include })),
        nextCursor,
        hasMore,
        ...(requested > spec.maxTake ? { note: `take ${requested} is above the limit of ${spec.maxTake}: the page was cut short; pass nextCursor for more` } : {}),
      };
    },
  };
}

export interface GetToolOptions extends ToolMeta {
  readonly unique: z.ZodType;
  readonly row: z.ZodType;
  readonly related?: Readonly<Record<string, z.ZodType>>;
}

export function getTool(spec: ModelSpec<any>, o: GetToolOptions): ToolDef {
  const input = z.strictObject({ where: o.unique, ...selectionInput(spec) });
  return {
    name: o.name, toolset: o.toolset, access: 'read', title: o.title, description: o.description,
    input, output: rowWithRelated(spec, o.row, o.related), annotations: readAnnotations(o.title),
    async handler(raw, ctx) {
      const args = raw as unknown as { where: Row } & Selection;
      const fields = args.select ?? Object.keys(spec.fields);
      const include = args.include ?? [];
      // findFirst over the scoped where: an out-of-scope row answers exactly like a missing one.
      const row = await delegate(ctx.prisma, spec).findFirst({
        where: and(flattenUnique(spec, args.where), scopeOf(spec, ctx.user)),
        select: buildSelect(spec, ctx.models, ctx.user, fields, include),
      });
      if (!row) throw notFound(spec.name);
      await hideOutOfScopeToOne(spec, ctx.models, ctx.prisma, ctx.user, [row], include);
      return serializeRow(spec, ctx.models, row, { fields, include });
    },
  };
}

export interface CountToolOptions extends ToolMeta {
  readonly where: z.ZodType;
}

export function countTool(spec: ModelSpec<any>, o: CountToolOptions): ToolDef {
  const input = z.strictObject({ where: o.where.optional() });
  return {
    name: o.name, toolset: o.toolset, access: 'read', title: o.title, description: o.description,
    input, output: z.object({ count: z.number().int() }), annotations: readAnnotations(o.title),
    async handler(raw, ctx) {
      const args = raw as { where?: Where };
      return { count: await delegate(ctx.prisma, spec).count({ where: scopedWhere(spec, ctx.models, args.where, ctx.user) }) };
    },
  };
}

export interface AggregateToolOptions extends ToolMeta {
  readonly where: z.ZodType;
  /** Fields for `_sum` / `_avg` (Int, Float, BigInt, Decimal). */
  readonly numeric: readonly string[];
  /** Fields for `_min` / `_max` (numbers, strings, dates). */
  readonly comparable: readonly string[];
  /** Fields for `by` (default: comparable). Booleans and enums belong here too. */
  readonly groupable?: readonly string[];
}

type AggregateArgs = { where?: Where; by?: string[]; take?: number } & Partial<Record<'_count' | '_sum' | '_avg' | '_min' | '_max', string[]>>;

export function aggregateTool(spec: ModelSpec<any>, o: AggregateToolOptions): ToolDef {
  const list = (names: readonly string[], what: string) => {
    const e = enumOf(names);
    return e ? { schema: z.array(e).min(1).optional().describe(what) } : undefined;
  };
  const shape: Record<string, z.ZodType> = { where: o.where.optional() };
  const by = list(o.groupable ?? o.comparable, 'Group by these fields (groupBy); without it one group over all rows');
  if (by) shape['by'] = by.schema;
  shape['_count'] = z.array(z.enum(['_all', ...Object.keys(spec.fields)])).min(1).optional().describe('Count rows (_all) or non-null values');
  for (const [op, names, what] of [['_sum', o.numeric, 'Sum'], ['_avg', o.numeric, 'Average'], ['_min', o.comparable, 'Minimum'], ['_max', o.comparable, 'Maximum']] as const) {
    const entry = list(names, `${what} of these fields`);
    if (entry) shape[op] = entry.schema;
  }
  if (by) shape['take'] = z.number().int().min(1).optional().describe(`Groups to return (at most ${spec.maxTake})`);
  const input = z.strictObject(shape);
  return {
    name: o.name, toolset: o.toolset, access: 'read', title: o.title, description: o.description,
    input, output: z.object({ groups: z.array(z.record(z.string(), z.unknown())), note: z.string().optional() }), annotations: readAnnotations(o.title),
    async handler(raw, ctx) {
      const args = raw as AggregateArgs;
      const db = delegate(ctx.prisma, spec);
      const aggregates: Row = {};
      for (const op of ['_count', '_sum', '_avg', '_min', '_max'] as const) {
        const names = args[op];
        if (names) aggregates[op] = selectFields(names);
      }
      if (Object.keys(aggregates).length === 0) aggregates['_count'] = { _all: true };
      const where = scopedWhere(spec, ctx.models, args.where, ctx.user);
      if (!args.by) return { groups: [toJsonValue(await db.aggregate({ where, ...aggregates })) as Row] };
      const take = Math.min(args.take ?? spec.maxTake, spec.maxTake);
      const groups = await db.groupBy({ by: args.by, where, ...aggregates, orderBy: args.by.map((f) => ({ [f]: 'asc' })), take: take + 1 });
      return {
        groups: groups.slice(0, take).map((g) => toJsonValue(g) as Row),
        ...(groups.length > take ? { note: `only the first ${take} groups are returned` } : {}),
      };
    },
  };
}
