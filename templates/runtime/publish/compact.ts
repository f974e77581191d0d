// Published procedures in compact mode (`mode: 'compact'`): a large router as one tool per
// procedure would fill the client's context with schemas, so the procedures hide behind two tools.
// `describe_procedures` lists what the caller may call, with each input schema; `call_procedure`
// runs one by name. The per-procedure ToolDefs are built exactly as in full mode, so validation,
// the tRPC context, scopes and error mapping are the same code.
import { z } from 'zod';
import { formatZodError, ToolError } from '../core/errors.js';
import { listing } from '../tools/listing/listing.js';
import { allows } from '../mcp/server.js';
import type { ToolDef } from '../core/spec.js';

export function compactProcedureTools(procedures: readonly ToolDef[], toolset: string): ToolDef[] {
  const byName = new Map(procedures.map((p) => [p.name, p]));
  const names = [...byName.keys()] as [string, ...string[]];
  const describe: ToolDef = {
    name: 'describe_procedures',
    toolset,
    access: 'read',
    title: 'Describe procedures',
    description: `The app's own procedures, callable with call_procedure: description, whether it writes, input schema. Procedures: ${names.join(', ')}.`,
    input: z.strictObject({ names: z.array(z.enum(names)).optional().describe('Only these procedures (default: every one you may call)') }),
    annotations: { title: 'Describe procedures', readOnlyHint: true, openWorldHint: false },
    async handler(args, ctx) {
      const wanted = (args as { names?: string[] }).names ?? names;
      const procedures = wanted
        .map((name) => byName.get(name)!)
        .filter((p) => allows(ctx.scopes, p.access, p.toolset))
        .map((p) => ({ name: p.name, description: p.description, writes: p.access === 'write', input: listing(p).inputSchema }));
      return { procedures };
    },
  };
  const call: ToolDef = {
    name: 'call_procedure',
    toolset,
    // Offered to read-only keys too; a procedure that writes needs the write scope (gate, and again below).
    access: 'read',
    title: 'Call procedure',
    description: 'Calls one procedure from describe_procedures with its input. Procedures that write need the write scope.',
    input: z.strictObject({
      procedure: z.enum(names).describe('A name from describe_procedures'),
      input: z.record(z.string(), z.unknown()).optional().describe("The procedure's input (default: {})"),
    }),
    annotations: { title: 'Call procedure', readOnlyHint: false, openWorldHint: false },
    // The HTTP layer answers 403 before anything runs when the named procedure needs a scope the caller lacks.
    gate(args) {
      const target = byName.get((args as { procedure?: unknown } | undefined)?.procedure as string);
      return target ? { access: target.access, toolset: target.toolset } : undefined;
    },
    async handler(args, ctx) {
      const { procedure, input } = args as { procedure: string; input?: Record<string, unknown> };
      const target = byName.get(procedure)!;
      if (!allows(ctx.scopes, target.access, target.toolset)) {
        throw new ToolError(`refused: ${procedure} needs the "${target.access}" scope (or "${target.toolset}:${target.access}"); nothing ran`);
      }
      const parsed = await target.input.safeParseAsync(input ?? {});
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => ({ ...i, path: ['input', ...i.path] }));
        throw new ToolError(`Invalid arguments for ${procedure}:\n${formatZodError({ issues } as unknown as z.ZodError)}`);
      }
      return target.handler(parsed.data, ctx);
    },
  };
  return [describe, call];
}
