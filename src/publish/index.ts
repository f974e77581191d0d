/**
 * Publishing the app's existing API as tools. Today: the procedures of a tRPC v11 router
 * (`publish.trpc`), discovered from the router's type at generate time and called in-process
 * through its server-side caller at run time.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ResolvedConfig } from '../config/types.js';
import type { GeneratedFile } from '../emit/ts.js';
import type { Plan } from '../plan/types.js';
import { PublishError } from './errors.js';
import { parseModuleRef, type ModuleRef } from './trpc/module-ref.js';
import type { PublishedProcedure } from './trpc/types.js';

export { PublishError } from './errors.js';

/** Tool names compact mode adds for published procedures. */
export const COMPACT_PROCEDURE_TOOLS = ['describe_procedures', 'call_procedure'] as const;
export { PUBLISHED_TOOLS_EXPORT, PUBLISHED_TOOLS_FILE } from './trpc/emit.js';

export interface PublishInput {
  readonly root: string;
  readonly config: ResolvedConfig;
  readonly plan: Plan;
  /** Tool names already taken → by what (generated and custom tools). */
  readonly taken: ReadonlyMap<string, string>;
}

export interface PublishResult {
  readonly files: GeneratedFile[];
  readonly notes: string[];
  /** The user-owned createContext module to create, when it does not exist yet (never overwritten). */
  readonly scaffold?: { readonly path: string; readonly content: string };
  /** The procedures published, and whether they hide behind describe_procedures/call_procedure (compact). */
  readonly procedures?: readonly PublishedProcedure[];
  readonly compact?: boolean;
}

export async function publishFiles(input: PublishInput): Promise<PublishResult> {
  const trpc = input.config.publish.trpc;
  if (!trpc) return { files: [], notes: [] };
  const router = parseModuleRef(input.root, trpc.router, 'publish.trpc.router', true);
  const context = parseModuleRef(input.root, trpc.createContext, 'publish.trpc.createContext', false);
  const problems = [router, context].filter((r): r is string => typeof r === 'string');
  const toolsets = Object.keys(input.config.toolsets);
  const toolset = trpc.toolset ?? (toolsets.length === 1 ? toolsets[0] : undefined);
  if (!toolset) problems.push(`publish.trpc.toolset: which toolset do the procedures join? (toolsets: ${toolsets.join(', ')})`);
  if (problems.length > 0) throw new PublishError(problems);
  const r = router as ModuleRef;
  const c = context as ModuleRef;

  const { listProcedures } = await import('./trpc/discover.js');
  const { describeProcedure } = await import('./trpc/describe.js');
  const { selectProcedures } = await import('./trpc/select.js');
  const { emitTrpcFiles } = await import('./trpc/emit.js');
  const listed = listProcedures(input.root, r);
  if (listed.problem) throw new PublishError([listed.problem]);
  const selection = selectProcedures(listed.procedures, trpc, input.taken);
  problems.push(...selection.problems);
  const published: PublishedProcedure[] = [];
  for (const { procedure, toolName } of selection.selected) {
    const found = describeProcedure(procedure);
    if (found.inputProblem) {
      problems.push(`${found.file}:${found.line}: ${found.path}: input ${found.inputProblem}; exclude it with publish.trpc.exclude`);
      continue;
    }
    published.push({ ...found, toolName, toolset: toolset! });
  }
  // In compact mode (the toolset's `mode`, else the top-level one) the procedures hide behind two tools.
  const compact = toolset !== undefined && (input.config.toolsets[toolset]?.mode ?? input.config.mode) === 'compact';
  if (compact) {
    for (const name of COMPACT_PROCEDURE_TOOLS) {
      const by = input.taken.get(name);
      if (by) problems.push(`publish.trpc: compact mode needs the tool name ${name}, already used by ${by}`);
    }
  }
  if (problems.length > 0) throw new PublishError(problems);

  let scaffold: PublishResult['scaffold'];
  if (!fs.existsSync(path.join(input.root, c.file))) {
    const { scaffoldContext } = await import('./trpc/scaffold.js');
    scaffold = { path: c.file, content: scaffoldContext(c, input.plan.output, listed.ctxMembers, input.plan.importExtension) };
  }
  return { files: emitTrpcFiles(input.plan, r, c, published, compact ? toolset : undefined), notes: selection.notes, ...(scaffold ? { scaffold } : {}), procedures: published, compact };
}
