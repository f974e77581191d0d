// Express (4 and 5) in front of the web-standard handler: `app.use('/mcp', expressMcp(handler))`.
// Only structural types: this file is copied into every project and type-checks without express.
// Express hands over node's own req/res, so the node adapter does the work (body streaming,
// draining refused bodies, abort on disconnect); this file only says what Express already knows.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { McpHandler, RequestInfo } from '../http/handler.js';
import { toNodeListener } from '../http/node.js';

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
        fetch: (request, info) => {
          native.set(request, req);
          return handler.fetch(request, info);
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
