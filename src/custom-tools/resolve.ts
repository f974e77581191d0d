/** Final names and toolsets of the found tools, and every clash between them and the rest. */
import { NAME_PATTERN } from '../config/schema.js';
import { compare } from '../emit/ts.js';
import { snakeCase } from './names.js';
import type { CustomTool, FoundTool } from './types.js';

export interface ResolveInput {
  readonly tools: readonly FoundTool[];
  /** The config's toolsets (only `tools` is read here). */
  readonly toolsets: Readonly<Record<string, { readonly tools?: readonly string[] }>>;
  /** Generated tool name → where it comes from, e.g. `model BlogPost (list)`. */
  readonly generated: ReadonlyMap<string, string>;
  /** The tools folder, for messages. */
  readonly dir: string;
}

const where = (t: FoundTool) => `${t.file}:${t.line}`;

export function resolveTools(input: ResolveInput): { tools: CustomTool[]; problems: string[] } {
  const problems: string[] = [];
  const toolsetNames = Object.keys(input.toolsets).sort();
  const listed = new Map<string, string>();
  for (const ts of toolsetNames) {
    for (const name of input.toolsets[ts]!.tools ?? []) {
      const other = listed.get(name);
      if (other) problems.push(`toolsets.${other}.tools and toolsets.${ts}.tools both list ${name}: a tool belongs to one toolset`);
      else listed.set(name, ts);
    }
  }
  const byName = new Map<string, FoundTool>();
  const tools: CustomTool[] = [];
  for (const t of [...input.tools].sort((a, b) => compare(a.file, b.file) || a.line - b.line)) {
    const toolName = t.name ?? snakeCase(t.exportName);
    if (!NAME_PATTERN.test(toolName)) {
      problems.push(`${where(t)}: ${t.exportName}: tool name ${JSON.stringify(toolName)} must be lowercase letters, digits and _, starting with a letter`);
      continue;
    }
    const generated = input.generated.get(toolName);
    if (generated) {
      problems.push(`${where(t)}: ${t.exportName}: tool name ${toolName} clashes with the generated tool ${toolName} (${generated}); rename it with ${t.form === 'function' ? '@name' : 'name:'}`);
      continue;
    }
    const first = byName.get(toolName);
    if (first) {
      problems.push(`tool name ${toolName} is used twice: ${where(first)} (${first.exportName}) and ${where(t)} (${t.exportName})`);
      continue;
    }
    byName.set(toolName, t);
    const toolsetName = toolsetOf(t, toolName, listed.get(toolName), toolsetNames, problems);
    if (toolsetName) tools.push({ ...t, toolName, toolsetName });
  }
  for (const [name, ts] of [...listed].sort(([a], [b]) => compare(a, b))) {
    if (!byName.has(name)) {
      const found = [...byName.keys()].sort();
      problems.push(`toolsets.${ts}.tools: no custom tool named ${name} in ${input.dir} (found: ${found.length ? found.join(', ') : 'none'})`);
    }
  }
  return { tools, problems };
}

function toolsetOf(t: FoundTool, toolName: string, listedIn: string | undefined, toolsets: readonly string[], problems: string[]): string | undefined {
  const tag = t.form === 'function' ? '@toolset' : 'toolset:';
  if (t.toolset) {
    if (!toolsets.includes(t.toolset)) {
      problems.push(`${where(t)}: ${t.exportName}: unknown toolset ${t.toolset} (toolsets: ${toolsets.join(', ') || 'none'})`);
      return undefined;
    }
    if (listedIn && listedIn !== t.toolset) {
      problems.push(`${where(t)}: ${t.exportName}: ${tag} ${t.toolset} but toolsets.${listedIn}.tools lists ${toolName}`);
      return undefined;
    }
    return t.toolset;
  }
  if (listedIn) return listedIn;
  if (toolsets.length === 1) return toolsets[0];
  problems.push(
    `${where(t)}: ${t.exportName}: which toolset does ${toolName} belong to? Add ${tag} <name> or list it in toolsets.<name>.tools (toolsets: ${toolsets.join(', ')})`,
  );
  return undefined;
}
