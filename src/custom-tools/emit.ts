/**
 * `custom-tools.ts`: imports the user's tool modules and turns each export into a ToolDef with
 * runtime/tools/custom.ts. The call `fromFunction(meta, <input schema>, fn)` is what makes tsc check
 * that the derived schema produces what the function's `args` type accepts.
 */
import type { Plan } from '../plan/types.js';
import { compare, jsDoc, objectLiteral, str, type GeneratedFile } from '../emit/ts.js';
import { importBlock, type ImportSpec } from '../emit/imports.js';
import { userModuleImport } from '../emit/scope.js';
import { titleOf } from './names.js';
import type { CustomTool } from './types.js';

export const CUSTOM_TOOLS_FILE = 'custom-tools.ts';
export const CUSTOM_TOOLS_EXPORT = 'customTools';

const RESERVED = new Set(['z', 'f', 'fromDefinition', 'fromFunction', 'ToolDef', CUSTOM_TOOLS_EXPORT]);

export function emitCustomTools(plan: Plan, tools: readonly CustomTool[], dir: string): GeneratedFile {
  const path = CUSTOM_TOOLS_FILE;
  const used = new Set(RESERVED);
  const byModule = new Map<string, string[]>();
  const entries: string[] = [];
  for (const t of tools) {
    let local = t.exportName;
    for (let i = 2; used.has(local); i++) local = `${t.exportName}${i}`;
    used.add(local);
    const from = userModuleImport(plan, path, t.file);
    byModule.set(from, [...(byModule.get(from) ?? []), local === t.exportName ? local : `${t.exportName} as ${local}`]);
    entries.push(t.form === 'function' ? functionEntry(t, local) : definitionEntry(t, local));
  }
  const body = entries.join('\n');
  const imports: ImportSpec[] = [
    { from: 'zod', names: body.includes('z.') ? ['z'] : [] },
    { from: 'runtime/data/filters.ts', names: /\bf\./.test(body) ? ['* as f'] : [] },
    { from: 'runtime/tools/custom.ts', names: [...new Set(tools.map((t) => (t.form === 'function' ? 'fromFunction' : 'fromDefinition')))] },
    { from: 'runtime/core/spec.ts', names: ['ToolDef'], typeOnly: true },
    ...[...byModule].map(([from, names]) => ({ from, names })),
  ];
  const header = jsDoc(`Your own tools from ${dir}/ (${tools.map((t) => t.toolName).join(', ') || 'none'}).`);
  return {
    path,
    content: `${header}${importBlock(path, imports, plan.importExtension)}\nexport const ${CUSTOM_TOOLS_EXPORT}: readonly ToolDef[] = [\n${body}${body ? '\n' : ''}];\n`,
  };
}

function functionEntry(t: Extract<CustomTool, { form: 'function' }>, local: string): string {
  const title = t.title ?? titleOf(t.toolName);
  const meta: [string, string][] = [
    ['name', str(t.toolName)],
    ['toolset', str(t.toolsetName)],
    ['access', str(t.access)],
    ['title', str(title)],
    ['description', str(t.description ?? `${title}.`)],
  ];
  const hints = Object.entries(t.hints).sort(([a], [b]) => compare(a, b));
  if (hints.length) meta.push(['annotations', objectLiteral(hints.map(([k, v]) => [k, String(v)]))]);
  if (t.output) meta.push(['output', reindent(t.output, '      ')]);
  if (t.wrap) meta.push(['wrap', 'true']);
  return `  // ${t.file}:${t.line}\n  fromFunction(\n    ${objectLiteral(meta, '    ')},\n    ${reindent(t.input, '    ')},\n    ${local},\n  ),`;
}

function definitionEntry(t: CustomTool, local: string): string {
  const meta = objectLiteral([
    ['name', str(t.toolName)],
    ['toolset', str(t.toolsetName)],
    ['title', str(titleOf(t.toolName))],
  ]);
  return `  // ${t.file}:${t.line}\n  fromDefinition(${local}, ${meta}),`;
}

/** Schema code is built at indent 0; nest its continuation lines where it is placed. */
function reindent(code: string, indent: string): string {
  return code.split('\n').join(`\n${indent}`);
}
