// Express (4 and 5) in front of the web-standard handler: `app.use('/mcp', expressMcp(handler))`,
// and with OAuth `app.use(expressMcpRoutes(handler))` for its endpoints at the site root.
// Only structural types: this file is copied into every project and type-checks without express.
// Express hands over node's own req/res, so the node adapter does the work (body streaming,
// draining refused bodies, abort on disconnect); this file only says what Express already knows.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { routeMatches, type McpHandler, type RequestInfo } from '../http/handler.js';
import { toNodeListener } from './node.js';

/** The parts of an Express request the mount reads. */
interface ExpressRequest extends IncomingMessage {
  /** The URL before Express stripped the mount path: the handler routes on the full path. */
  readonly originalUrl?: string;
  /** The peer address as Express trusts it (`app.set('trust proxy', …)`), for per-IP limits. */
  readonly ip?: string;
  /** What a body parser (`express.json()`) made of the body, if one ran. */
  readonly body?: unknown;
}

export interface ExpressMcpOptions {
  /** Unread bodies up to this size are drained after a refusal; match the handler's bodyLimit. @default 1048576 */
  readonly bodyLimit?: number;
}

const native = new WeakMap<Request, IncomingMessage>();

/**
 * Express middleware serving the handler. Mount it at the handler's `path` (default `/mcp`):
 * `/mcp/<toolset>` is served through the same mount. Works with or without `express.json()` in
 * front: a body a parser already read is handed over, otherwise the raw body is streamed.
 */
export function expressMcp(handler: McpHandler, opts: ExpressMcpOptions = {}): (req: IncomingMessage, res: ServerResponse) => void {
  return serveWith(handler, opts, false);
}

/**
 * Express middleware for the handler's routes at the site root (`handler.routePaths`: with OAuth,
 * `/.well-known/oauth-*` and `/oauth/*`), where MCP clients look for them. Mount it at the root,
 * `app.use(expressMcpRoutes(handler))`; every other request goes on to the app untouched.
 */
export function expressMcpRoutes(handler: McpHandler, opts: ExpressMcpOptions = {}): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  const serve = serveWith(handler, opts, true);
  return (req, res, next) => {
    const pathname = ((req as ExpressRequest).originalUrl ?? req.url ?? '/').split('?')[0]!;
    if (handler.routePaths.some((path) => routeMatches(path, pathname))) serve(req, res);
    else next();
  };
}

function serveWith(handler: McpHandler, opts: ExpressMcpOptions, rebuildBody: boolean): (req: IncomingMessage, res: ServerResponse) => void {
  const describe = (req: IncomingMessage): { url: string | undefined; info: RequestInfo } => {
    const r = req as ExpressRequest;
    const body = req.readableEnded ? parsed(r.body) : undefined;
    return {
      url: r.originalUrl ?? req.url,
      info: { ...(r.ip ? { remoteAddress: r.ip } : {}), ...(body !== undefined ? { parsedBody: body } : {}) },
    };
  };
  return (req, res) => {
    // The verifiers see a web Request; expressRequest(request) gives them the Express one back.
    const listener = toNodeListener(
      {
        routePaths: handler.routePaths,
        fetch: (request, info) => {
          const web = rebuildBody ? withParsedBody(request, req as ExpressRequest) : request;
          native.set(web, req);
          return handler.fetch(web, info);
        },
        close: () => handler.close(),
      },
      { ...(opts.bodyLimit !== undefined ? { bodyLimit: opts.bodyLimit } : {}), describe },
    );
    listener(req, res);
  };
}

/**
 * The Express request behind a web Request the mount created: an `authenticate` verifier reads
 * the app's session from it (`expressRequest<express.Request>(request)?.session`).
 */
export function expressRequest<T = ExpressRequest>(request: Request): T | undefined {
  return native.get(request) as T | undefined;
}

/** A parser's result as JSON: objects as they are, text or bytes (`express.text()`, `express.raw()`) parsed. */
function parsed(body: unknown): unknown {
  if (typeof body !== 'string' && !(body instanceof Uint8Array)) return body;
  try {
    return JSON.parse(typeof body === 'string' ? body : Buffer.from(body).toString('utf8'));
  } catch {
    return undefined; // the handler then finds no readable JSON and answers 400
  }
}

/**
 * The OAuth endpoints read their body from the Request (forms, JSON registration). When a parser
 * in front (`express.json()`, `express.urlencoded()`) consumed it, it is rebuilt from the parse.
 * MCP requests keep the original: the handler takes the parse itself (RequestInfo.parsedBody).
 */
function withParsedBody(request: Request, req: ExpressRequest): Request {
  if (!req.readableEnded || request.body !== null || req.body === undefined || request.method === 'GET' || request.method === 'HEAD') return request;
  const type = request.headers.get('content-type') ?? '';
  let body: string | Uint8Array<ArrayBuffer> | undefined;
  if (typeof req.body === 'string') body = req.body;
  else if (req.body instanceof Uint8Array) body = new Uint8Array(req.body);
  else if (type.startsWith('application/json')) body = JSON.stringify(req.body);
  else if (type.startsWith('application/x-www-form-urlencoded') && req.body !== null && typeof req.body === 'object') {
    // Flat fields, repeated ones as arrays (`scope`), as both urlencoded parsers return them.
    const form = new URLSearchParams();
    for (const [name, value] of Object.entries(req.body)) for (const v of [value].flat()) form.append(name, String(v));
    body = form.toString();
  }
  if (body === undefined) return request;
  const headers = new Headers(request.headers);
  headers.delete('content-length');
  return new Request(request.url, { method: request.method, headers, body, signal: request.signal });
}
