// The view resources: one self-contained HTML file per kind of view (no external script, style or
// image, so every host's default CSP serves it and `_meta.ui.csp` stays empty). The HTML comes from
// the generated views.ts (mcp-gen assembles it from its templates/apps/). `viewResources` is a
// provider for the resources capability (issue 22's ResourceProvider, matched structurally): it owns
// exactly its URIs, so an unknown `ui://` URI is the core's "Resource not found". Listed
// unconditionally: a client that does not render views just never reads them.
import type { ToolDef, ViewKind } from '../core/spec.js';
import { VIEW_MIME_TYPE, VIEW_URI } from './meta.js';

/** The views' HTML by kind (generated views.ts). */
export type ViewSources = Readonly<Record<ViewKind, string>>;

/** Hosts draw a border around the view. */
const META = { ui: { prefersBorder: true } };

const ABOUT: Readonly<Record<ViewKind, { title: string; description: string }>> = {
  table: { title: 'Rows', description: 'A sortable, paged table of the rows a read tool returned.' },
  chart: { title: 'Aggregates', description: 'A bar chart of grouped aggregates, or figure cards for one; a table otherwise.' },
};

export interface ViewEntry {
  readonly uri: string;
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly mimeType: string;
  readonly _meta: Record<string, unknown>;
}

/**
 * The views `tools` point at, served on the endpoints of those tools' toolsets (and `/mcp`).
 * Reading one needs nothing beyond authentication: the HTML holds no data; the data comes with
 * each tool result, under the caller's scopes.
 */
export function viewResources(sources: ViewSources, tools: readonly ToolDef[]) {
  const viewed = tools.filter((t) => t.view);
  const kinds = [...new Set(viewed.map((t) => t.view!))].sort();
  const toolsets = [...new Set(viewed.flatMap((t) => t.toolsets ?? [t.toolset]))].sort();
  const entries: ViewEntry[] = kinds.map((kind) => ({ uri: VIEW_URI[kind], name: `${kind}.html`, ...ABOUT[kind], mimeType: VIEW_MIME_TYPE, _meta: META }));
  const byUri = new Map(kinds.map((kind) => [VIEW_URI[kind], kind]));
  return {
    toolsets,
    owns: (uri: string) => byUri.has(uri),
    serves: (toolset: string | undefined) => kinds.length > 0 && (toolset === undefined || toolsets.includes(toolset)),
    list: (): readonly ViewEntry[] => entries,
    templates: (): readonly never[] => [],
    need: (): undefined => undefined,
    async read(uri: string) {
      const kind = byUri.get(uri)!;
      return [{ uri, mimeType: VIEW_MIME_TYPE, text: sources[kind], _meta: META }];
    },
  };
}
