// Fastify (5) in front of the web-standard handler: `app.register(fastifyMcp(handler), { prefix: '/mcp' })`,
// and with OAuth `app.register(fastifyMcpRoutes(handler))` for its endpoints at the site root.
// Only structural types: this file is copied into every project and type-checks without fastify.
// Fastify reads and parses JSON bodies itself (its `bodyLimit`, default 1 MiB, answers 413; other
// content types get its 415), so the handler gets the parsed body; the reply goes back through
// `reply.send(Response)`, so the app's onSend hooks (CORS, compression) still apply.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { McpHandler } from '../http/handler.js';
import { toWebRequest } from './node.js';

/** The parts of a Fastify request the mount reads. */
interface FastifyRequest {
  readonly raw: IncomingMessage;
  /** The full URL, mount prefix included. */
  readonly url: string;
  /** The peer address as Fastify trusts it (`trustProxy`), for per-IP limits. */
  readonly ip?: string;
  readonly body?: unknown;
}

interface FastifyReply {
  readonly raw: ServerResponse;
  send(payload: Response): unknown;
}

interface FastifyInstance {
  route(options: {
    method: string[];
    url: string;
    bodyLimit?: number;
    handler(request: FastifyRequest, reply: FastifyReply): Promise<unknown>;
  }): unknown;
  removeAllContentTypeParsers(): unknown;
  addContentTypeParser(contentType: string, parser: (request: FastifyRequest, payload: unknown, done: (error: Error | null, body?: unknown) => void) => void): unknown;
}

export interface FastifyMcpOptions {
  /** Fastify's body limit for the MCP routes; keep it equal to the handler's bodyLimit. @default 1048576 */
  readonly bodyLimit?: number;
}

const native = new WeakMap<Request, FastifyRequest>();

/**
 * A Fastify plugin serving the handler at its prefix and `<prefix>/<toolset>`. Register it with
 * the handler's `path` as prefix (default `/mcp`).
 */
export function fastifyMcp(handler: McpHandler, opts: FastifyMcpOptions = {}): (instance: FastifyInstance) => Promise<void> {
  return async (instance) => {
    const route = {
      // The methods MCP defines (GET and DELETE answer 405: the server is stateless). OPTIONS stays
      // with the app, so a CORS plugin still answers preflights.
      method: ['GET', 'POST', 'DELETE'],
      bodyLimit: opts.bodyLimit ?? 1024 * 1024,
      handler: serve(handler),
    };
    instance.route({ ...route, url: '/' });
    instance.route({ ...route, url: '/*' });
  };
}

/**
 * A Fastify plugin for the handler's routes at the site root (`handler.routePaths`: with OAuth,
 * `/.well-known/oauth-*` and `/oauth/*`), where MCP clients look for them: registered for exactly
 * those paths, so the app's own routes and its 404 stay as they are. Register it without a prefix.
 */
export function fastifyMcpRoutes(handler: McpHandler): (instance: FastifyInstance) => Promise<void> {
  return async (instance) => {
    // The OAuth endpoints read their own bodies (forms, JSON): inside this plugin only, Fastify
    // leaves every body unread in the request stream instead of parsing (or refusing) it.
    instance.removeAllContentTypeParsers();
    instance.addContentTypeParser('*', (_request, _payload, done) => done(null));
    for (const url of handler.routePaths) {
      // OPTIONS too: the token and registration endpoints answer browser clients' preflights.
      instance.route({ method: ['GET', 'POST', 'OPTIONS'], url, handler: serve(handler) });
    }
  };
}

function serve(handler: McpHandler): (request: FastifyRequest, reply: FastifyReply) => Promise<unknown> {
  return async (request, reply) => {
    const { request: web } = toWebRequest(request.raw, reply.raw, request.url);
    native.set(web, request);
    const response = await handler.fetch(web, {
      ...(request.ip ? { remoteAddress: request.ip } : {}),
      ...(request.body !== undefined ? { parsedBody: request.body } : {}),
    });
    return reply.send(response);
  };
}

/**
 * The Fastify request behind a web Request the plugin created: an `authenticate` verifier reads
 * the app's session from it (`fastifyRequest<FastifyRequest>(request)?.session`).
 */
export function fastifyRequest<T = FastifyRequest>(request: Request): T | undefined {
  return native.get(request) as T | undefined;
}
