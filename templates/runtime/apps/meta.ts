// MCP Apps (extension io.modelcontextprotocol/ui, spec 2026-01-26): the names and metadata shared by
// the tools that point at a view, the view resources and the app-only tool. One place, so the URI a
// tool lists and the URI the resource serves cannot drift apart.
import type { ToolDef, ViewKind } from '../core/spec.js';

/** The extension's id (client capabilities name it under `extensions`). */
export const APPS_EXTENSION = 'io.modelcontextprotocol/ui';
/** The MIME type hosts render as a view. */
export const VIEW_MIME_TYPE = 'text/html;profile=mcp-app';
/** The view each kind of result is shown in. */
export const VIEW_URI: Readonly<Record<ViewKind, string>> = { table: 'ui://mcp-gen/table.html', chart: 'ui://mcp-gen/chart.html' };
/** Where a result's view-only facts travel (`result._meta`): the model never reads them. */
export const VIEW_META_KEY = 'mcp-gen/view';
/**
 * What a result carries for its view: hosts cap a tool result near 150,000 characters (Claude),
 * so a page of rows is cut below this many bytes of JSON, marked, and the view pages for the rest.
 */
export const VIEW_BUDGET_BYTES = 130_000;

/**
 * The tool's `_meta` in tools/list: `ui.resourceUri` (the stable spec's spelling; the flat
 * `ui/resourceUri` it deprecates would cost every tool a dozen more tokens) and the visibility of
 * app-only tools. Listed unconditionally: 2026-07-28 has no session to remember a client's
 * capabilities by, and clients without the extension ignore `_meta`.
 */
export function toolUiMeta(tool: Pick<ToolDef, 'view' | 'visibility'>): Record<string, unknown> | undefined {
  if (!tool.view && !tool.visibility) return undefined;
  return { ui: { ...(tool.view ? { resourceUri: VIEW_URI[tool.view] } : {}), ...(tool.visibility ? { visibility: [...tool.visibility] } : {}) } };
}
