// Hono in front of the web-standard handler: `app.route('/mcp', mcp)` with a sub-app whose
// routes are `honoMcp(handler)`. Hono is web-standard already: the handler gets `c.req.raw`.
// Only structural types: this file is copied into every project and type-checks without hono.
import type { McpHandler } from '../http/handler.js';
import { jsonRpcError } from '../http/respond.js';

/** The parts of a Hono context the mount reads. */
interface HonoContext {
  readonly req: {
    /** The full request, mount path included. */
    readonly raw: Request;
    /** Hono's cached parse, when a middleware already read the body. */
    json(): Promise<unknown>;
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
 * The Hono context behind a Request the mount served: an `authenticate` verifier reads the app's
 * session from it (`honoContext<Context>(request)?.get('user')`).
 */
export function honoContext<T = HonoContext>(request: Request): T | undefined {
  return native.get(request) as T | undefined;
}
