/**
 * Published procedures as generated files under `publish/trpc/`: `router.ts` binds the router and
 * your createContext once; one file per tool (so editing one procedure rewrites one file); `tools.ts`
 * lists them for the server.
 */
import type { ImportExtension, Plan } from '../../plan/types.js';
import { compare, jsDoc, lowerFirst, objectLiteral, str, type GeneratedFile } from '../../emit/ts.js';
import { importBlock } from '../../emit/imports.js';
import { userModuleImport } from '../../emit/scope.js';
import { titleOf } from '../../custom-tools/names.js';
import type { ModuleRef } from './module-ref.js';
import type { PublishedProcedure } from './types.js';

export const PUBLISHED_TOOLS_FILE = 'publish/trpc/tools.ts';
export const PUBLISHED_TOOLS_EXPORT = 'publishedTools';
const DIR = 'publish/trpc';
const IDENT = /^[A-Za-z_$][\w$]*$/;

/** `compact`: the toolset of `describe_procedures`/`call_procedure`, which then stand for the procedures. */
export function emitTrpcFiles(plan: Plan, router: ModuleRef, context: ModuleRef, procedures: readonly PublishedProcedure[], compact?: string): GeneratedFile[] {
  const sorted = [...procedures].sort((a, b) => compare(a.toolName, b.toolName));
  // MCP Apps: queries returning rows get the table view where their toolset has views. Behind
  // call_procedure (compact) the flag is unused, and kept so a mode switch rewrites only tools.ts.
  const viewed = (p: PublishedProcedure) => p.rows === true && p.type === 'query' && plan.toolsets.some((t) => t.name === p.toolset && t.apps);
  const ext = plan.importExtension;
  return [routerFile(plan, router, context), ...sorted.map((p) => toolFile(p, viewed(p), ext)), listFile(sorted, compact, ext)];
}

function routerFile(plan: Plan, router: ModuleRef, context: ModuleRef): GeneratedFile {
  const path = `${DIR}/router.ts`;
  const imports = importBlock(path, [
    { from: 'runtime/publish/trpc.ts', names: ['bindRouter'] },
    { from: userModuleImport(plan, path, router.file), names: [router.exportName] },
    { from: userModuleImport(plan, path, context.file), names: [context.exportName] },
  ], plan.importExtension);
  return {
    path,
    content: `${jsDoc(`Procedures of ${router.file}#${router.exportName} run through its server-side caller, with the context ${context.file}#${context.exportName} builds for the MCP caller.`)}${imports}
export const procedureTool = bindRouter(${router.exportName}, ${context.exportName});
`,
  };
}

/** `post_by_id` → `post-by-id.ts`. */
function fileOf(p: PublishedProcedure): string {
  return `${DIR}/${p.toolName.replace(/_/g, '-')}.ts`;
}

function exportOf(p: PublishedProcedure): string {
  return lowerFirst(p.toolName.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()));
}

/** `trpc.post.byId(args)`; a segment that is not an identifier is indexed. */
function callExpression(p: PublishedProcedure): string {
  const access = p.path.split('.').map((s) => (IDENT.test(s) ? `.${s}` : `[${str(s)}]`)).join('');
  const arg = p.noInput ? '' : p.inputKey ? 'args.input' : 'args';
  return `(trpc, ${p.noInput ? '_args' : 'args'}) => trpc${access}(${arg})`;
}

function toolFile(p: PublishedProcedure, view: boolean, ext: ImportExtension): GeneratedFile {
  const path = fileOf(p);
  const title = titleOf(p.toolName);
  const meta: [string, string][] = [
    ['path', str(p.path)],
    ['name', str(p.toolName)],
    ['toolset', str(p.toolset)],
    ['type', str(p.type)],
    ['title', str(title)],
    ['description', str(p.description ?? `${title} (tRPC ${p.type} ${p.path}).`)],
  ];
  if (p.inputKey) meta.push(['inputKey', str(p.inputKey)]);
  if (p.output) meta.push(['output', p.output.split('\n').join('\n  ')]);
  if (p.wrap) meta.push(['wrap', 'true']);
  if (view) meta.push(['view', 'true']);
  const body = `${p.input}\n${p.output ?? ''}`;
  const imports = importBlock(path, [
    { from: 'zod', names: ['z'] },
    { from: 'runtime/data/filters.ts', names: /\bf\./.test(body) ? ['* as f'] : [] },
    { from: `${DIR}/router.ts`, names: ['procedureTool'] },
  ], ext);
  return {
    path,
    content: `${jsDoc(`tRPC ${p.type} ${p.path} (${p.file}:${p.line}) as the tool ${p.toolName}.`)}${imports}
export const ${exportOf(p)} = procedureTool(
  ${objectLiteral(meta, '  ')},
  ${p.input!.split('\n').join('\n  ')},
  ${callExpression(p)},
);
`,
  };
}

function listFile(procedures: readonly PublishedProcedure[], compact: string | undefined, ext: ImportExtension): GeneratedFile {
  const path = PUBLISHED_TOOLS_FILE;
  const imports = importBlock(path, [
    { from: 'runtime/core/spec.ts', names: ['ToolDef'], typeOnly: true },
    { from: 'runtime/publish/compact.ts', names: compact ? ['compactProcedureTools'] : [] },
    ...procedures.map((p) => ({ from: fileOf(p), names: [exportOf(p)] })),
  ], ext);
  const items = procedures.map((p) => `  ${exportOf(p)},`).join('\n');
  const list = `[\n${items}${items ? '\n' : ''}]`;
  const what = `Published tRPC procedures (${procedures.map((p) => p.path).join(', ') || 'none'})`;
  return {
    path,
    content: `${jsDoc(compact ? `${what}, behind describe_procedures and call_procedure (compact mode).` : `${what}.`)}${imports}
export const ${PUBLISHED_TOOLS_EXPORT}: readonly ToolDef[] = ${compact ? `compactProcedureTools(${list}, ${str(compact)})` : list};
`,
  };
}
