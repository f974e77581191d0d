/**
 * Custom tools: the user's own functions in the tools folder (default `src/mcp/tools/`) next to
 * the generated ones. Scans with ts-morph (loaded only when the folder holds tool files), resolves names
 * and toolsets, and emits `custom-tools.ts` for the generated folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CODE_TOOL_NAMES, COMPACT_TOOL_NAMES, VIEW_ROWS_TOOL, type Plan } from '../plan/types.js';
import type { GeneratedFile } from '../emit/ts.js';
import { CustomToolError } from './errors.js';
import { emitCustomTools } from './emit.js';
import { listToolFiles } from './files.js';
import { resolveTools } from './resolve.js';
import type { CustomTool, FoundTool } from './types.js';

export { CustomToolError } from './errors.js';
export { CUSTOM_TOOLS_FILE, CUSTOM_TOOLS_EXPORT } from './emit.js';

export interface CustomToolsInput {
  /** Project root. */
  readonly root: string;
  /** Project-relative tools folder (config `tools.dir`). */
  readonly dir: string;
  /** The config's toolsets (`tools` lists custom tool names). */
  readonly toolsets: Readonly<Record<string, { readonly tools?: readonly string[] }>>;
  readonly plan: Plan;
}

/** Generated tool names → where they come from, for clash messages. */
export function generatedToolNames(plan: Plan): Map<string, string> {
  const names = new Map<string, string>();
  for (const mp of plan.models) {
    for (const [op, name] of Object.entries(mp.toolNames)) if (name) names.set(name, `model ${mp.model.name}, ${op}`);
  }
  if (plan.auth.kind === 'apiKeys') names.set('get_user_info', 'auth.apiKeys');
  if (plan.models.some((mp) => mp.mode === 'compact')) for (const name of COMPACT_TOOL_NAMES) names.set(name, 'compact mode');
  if (plan.models.some((mp) => mp.mode === 'code')) for (const name of CODE_TOOL_NAMES) names.set(name, 'code mode');
  if (plan.toolsets.some((ts) => ts.apps)) names.set(VIEW_ROWS_TOOL, 'MCP Apps (apps: false turns it off)');
  return names;
}

/**
 * `custom-tools.ts` (or nothing when the folder is missing or holds no tools).
 * Throws CustomToolError listing every problem (each with file:line or a config key path).
 */
export async function customToolFiles(input: CustomToolsInput): Promise<GeneratedFile[]> {
  return (await customTools(input)).files;
}

/** The file, and each custom tool's name → where it is defined (other tool sources check clashes against them). */
export async function customTools(input: CustomToolsInput): Promise<{ files: GeneratedFile[]; names: Map<string, string>; tools: readonly CustomTool[] }> {
  const dir = input.dir.replace(/\\/g, '/').replace(/\/+$/, '');
  const abs = path.resolve(input.root, dir);
  const found: FoundTool[] = [];
  const problems: string[] = [];
  if (fs.existsSync(abs)) {
    const files = listToolFiles(abs);
    if (files.length > 0) {
      const { openToolsProject } = await import('./project.js');
      const { scanFile } = await import('./scan.js');
      for (const sf of openToolsProject(input.root, files)) {
        const r = scanFile(sf, input.root);
        found.push(...r.tools);
        problems.push(...r.problems);
      }
    }
  }
  const resolved = resolveTools({ tools: found, toolsets: input.toolsets, generated: generatedToolNames(input.plan), dir });
  problems.push(...resolved.problems);
  if (problems.length > 0) throw new CustomToolError(problems);
  const names = new Map(resolved.tools.map((t) => [t.toolName, `the custom tool ${t.exportName} (${t.file}:${t.line})`]));
  if (resolved.tools.length === 0) return { files: [], names, tools: [] };
  return { files: [emitCustomTools(input.plan, resolved.tools, dir)], names, tools: resolved.tools };
}
