// Compact mode: three tools whatever the schema size. `describe_models` says what exists,
// `query` and `mutate` take Prisma Client arguments. Both run through the model's validators
// (validators.ts) and the shared operations (model-read.ts, model-write.ts), with the same
// exposure, scopes, row caps and cursor checks as the per-model tools of full mode.
import { z } from 'zod';
import { ArgumentError, formatZodError, ToolError } from '../../core/errors.js';
import { aggregateRows, countRows, getRow, listRows, type OpContext } from '../../data/read.js';
import { auditTarget, createRow, deleteRow, updateRow } from '../../data/write.js';
import type { Access, ModelSpec, Registry, ToolDef } from '../../core/spec.js';
import { viewMetaOf, type ResultShape } from '../../apps/columns.js';
import { VIEW_BUDGET_BYTES } from '../../apps/meta.js';
import { aggregateArgs, argsSchema, getArgs, listArgs, normalize } from './args.js';
import { describeModel } from './describe.js';
import { hintFor } from './hints.js';
import { modelList } from './model-list.js';
import { allows, compactOperations, MUTATE_OPERATIONS, QUERY_OPERATIONS, type CompactOperation } from './operations.js';

type Row = Record<string, unknown>;

// `args` is any object: its real schema depends on the model, so it is checked at run time. An
// explicit `type: object` (not an empty schema) keeps strict clients and validators happy.
const argsInput = (description: string) =>
  z.custom<Row>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), { message: 'expected an object' }).meta({ type: 'object', description });

const granted = (scopes: readonly string[], access: Access, toolset: string) => scopes.includes(access) || scopes.includes(`${toolset}:${access}`);

export interface CompactOptions {
  /** MCP Apps: the toolsets whose `query` results are shown in the views (apps/). @default [] */
  readonly views?: readonly string[];
}

/** The shape of `query`'s result per operation, for its view. */
const SHAPE: Record<(typeof QUERY_OPERATIONS)[number], ResultShape> = {
  findMany: 'page', findFirst: 'item', findUnique: 'row', count: 'count', aggregate: 'aggregate', groupBy: 'groups',
};

