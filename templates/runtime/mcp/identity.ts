// How the server introduces itself: `serverInfo` (name, title, version, icons, website) and the
// instructions, per endpoint. Icons that are files of the project were read by `generate` and are
// served by the handler at `<path>/_icons/<name>`: only those names, with their own content type.

/** An icon as the MCP `Icon`: a URL (https, data:) clients fetch themselves. */
export interface IconUrl {
  readonly src: string;
  readonly mimeType?: string;
  readonly sizes?: readonly string[];
  readonly theme?: 'light' | 'dark';
}

/** An icon file this server serves (its bytes captured by `generate`). */
export interface IconFile {
  /** The last segment of its URL: `[\w.-]+`. */
  readonly name: string;
  readonly mimeType: string;
  readonly base64: string;
  readonly sizes?: readonly string[];
  readonly theme?: 'light' | 'dark';
}

export type ServerIcon = IconUrl | IconFile;

export interface ServerIdentity {
  readonly name: string;
  readonly version: string;
  /** What clients show to people. */
  readonly title?: string;
  readonly websiteUrl?: string;
  readonly icons?: readonly ServerIcon[];
  /** On the endpoint serving every toolset. */
  readonly instructions?: string;
  /** On `<path>/<toolset>`, where they differ (`null`: none there). */
  readonly toolsetInstructions?: Readonly<Record<string, string | null>>;
}

/** Where icon files are served, under the MCP path (toolset names start with a letter: no clash). */
export const ICONS_FOLDER = '_icons';

const isFile = (icon: ServerIcon): icon is IconFile => 'base64' in icon;

/** The `Implementation` sent in `initialize` / `_meta`: file icons as URLs under `iconBase` (left out without one). */
export function implementation(id: ServerIdentity, iconBase?: string) {
  const icons = (id.icons ?? []).flatMap((icon) => {
    const { sizes, theme } = icon;
    const rest = { ...(sizes ? { sizes: [...sizes] } : {}), ...(theme ? { theme } : {}) };
    if (!isFile(icon)) return [{ src: icon.src, ...(icon.mimeType ? { mimeType: icon.mimeType } : {}), ...rest }];
    return iconBase === undefined ? [] : [{ src: `${iconBase}/${icon.name}`, mimeType: icon.mimeType, ...rest }];
  });
  return {
    name: id.name,
    version: id.version,
    ...(id.title ? { title: id.title } : {}),
    ...(id.websiteUrl ? { websiteUrl: id.websiteUrl } : {}),
    ...(icons.length ? { icons } : {}),
  };
}

/** The instructions of the endpoint serving `toolset` (undefined: every toolset). */
export function instructionsFor(id: ServerIdentity, toolset?: string): string | undefined {
  const own = toolset === undefined ? undefined : id.toolsetInstructions?.[toolset];
  return own === undefined ? id.instructions : own ?? undefined;
}

/** Answers GET/HEAD `<path>/_icons/<name>` from the configured files only. */
export function iconServer(icons: readonly ServerIcon[] | undefined): (name: string, method: string) => Response {
  const files = new Map(
    (icons ?? []).filter(isFile).map((icon) => [icon.name, { type: icon.mimeType, bytes: Uint8Array.from(atob(icon.base64), (c) => c.charCodeAt(0)) }]),
  );
  return (name, method) => {
    const file = files.get(name);
    if (!file) return new Response(JSON.stringify({ error: 'not found' }), { status: 404, headers: { 'content-type': 'application/json' } });
    if (method !== 'GET' && method !== 'HEAD') return new Response(null, { status: 405, headers: { allow: 'GET, HEAD' } });
    const headers = {
      'content-type': file.type,
      'content-length': String(file.bytes.byteLength),
      'cache-control': 'public, max-age=3600',
      'x-content-type-options': 'nosniff',
      // Clients in a browser fetch icons cross-origin; an SVG opened directly runs nothing.
      'access-control-allow-origin': '*',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    };
    return new Response(method === 'HEAD' ? null : file.bytes, { status: 200, headers });
  };
}
