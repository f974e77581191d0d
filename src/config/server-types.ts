/**
 * `server`: how the generated server introduces itself to clients (`initialize` on 2025-11-25,
 * `server/discover` on 2026-07-28): its name, icons and the instructions a model reads once per
 * connection. Every option is optional; the defaults come from your app's package.json.
 */

/**
 * Your own instructions. A string replaces the generated ones; `{ text, mode: 'append' }` adds a
 * paragraph after them; `false` sends none.
 * @example 'Use this server to read the clinic's appointments for the signed-in doctor.'
 * @example { text: 'Amounts are in cents.', mode: 'append' }
 */
export type InstructionsConfig = false | string | { readonly text: string; readonly mode: 'replace' | 'append' };

/** An icon clients show next to the server's name (the MCP `Icon`). */
export interface IconConfig {
  /**
   * An `https:` URL, a `data:image/…` URI, or a file of your project (relative to its root) that
   * the server serves itself at `<path>/_icons/<file name>` (PNG, JPEG, WebP, GIF, SVG or ICO, at
   * most 256 KiB; read by `generate`, so regenerate after changing it).
   * @example 'public/icon-64.png'
   */
  readonly src: string;
  /** @default from the file's extension, for files */
  readonly mimeType?: string;
  /** @example ['64x64'] */
  readonly sizes?: readonly string[];
  /** The background the icon is made for. */
  readonly theme?: 'light' | 'dark';
}

export interface ServerConfig {
  /**
   * The server's name in `serverInfo` (clients use it as an identifier).
   * @default your package.json `name`, else `auth.oauth.app.name`
   */
  readonly name?: string;
  /**
   * The name clients show to people (connector lists, approval prompts); also the protected-resource
   * metadata's `resource_name`, and the sign-in pages' name when `auth.oauth.app.name` is not set.
   * @default `auth.oauth.app.name`, else `name`
   * @example 'Acme Clinic'
   */
  readonly title?: string;
  /** @default your package.json `version`, else '0.0.0' */
  readonly version?: string;
  /**
   * Instructions for the model, sent on every endpoint. By default they are generated from the
   * exposed models and the mode (what the server holds, how to start, paging, scoping, the write
   * scope, errors), within 300 tokens.
   */
  readonly instructions?: InstructionsConfig;
  readonly icons?: readonly IconConfig[];
  /** @example 'https://acme.example.com' */
  readonly websiteUrl?: string;
}
