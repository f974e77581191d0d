// Next.js (App Router) in front of the web-standard handler: route handlers for `/mcp` and, with
// OAuth, for its endpoints at the site root. Next.js is web-standard already; what it changes is
// the URL. Only web types: this file is copied into every project and type-checks without next.
import { routeMatches, type McpHandler } from '../http/handler.js';

/** The handler, or a function that builds it on first use (route modules load during `next build`). */
export type LazyMcpHandler = McpHandler | (() => Promise<McpHandler>);

type RouteHandler = (request: Request) => Promise<Response>;

const resolve = (handler: LazyMcpHandler): Promise<McpHandler> => Promise.resolve(typeof handler === 'function' ? handler() : handler);

/**
 * Next.js builds a route handler's `request.url` from its own listen address (`http://localhost:3000`),
 * not from the Host the client sent. The handler names its OAuth URLs after the request's origin
 * (without a public URL): rebuilt from the Host header, as a Node server sees it. A Host that is
 * not a host name leaves the request as it is: the handler's Host check refuses it.
 */
function asSent(request: Request): Request {
  const url = new URL(request.url);
  const host = request.headers.get('host');
  if (!host || host === url.host) return request;
  let sent: URL;
  try {
    sent = new URL(`${url.pathname}${url.search}`, `${url.protocol}//${host}`);
  } catch {
    return request;
  }
  if (sent.host !== host.toLowerCase()) return request;
  const init: RequestInit & { duplex?: 'half' } = { method: request.method, headers: request.headers, signal: request.signal };
  if (request.body) Object.assign(init, { body: request.body, duplex: 'half' });
  return new Request(sent, init);
}

/** The route handler for `<path>` and `<path>/<toolset>`: `export const POST = nextMcp(handler)` (and GET, DELETE). */
export function nextMcp(handler: LazyMcpHandler): RouteHandler {
  return async (request) => (await resolve(handler)).fetch(asSent(request));
}

/**
 * The route handler for the handler's routes at the site root (`handler.routePaths`: with OAuth,
 * `/.well-known/oauth-*` and `/oauth/*`), for the catch-all routes that hold them. Any other path
 * under those folders gets the plain 404 Next.js gives a route handler's `notFound()`.
 */
export function nextMcpRoutes(handler: LazyMcpHandler): RouteHandler {
  return async (request) => {
    const served = await resolve(handler);
    const { pathname } = new URL(request.url);
    if (!served.routePaths.some((path) => routeMatches(path, pathname))) return new Response(null, { status: 404 });
    return served.fetch(asSent(request));
  };
}
