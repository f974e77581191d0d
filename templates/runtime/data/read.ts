// The read operations: list, get, count, aggregate. Per-model tools (model-tools.ts) and compact
// `query` (compact/) both end here, with arguments already validated by the model's validators.
// Every query goes through scopedWhere, so a scoped model shows the caller only their rows,
// whichever path the arguments take.
import { decodeCursor, encodeKeyCursor, encodeOffsetCursor, INVALID_CURSOR } from './cursor.js';
import { delegate, flattenUnique, keyUnique, primaryKey, selectFields, type Row } from './db.js';
import { notFound, ToolError } from '../core/errors.js';
import { groupOrder } from './group-by.js';
import { buildSelect, hideOutOfScopeToOne } from './relations.js';
import { and, scopedWhere, scopeOf } from './scope.js';
import type { ModelSpec, Registry, ToolContext, Where } from '../core/spec.js';
import { serializeRow, toJsonValue } from './values.js';

/** What the operations need from a tool call. */
export type OpContext = ToolContext<any, any> & { readonly models: Registry };

export interface Selection {
  /** Value fields to return (default: all). */
  readonly select?: readonly string[];
  /** Relations to return. */
  readonly include?: readonly string[];
}

export interface ListArgs extends Selection {
  readonly where?: Where;
  readonly orderBy?: readonly Row[];
  readonly take?: number;
  readonly cursor?: string;
}

export type Page = {
  items: Row[];
  nextCursor: string | null;
  hasMore: boolean;
  note?: string;
};

/**
 * `maxBytes`: the page is cut after the last row that keeps its items' JSON under this many bytes
 * (at least one row), with `hasMore`, a cursor to the next row and a note (MCP Apps' data budget).
 */
export async function listRows(spec: ModelSpec<any>, args: ListArgs, ctx: OpContext, maxBytes?: number): Promise<Page> {
  const db = delegate(ctx.prisma, spec, ctx.signal);
  const requested = args.take ?? spec.defaultTake;
  const take = Math.min(requested, spec.maxTake);
  const key = primaryKey(spec);
  const userOrder = args.orderBy ?? [];
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
    where: scopedWhere(spec, ctx.models, args.where, ctx.user),
    orderBy,
    take: take + 1,
    select: buildSelect(spec, ctx.models, ctx.user, fields, include),
    ...paging,
  });
  let page = rows.slice(0, take);
  await hideOutOfScopeToOne(spec, ctx.models, ctx.prisma, ctx.user, page, include, ctx.signal);
  let items = page.map((r) => serializeRow(spec, ctx.models, r, { fields, include }));
  const fit = maxBytes === undefined ? items.length : rowsWithin(items, maxBytes);
  const cut = fit < items.length;
  if (cut) {
    page = page.slice(0, fit);
    items = items.slice(0, fit);
  }
  const hasMore = cut || rows.length > take;
  const last = page[page.length - 1];
  const nextCursor = !hasMore || !last ? null : key.length > 0 ? encodeKeyCursor(spec, last) : encodeOffsetCursor(spec, offset + page.length);
  const notes = [
    // Only when the limit actually cut the page: a take above it that every row fits says nothing.
    ...(requested > spec.maxTake && rows.length > take ? [`take ${requested} is above the limit of ${spec.maxTake}: the page was cut short; pass nextCursor for more`] : []),
    ...(cut ? [`the page was cut to ${fit} rows to stay under ${maxBytes} bytes; pass nextCursor for more`] : []),
  ];
  return { items, nextCursor, hasMore, ...(notes.length > 0 ? { note: notes.join('; ') } : {}) };
}

/** How many leading items fit in `maxBytes` of JSON (at least one, so paging always moves on). */
function rowsWithin(items: readonly Row[], maxBytes: number): number {
  let bytes = 2;
  for (let i = 0; i < items.length; i++) {
    bytes += Buffer.byteLength(JSON.stringify(items[i])) + (i > 0 ? 1 : 0);
    if (bytes > maxBytes) return Math.max(1, i);
  }
  return items.length;
}

export interface GetArgs extends Selection {
  /** A unique selector (`{ id }`, `{ authorId_title: {...} }`). */
  readonly where: Row;
}

export async function getRow(spec: ModelSpec<any>, args: GetArgs, ctx: OpContext): Promise<Row> {
  const fields = args.select ?? Object.keys(spec.fields);
  const include = args.include ?? [];
  // findFirst over the scoped where: an out-of-scope row answers exactly like a missing one.
  const row = await delegate(ctx.prisma, spec, ctx.signal).findFirst({
    where: and(flattenUnique(spec, args.where), scopeOf(spec, ctx.user)),
    select: buildSelect(spec, ctx.models, ctx.user, fields, include),
  });
  if (!row) throw notFound(spec.name);
  await hideOutOfScopeToOne(spec, ctx.models, ctx.prisma, ctx.user, [row], include, ctx.signal);
  return serializeRow(spec, ctx.models, row, { fields, include });
}

export async function countRows(spec: ModelSpec<any>, args: { readonly where?: Where }, ctx: OpContext): Promise<{ count: number }> {
  return { count: await delegate(ctx.prisma, spec, ctx.signal).count({ where: scopedWhere(spec, ctx.models, args.where, ctx.user) }) };
}

export const AGGREGATES = ['_count', '_sum', '_avg', '_min', '_max'] as const;

export type AggregateArgs = {
  readonly where?: Where;
  readonly by?: readonly string[];
  readonly take?: number;
  /** groupBy only (group-by.ts): order of the groups, conditions on them, groups to skip. */
  readonly orderBy?: readonly Row[];
  readonly having?: Row;
  readonly skip?: number;
} & Partial<Record<(typeof AGGREGATES)[number], readonly string[]>>;

/** One group without `by` (aggregate), else up to maxTake groups (groupBy). */
export async function aggregateRows(spec: ModelSpec<any>, args: AggregateArgs, ctx: OpContext): Promise<{ groups: Row[]; note?: string }> {
  const db = delegate(ctx.prisma, spec, ctx.signal);
  const aggregates: Row = {};
  for (const op of AGGREGATES) {
    const names = args[op];
    if (names) aggregates[op] = selectFields(names);
  }
  if (Object.keys(aggregates).length === 0) aggregates['_count'] = { _all: true };
  const where = scopedWhere(spec, ctx.models, args.where, ctx.user);
  if (!args.by) return { groups: [toJsonValue(await db.aggregate({ where, ...aggregates })) as Row] };
  const take = Math.min(args.take ?? spec.maxTake, spec.maxTake);
  const skip = args.skip ?? 0;
  const orderBy = groupOrder(args.by, args.orderBy);
  const groups = await db.groupBy({ by: args.by, where, ...aggregates, ...(args.having ? { having: args.having } : {}), orderBy, take: take + 1, ...(skip ? { skip } : {}) });
  return {
    groups: groups.slice(0, take).map((g) => toJsonValue(g) as Row),
    ...(groups.length > take ? { note: `only ${take} groups are returned; pass skip: ${skip + take} for the next ones` } : {}),
  };
}
