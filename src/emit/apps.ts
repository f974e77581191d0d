/**
 * `views.ts`: the MCP Apps views (docs/apps.md), one self-contained HTML file per kind, assembled
 * from templates/apps/ (a shell with the styles, and plain scripts for the protocol, the cells, the
 * table and the chart) and written as string constants, so the server needs no file at run time
 * and works bundled. The runtime serves them as `ui://` resources (runtime/apps/resources.ts).
 */
import type { Plan } from '../plan/types.js';
import { jsDoc, relativeImport, type GeneratedFile } from './ts.js';

/** The scripts of each view, in order (the chart view falls back to the table, so it carries it). */
export const VIEW_PARTS = {
  table: { title: 'Rows', scripts: ['bridge.js', 'cells.js', 'table.js'], start: 'start("mcp-gen table", showTable);' },
  chart: { title: 'Aggregates', scripts: ['bridge.js', 'cells.js', 'table.js', 'chart.js'], start: 'start("mcp-gen chart", showAggregate);' },
} as const;

export type ViewKind = keyof typeof VIEW_PARTS;

/** Whether some toolset has views (`apps`): read tools of its models, or its published queries, may show results in one. */
export function needsViews(plan: Plan): boolean {
  return plan.toolsets.some((t) => t.apps);
}

/** Full-line `//` comments go (they are for readers of templates/apps/); the code stays as written. */
function stripLineComments(script: string): string {
  return script.split('\n').filter((line) => !/^\s*\/\//.test(line)).join('\n');
}

/** One view's HTML from the templates (`shell.html`, scripts by name). */
export function assembleView(kind: ViewKind, templates: ReadonlyMap<string, string>): string {
  const read = (name: string) => {
    const text = templates.get(name);
    if (text === undefined) throw new Error(`templates/apps/${name} is missing`);
    return text;
  };
  const { title, scripts, start } = VIEW_PARTS[kind];
  const script = [...scripts.map((s) => stripLineComments(read(s)).trim()), start].join('\n\n');
  // Replaced by position, not by a global pattern: the scripts may contain any text.
  const shell = read('shell.html').replace('{{title}}', title);
  const at = shell.indexOf('{{script}}');
  if (at < 0) throw new Error('templates/apps/shell.html has no {{script}}');
  return shell.slice(0, at) + script + shell.slice(at + '{{script}}'.length);
}

/** A template literal holding `text` exactly. */
function templateLiteral(text: string): string {
  return '`' + text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';
}

export function emitViews(plan: Plan, templates: ReadonlyMap<string, string>): GeneratedFile | undefined {
  if (!needsViews(plan)) return undefined;
  const entries = (Object.keys(VIEW_PARTS) as ViewKind[]).map((kind) => `  ${kind}: ${templateLiteral(assembleView(kind, templates))},`);
  return {
    path: 'views.ts',
    content: `${jsDoc('The MCP Apps views (HTML served as ui:// resources by runtime/apps/resources.ts), from mcp-gen\'s templates/apps/.')}import type { ViewSources } from '${relativeImport('views.ts', 'runtime/apps/resources.ts', plan.importExtension)}';

export const views: ViewSources = {
${entries.join('\n')}
};
`,
  };
}