/** Tools for the models named in `served` (the compact toolsets'); `models` is the whole registry. */
export function compactTools(models: Registry, served: readonly string[], options: CompactOptions = {}): ToolDef[] {
  const specs = served.map((name) => models[name]).filter((s): s is ModelSpec<any> => s !== undefined);
  const viewed = new Set(options.views ?? []);
  const shown = (spec: ModelSpec<any>) => viewed.has(spec.toolset ?? '');
  const toolsets = [...new Set(specs.map((s) => s.toolset ?? ''))].sort();
  const byName = new Map(specs.map((s) => [s.name, s]));
  const readable = (scopes: readonly string[]) => specs.filter((s) => granted(scopes, 'read', s.toolset ?? ''));

  /** The served model a call names, checked against the caller's scopes. */
  const modelFor = (name: string, access: Access, ctx: OpContext): ModelSpec<any> => {
    const spec = byName.get(name);
    const visible = access === 'read' ? readable(ctx.scopes) : specs.filter((s) => granted(ctx.scopes, access, s.toolset ?? ''));
    if (!spec || !visible.includes(spec)) {
      throw new ToolError(`unknown model "${name}"; models you may ${access === 'read' ? 'query' : 'change'}: ${visible.map((s) => s.name).join(', ') || '(none)'}`);
    }
    return spec;
  };

  const gate = (access: Access) => (args: unknown) => {
    const model = (args as { model?: unknown } | null)?.model;
    const spec = typeof model === 'string' ? byName.get(model) : undefined;
    return spec ? { access, toolset: spec.toolset ?? '' } : undefined;
  };

  /** Validates `args` with the model's validators; a mistake names the model, the path and the valid names. */
  const parse = (spec: ModelSpec<any>, tool: string, operation: CompactOperation, args: Row): Row => {
    if (!allows(spec, operation)) {
      const { query, mutate } = compactOperations(spec);
      throw new ArgumentError(`${spec.name} does not allow ${operation}; it allows: ${[...query, ...mutate].join(', ') || 'nothing'}`);
    }
    const parsed = argsSchema(spec, models, operation).safeParse(normalize(args));
    if (parsed.success) return parsed.data as Row;
    const lines = formatZodError(parsed.error).split('\n').map((l) => `args${l.startsWith('arguments') ? l.slice('arguments'.length) : `.${l}`}`);
    const hint = hintFor(spec, models, operation, parsed.error.issues[0]?.path ?? []);
    throw new ArgumentError(`${tool} ${spec.name}.${operation}: ${lines.join('\n')}\n${hint} (describe_models shows the rest)`);
  };

  const hasWrites = specs.some((s) => compactOperations(s).mutate.length > 0);
  const tools: ToolDef[] = [
    {
      // Listed to callers who may read any served toolset; it answers with only the models they may read.
      name: 'describe_models', toolset: toolsets[0] ?? '', toolsets, access: 'read', userFields: [], gate: () => undefined,
      title: 'Describe models',
      description: 'Lists the models you can query (in pages on large schemas; search finds one by name). With { models: [names] }: their fields, relations, unique keys, writable fields, limits and filter operators.',
      input: z.strictObject({
        models: z.array(z.string()).max(20).optional().describe('Model names to describe in detail'),
        search: z.string().max(100).optional().describe('Part of a model name'),
        page: z.number().int().min(1).max(10_000).optional(),
      }),
      annotations: { title: 'Describe models', readOnlyHint: true, idempotentHint: true, openWorldHint: false },
      text: (result) => String(result['text']),
      async handler(args, ctx) {
        const { models: names, search, page } = args as { models?: string[]; search?: string; page?: number };
        // Mutations are shown only to callers who may make them.
        const writes = (spec: ModelSpec<any>) => granted(ctx.scopes, 'write', spec.toolset ?? '');
        if (readable(ctx.scopes).length === 0) throw new ToolError('your scopes allow reading none of these models');
        if (!names) return { text: modelList(readable(ctx.scopes), writes, { ...(search !== undefined ? { search } : {}), ...(page !== undefined ? { page } : {}) }) };
        return { text: names.map((n) => modelFor(n, 'read', ctx)).map((s) => describeModel(s, ctx.models, writes(s))).join('\n\n') };
      },
    },
    {
      name: 'query', toolset: toolsets[0] ?? '', toolsets, access: 'read', userFields: 'scopes', gate: gate('read'),
      title: 'Query',
      description: 'Reads rows with Prisma Client arguments. findMany returns { items, nextCursor, hasMore }; findFirst { item }; aggregate the aggregates; groupBy { groups }. Only rows you may see.',
      input: z.strictObject({ model: z.string().describe('A model from describe_models'), operation: z.enum(QUERY_OPERATIONS), args: argsInput('Prisma Client arguments, e.g. { where, orderBy, take, select }').optional() }),
      annotations: { title: 'Query', readOnlyHint: true, idempotentHint: true, openWorldHint: false },
      // The chart view shows rows as a table too, so one view serves every operation.
      ...(specs.some(shown) ? {
        view: 'chart' as const,
        viewMeta(raw: unknown) {
          const { model, operation } = raw as { model: string; operation: (typeof QUERY_OPERATIONS)[number] };
          const spec = byName.get(model);
          if (!spec || !shown(spec)) return undefined;
          return viewMetaOf(spec, SHAPE[operation], operation === 'findMany' ? { tool: 'query', at: ['args'] } : undefined);
        },
      } : {}),
      async handler(raw, ctx) {
        const { model, operation, args = {} } = raw as { model: string; operation: (typeof QUERY_OPERATIONS)[number]; args?: Row };
        const spec = modelFor(model, 'read', ctx);
        const a = parse(spec, 'query', operation, args);
        switch (operation) {
          case 'findMany':
            return listRows(spec, listArgs(spec, a), ctx, shown(spec) ? VIEW_BUDGET_BYTES : undefined);
          case 'findFirst':
            return { item: (await listRows(spec, { ...listArgs(spec, a), take: 1 }, ctx)).items[0] ?? null };
          case 'findUnique':
            return getRow(spec, getArgs(spec, a), ctx);
          case 'count':
            return countRows(spec, a, ctx);
          case 'aggregate':
            return (await aggregateRows(spec, aggregateArgs(a), ctx)).groups[0] ?? {};
          case 'groupBy':
            return aggregateRows(spec, aggregateArgs(a), ctx);
        }
      },
    },
  ];
  if (hasWrites) {
    tools.push({
      name: 'mutate', toolset: toolsets[0] ?? '', toolsets, access: 'write', userFields: 'scopes', gate: gate('write'),
      title: 'Mutate',
      description: 'Creates, updates or deletes one row: create { data }, update { where: <unique>, data }, delete { where: <unique> }. Returns the row. Only rows you may change.',
      input: z.strictObject({ model: z.string().describe('A model from describe_models'), operation: z.enum(MUTATE_OPERATIONS), args: argsInput('{ data }, { where, data } or { where }') }),
      annotations: { title: 'Mutate', readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false },
      audit(raw, value) {
        const { model, operation, args } = raw as { model: string; operation: string; args: unknown };
        const spec = byName.get(model);
        return spec ? auditTarget(spec, operation, args, value) : { model, action: operation };
      },
      async handler(raw, ctx) {
        const { model, operation, args } = raw as { model: string; operation: (typeof MUTATE_OPERATIONS)[number]; args: Row };
        const spec = modelFor(model, 'write', ctx);
        const a = parse(spec, 'mutate', operation, args);
        if (operation === 'create') return createRow(spec, a as { data: Row }, ctx);
        if (operation === 'update') return updateRow(spec, a as { where: Row; data: Row }, ctx);
        return deleteRow(spec, a as { where: Row }, ctx);
      },
    });
  }
  return tools;
}
