// The view resources: one self-contained HTML file per kind of view (no external script, style or
// image, so every host's default CSP serves it and `_meta.ui.csp` stays empty). The HTML comes from
// the generated views.ts (mcp-gen assembles it from its templates); this file says how the
// resources are listed and read. Registered unconditionally: a client that does not render views
// just never reads them.
import type { ViewKind } from '../core/spec.js';
import { VIEW_MIME_TYPE, VIEW_URI } from './meta.js';

/** The views' HTML by kind (generated views.ts). */
export type ViewSources = Readonly<Record<ViewKind, string>>;

export interface ViewResource {
  readonly uri: string;
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly mimeType: string;
  /** The resource's `_meta` (listed and read): hosts draw a border around the view. */
  readonly _meta: { readonly ui: { readonly prefersBorder: boolean } };
  /** `resources/read`'s contents. */
  read(): { contents: [{ uri: string; mimeType: string; text: string; _meta: ViewResource['_meta'] }] };
}

const ABOUT: Readonly<Record<ViewKind, { title: string; description: string }>> = {
  table: { title: 'Rows', description: 'A sortable, paged table of the rows a read tool returned.' },
  chart: { title: 'Aggregates', description: 'A bar chart of grouped aggregates, or figure cards for one; a table otherwise.' },
};

/** The resources for `kinds` (the views some tool points at), in a stable order. */
export function viewResources(sources: ViewSources, kinds: Iterable<ViewKind>): ViewResource[] {
  return [...new Set(kinds)].sort().map((kind) => {
    const uri = VIEW_URI[kind];
    const meta = { ui: { prefersBorder: true } } as const;
    return {
      uri, name: `${kind}.html`, ...ABOUT[kind], mimeType: VIEW_MIME_TYPE, _meta: meta,
      read: () => ({ contents: [{ uri, mimeType: VIEW_MIME_TYPE, text: sources[kind], _meta: meta }] }),
    };
  });
}
