// Hono in front of the web-standard handler: `app.route('/mcp', mcp)` with a sub-app whose
// routes are `honoMcp(handler)`, and with OAuth `app.use(honoMcpRoutes(handler))` for its
// endpoints at the site root. Hono is web-standard already: the handler gets `c.req.raw`.
// Only structural types: this file is copied into every project and type-checks without hono.
import { routeMatches, type McpHandler } from '../http/handler.js';
import { jsonRpcError } from '../http/respond.js';

/** The parts of a Hono context the mount reads. */
interface HonoContext {
  readonly req: {
    /** The full request, mount path included. */
    readonly raw: Request;
    /** Hono's cached parse, when a middleware already read the body. */
    json(): Promise<unknown>;
    /** The body as text, from Hono's cache when a middleware already read it. */
    text(): Promise<string>;
  };
  /** On @hono/node-server: the node request, for the peer address. */
  readonly env?: unknown;
}

const native = new WeakMap<Request, HonoContext>();

/** A Hono handler for `<path>` and `<path>/*` (the handler's `path`, default `/mcp`). */
export function honoMcp(handler: McpHandler): (c: HonoContext) => Promise<Response> {
  return async (c) => {
    const request = c.req.raw;
    native.set(request, c);
    const peer = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress;
    let parsedBody: unknown;
    // A middleware that read the body (c.req.json()) consumed the stream: use Hono's cached parse.
    if (request.bodyUsed) {
      try {
        parsedBody = await c.req.json();
      } catch {
        return jsonRpcError(400, -32700, 'Parse error: the body is not valid JSON');
      }
    }
    return handler.fetch(request, { ...(peer ? { remoteAddress: peer } : {}), ...(parsedBody !== undefined ? { parsedBody } : {}) });
  };
}

/**
 * A Hono middleware for the handler's routes at the site root (`handler.routePaths`: with OAuth,
 * `/.well-known/oauth-*` and `/oauth/*`), where MCP clients look for them: `app.use(mcpAuthRoutes)`.
 * Every other request goes on to the app (`next()`), its routes and its 404 as they are.
 */
export function honoMcpRoutes(handler: McpHandler): (c: HonoContext, next: () => Promise<void>) => Promise<Response | void> {
  return async (c, next) => {
    const request = c.req.raw;
    const { pathname } = new URL(request.url);
    if (!handler.routePaths.some((path) => routeMatches(path, pathname))) return next();
    native.set(request, c);
    const peer = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress;
    const info = peer ? { remoteAddress: peer } : {};
    if (!request.bodyUsed) return handler.fetch(request, info);
    // The OAuth endpoints read their own body: one a middleware consumed is taken from Hono's cache.
    const headers = new Headers(request.headers);
    headers.delete('content-length');
    const rebuilt = new Request(request.url, { method: request.method, headers, body: await c.req.text(), signal: request.signal });
    native.set(rebuilt, c);
    return handler.fetch(rebuilt, info);
  };
}

/**
 * The Hono context behind a Request the mount served: an `authenticate` verifier reads the app's
 * session from it (`honoContext<Context>(request)?.get('user')`).
 */
export function honoContext<T = HonoContext>(request: Request): T | undefined {
  return native.get(request) as T | undefined;
}
