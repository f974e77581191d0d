// Write tools: create, update, delete. Each runs in one interactive transaction: find the row in
// scope, write, and check the written row is still in scope; a failed check rolls the write back.
import { z } from 'zod';
import { delegate, flattenUnique, keyUnique, keyWhere, primaryKey, selectFields, transaction, type Delegate, type Row } from './db.js';
import { notFound, ToolError } from './errors.js';
import { and, scopeOf } from './scope.js';
import type { ModelSpec, ToolDef, Where } from './spec.js';
import { changeAnnotations, createAnnotations, type ToolMeta } from './tool-meta.js';
import { serializeRow } from './values.js';

export interface CreateToolOptions extends ToolMeta {
  /** Writable fields with input codecs (required ones required). */
  readonly data: z.ZodType;
  readonly row: z.ZodType;
}

export interface UpdateToolOptions extends ToolMeta {
  readonly unique: z.ZodType;
  /** Writable fields with input codecs, all optional. */
  readonly data: z.ZodType;
  readonly row: z.ZodType;
}

export interface DeleteToolOptions extends ToolMeta {
  readonly unique: z.ZodType;
  readonly row: z.ZodType;
}

function allFields(spec: ModelSpec<any>): Record<string, true> {
  return selectFields(Object.keys(spec.fields));
}

async function assertInScope(db: Delegate, spec: ModelSpec<any>, row: Row, scope: Where | undefined, what: string): Promise<void> {
  if (!scope) return;
  if (primaryKey(spec).length === 0) throw new ToolError(`${spec.name} has no unique key: its scope cannot be checked, so it cannot be written`);
  const found = await db.findFirst({ where: and(keyWhere(spec, row), scope), select: selectFields(primaryKey(spec)) });
  if (!found) throw new ToolError(`the ${what} ${spec.name} would be outside the rows you may access; nothing was saved`);
}

export function createTool(spec: ModelSpec<any>, o: CreateToolOptions): ToolDef {
  const input = z.strictObject({ data: o.data });
  return {
    name: o.name, toolset: o.toolset, access: 'write', title: o.title, description: o.description,
    input, output: o.row as z.ZodObject, annotations: createAnnotations(o.title),
    async handler(raw, ctx) {
      const args = raw as { data: Row };
      const scope = scopeOf(spec, ctx.user);
      // Server-set values win over anything in `data` (the schema does not offer them anyway).
      const fixed = spec.fixed && ctx.user != null ? spec.fixed(ctx.user) : {};
      ctx.signal.throwIfAborted();
      const row = await transaction(ctx.prisma, async (tx) => {
        const db = delegate(tx, spec);
        const created = await db.create({ data: { ...args.data, ...fixed }, select: allFields(spec) });
        await assertInScope(db, spec, created, scope, 'new');
        return created;
      });
      return serializeRow(spec, ctx.models, row);
    },
  };
}

export function updateTool(spec: ModelSpec<any>, o: UpdateToolOptions): ToolDef {
  const input = z.strictObject({ where: o.unique, data: o.data });
  return {
    name: o.name, toolset: o.toolset, access: 'write', title: o.title, description: o.description,
    input, output: o.row as z.ZodObject, annotations: changeAnnotations(o.title),
    async handler(raw, ctx) {
      const args = raw as { where: Row; data: Row };
      const scope = scopeOf(spec, ctx.user);
      ctx.signal.throwIfAborted();
      const row = await transaction(ctx.prisma, async (tx) => {
        const db = delegate(tx, spec);
        const existing = await db.findFirst({ where: and(flattenUnique(spec, args.where), scope), select: selectFields(primaryKey(spec)) });
        if (!existing) throw notFound(spec.name);
        const updated = await db.update({ where: keyUnique(spec, existing), data: args.data, select: allFields(spec) });
        await assertInScope(db, spec, updated, scope, 'updated');
        return updated;
      });
      return serializeRow(spec, ctx.models, row);
    },
  };
}

export function deleteTool(spec: ModelSpec<any>, o: DeleteToolOptions): ToolDef {
  const input = z.strictObject({ where: o.unique });
  return {
    name: o.name, toolset: o.toolset, access: 'write', title: o.title, description: o.description,
    input, output: o.row as z.ZodObject, annotations: changeAnnotations(o.title),
    async handler(raw, ctx) {
      const args = raw as { where: Row };
      const scope = scopeOf(spec, ctx.user);
      ctx.signal.throwIfAborted();
      const row = await transaction(ctx.prisma, async (tx) => {
        const db = delegate(tx, spec);
        const existing = await db.findFirst({ where: and(flattenUnique(spec, args.where), scope), select: allFields(spec) });
        if (!existing) throw notFound(spec.name);
        await db.delete({ where: keyUnique(spec, existing) });
        return existing;
      });
      return serializeRow(spec, ctx.models, row);
    },
  };
}
