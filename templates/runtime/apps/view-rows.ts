// The app-only tool behind the views' sort and page controls. A view asks for another page, or
// another order, of a result it shows by naming the read tool that produced it and that tool's
// arguments, changed: `{ tool: 'list_posts', arguments: { where, orderBy: [{ title: 'desc' }],
// cursor } }`. The call then runs exactly as that tool's own call would: its zod validator, its
// handler (the shared scoped operations), its scopes (the HTTP layer checks them through `gate`
// before anything runs, and the handler checks again). The server keeps no state between pages:
// the cursor is the list tool's own, and the view holds the arguments.
import { z } from 'zod';
import { ArgumentError, formatZodError, ToolError } from '../core/errors.js';
import { allows } from '../mcp/server.js';
import type { Access, ToolDef } from '../core/spec.js';

export const VIEW_ROWS_TOOL = 'view_rows';

/**
 * The app-only tool over `tools`' read tools that have a view; undefined when none has one.
 * Listed with `_meta.ui.visibility: ['app']`: hosts hide it from the model and let only views call it.
 */
export function viewRowsTool(tools: readonly ToolDef[]): ToolDef | undefined {
  const targets = tools.filter((t) => t.view && t.access === 'read' && t.name !== VIEW_ROWS_TOOL);
  if (targets.length === 0) return undefined;
  const byName = new Map(targets.map((t) => [t.name, t]));
  const names = targets.map((t) => t.name);
  const toolsets = [...new Set(targets.flatMap((t) => t.toolsets ?? [t.toolset]))].sort();

  /** What the call needs: the target's own gate (compact `query`: the named model's toolset), else its toolset's read. */
  const need = (raw: unknown): { readonly access: Access; readonly toolset: string } | undefined => {
    const { tool, arguments: args } = (raw ?? {}) as { tool?: unknown; arguments?: unknown };
    const target = typeof tool === 'string' ? byName.get(tool) : undefined;
    if (!target) return undefined;
    return target.gate ? target.gate(args) : { access: target.access, toolset: target.toolset };
  };

  return {
    name: VIEW_ROWS_TOOL,
    toolset: toolsets[0] ?? '',
    toolsets,
    access: 'read',
    visibility: ['app'],
    userFields: 'scopes',
    title: 'View rows',
    description: 'For data views only: reruns a read tool with changed arguments (order, page).',
    // `tool` is checked in the handler, not listed as an enum: the tool is not for models, and
    // the names would cost every tools/list a token or more each.
    input: z.strictObject({
      tool: z.string().refine((name) => byName.has(name), { message: `expected one of ${names.join(', ')}` }).describe('A read tool the view shows'),
      arguments: z.custom<Record<string, unknown>>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), { message: 'expected an object' })
        .meta({ type: 'object', description: "That tool's arguments" }).optional(),
    }),
    annotations: { title: 'View rows', readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    gate: need,
    viewMeta(raw, result) {
      const { tool, arguments: args = {} } = raw as { tool: string; arguments?: Record<string, unknown> };
      return byName.get(tool)?.viewMeta?.(args, result);
    },
    async handler(raw, ctx) {
      const { tool, arguments: args = {} } = raw as { tool: string; arguments?: Record<string, unknown> };
      const target = byName.get(tool)!;
      const needed = need(raw);
      // The HTTP layer refused already; a mount that skips it still cannot read past the scopes.
      if (needed && !allows(ctx.scopes, needed.access, needed.toolset)) throw new ToolError(`${tool} needs the "${needed.access}" scope`);
      const parsed = await target.input.safeParseAsync(args);
      if (!parsed.success) {
        throw new ArgumentError(`Invalid arguments for ${tool}:\n${formatZodError(parsed.error).split('\n').map((l) => (l.startsWith('arguments') ? l : `arguments.${l}`)).join('\n')}`);
      }
      return target.handler(parsed.data, ctx);
    },
  };
}

/** `tools` and, when some of them have a view, the app-only tool over them (last). */
export function withViewRows(tools: readonly ToolDef[]): readonly ToolDef[] {
  const app = viewRowsTool(tools);
  return app ? [...tools, app] : tools;
}
