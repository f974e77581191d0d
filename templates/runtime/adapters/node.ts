// node:http ⇄ the web-standard handler, and the standalone server. The only file that imports
// node:http. Besides translating, it keeps connections healthy:
// - a refusal answered before the body was read (401, 403, 413…) drains the unread body when it
//   is small, or closes the connection, so the next request on a kept-alive socket is not
//   parsed out of the middle of the previous body;
// - header and whole-request time-outs bound slow clients;
// - close() stops accepting, lets calls in flight finish (up to a grace period), then closes.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BodyResult } from '../http/body.js';
import { DEFAULT_BODY_LIMIT, routeMatches, type McpHandler, type RequestInfo } from '../http/handler.js';
import { knownText } from '../http/respond.js';
import { isLoopback } from '../http/origin.js';

export interface NodeServerOptions {
  /** @default env PORT, else 3000 (0 picks a free port) */
  readonly port?: number;
  /** @default env HOST, else 127.0.0.1 */
  readonly host?: string;
  /** With `auth: 'none'` a non-loopback host is refused: anyone who could reach it could use every tool. */
  readonly requireLoopback?: boolean;
  /** The endpoint path, for the "listening on" line. @default '/mcp' */
  readonly path?: string;
  /** Unread request bodies up to this size are drained after a refusal; larger ones close the connection. @default 1048576 */
  readonly bodyLimit?: number;
  /** Time to receive the request headers. @default 15000 */
  readonly headersTimeoutMs?: number;
  /** Time to receive the whole request (headers and body; not the response). @default 60000 */
  readonly requestTimeoutMs?: number;
  /** Idle time before a kept-alive connection is closed; longer than clients' own idle limits (undici: 4 s), so they close first. @default 65000 */
  readonly keepAliveTimeoutMs?: number;
  /** How long close() waits for calls in flight before cutting connections. @default 10000 */
  readonly shutdownGraceMs?: number;
  /** @default console.log */
  readonly log?: (line: string) => void;
}

export interface RunningServer {
  readonly url: string;
  /** Stops accepting, waits for calls in flight (up to shutdownGraceMs), then closes every connection. */
  close(): Promise<void>;
}

export interface NodeListenerOptions {
  /** Unread bodies up to this size are drained after a refusal. @default 1048576 */
  readonly bodyLimit?: number;
  /**
   * What the framework in front already knows: the URL before it stripped a mount prefix
   * (Express's `originalUrl`), the peer address it trusts (`req.ip` behind a proxy), the body it
   * already parsed. @default the node request as it is
   */
  readonly describe?: (req: IncomingMessage) => { url?: string | undefined; info?: RequestInfo };
}

/** A node:http request listener over the handler (framework mounts that hand over raw req/res use it too). */
export function toNodeListener(handler: McpHandler, opts: NodeListenerOptions = {}): (req: IncomingMessage, res: ServerResponse) => void {
  const cap = opts.bodyLimit ?? DEFAULT_BODY_LIMIT;
  return (req, res) => {
    void (async () => {
      const known = opts.describe?.(req) ?? {};
      // The handler's own routes (OAuth forms, registration) read the web Request's body; the MCP
      // endpoint reads the node stream directly (readBody), which costs less than a web stream.
      const pathname = (known.url ?? req.url ?? '/').split('?')[0]!;
      const stream = handler.routePaths.some((path) => routeMatches(path, pathname));
      const { request, touched, readBody } = toWebRequest(req, res, known.url, { stream });
      const peer = req.socket.remoteAddress;
      const response = await handler.fetch(request, { ...(peer ? { remoteAddress: peer } : {}), ...(stream ? {} : { readBody }), ...known.info });
      if (!req.complete && !(await drain(req, cap, touched()))) res.setHeader('connection', 'close');
      await writeResponse(res, response);
      if (res.getHeader('connection') === 'close') req.socket.end();
    })().catch(() => {
      // Nothing from the error goes out or into the log: it can carry request data.
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json', connection: 'close' });
      res.end(JSON.stringify({ jsonrpc: '2.0', error: { code: -32603, message: 'Internal error' }, id: null }));
    });
  };
}

/**
 * A web Request over a node request; the body is read only if the handler asks for it: through
 * the Request (`stream`, the default), or through `readBody`, which reads the node stream itself.
 * `url` replaces `req.url` (a framework that stripped its mount prefix from it).
 */
export function toWebRequest(
  req: IncomingMessage,
  res: ServerResponse,
  url = req.url,
  opts: { readonly stream?: boolean } = {},
): { request: Request; touched(): boolean; readBody(limit: number): Promise<BodyResult> } {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  // Aborts the call when the client goes away before the answer is complete.
  const abort = new AbortController();
  res.once('close', () => !res.writableFinished && abort.abort());
  let started = false;
  // A body a framework already consumed (it hands over what it parsed) cannot be read again.
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD' && !req.readableEnded;
  const body = hasBody && opts.stream !== false
    ? new ReadableStream<Uint8Array>({
        pull(controller) {
          if (!started) {
            started = true;
            req.on('data', (chunk: Buffer) => {
              controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
              if ((controller.desiredSize ?? 0) <= 0) req.pause();
            });
            req.once('end', () => safely(() => controller.close()));
            req.once('error', (error) => safely(() => controller.error(error)));
          }
          req.resume();
        },
        cancel() {
          req.removeAllListeners('data');
          req.pause();
        },
      }, { highWaterMark: 0 }) // no read-ahead: an untouched body stays in the socket for drain()
    : null;
  let href: string;
  try {
    href = new URL(url ?? '/', `http://${req.headers.host ?? 'localhost'}`).href;
  } catch {
    href = new URL(url ?? '/', 'http://invalid-host').href; // the Host check refuses it
  }
  const init: RequestInit & { duplex?: 'half' } = { method: req.method ?? 'GET', headers, signal: abort.signal };
  if (body) Object.assign(init, { body, duplex: 'half' });
  const readBody = (limit: number): Promise<BodyResult> => {
    if (started || !hasBody) return Promise.resolve({ ok: false, reason: hasBody ? 'unreadable' : 'not-json' });
    started = true;
    return readNodeJson(req, limit);
  };
  return { request: new Request(href, init), touched: () => started, readBody };
}

/** The JSON body straight from the node stream, at most `limit` bytes (then it stops reading). */
function readNodeJson(req: IncomingMessage, limit: number): Promise<BodyResult> {
  if (Number(req.headers['content-length'] ?? 0) > limit) return Promise.resolve({ ok: false, reason: 'too-large' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: BodyResult) => {
      req.removeListener('data', onData);
      req.removeListener('end', onEnd);
      req.removeListener('error', onGone);
      req.removeListener('close', onGone);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.pause();
      finish({ ok: false, reason: 'too-large' });
    };
    const onEnd = () => {
      try {
        finish({ ok: true, value: JSON.parse(Buffer.concat(chunks, size).toString('utf8')) });
      } catch {
        finish({ ok: false, reason: 'not-json' });
      }
    };
    // A client that stops sending (request time-out) or goes away: nothing to answer.
    const onGone = () => finish({ ok: false, reason: 'unreadable' });
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', onGone);
    req.once('close', onGone);
    req.resume();
  });
}

function safely(fn: () => void): void {
  try {
    fn();
  } catch {
    // the stream was cancelled already
  }
}

/** Reads and discards what is left of a refused request's body; false when it is too large to bother. */
function drain(req: IncomingMessage, cap: number, started: boolean): Promise<boolean> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (!started && Number.isFinite(declared) && declared > cap) return Promise.resolve(false);
  if (req.readableEnded) return Promise.resolve(true);
  return new Promise((resolve) => {
    let seen = 0;
    const finish = (ok: boolean) => {
      req.removeListener('data', onData);
      if (!ok) req.pause();
      resolve(ok);
    };
    const onData = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > cap) finish(false);
    };
    req.on('data', onData);
    req.once('end', () => finish(true));
    req.once('error', () => finish(false));
    req.resume();
  });
}

// Connection-level headers belong to this hop: node writes its own.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'set-cookie']);

async function writeResponse(res: ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => void (HOP_BY_HOP.has(name) || (headers[name] = value)));
  const cookies = response.headers.getSetCookie();
  if (cookies.length) headers['set-cookie'] = cookies;
  // Said explicitly so node adds no `Keep-Alive: timeout=` hint: clients then close idle sockets
  // after their own short default, well before the server does, and never reuse one the server
  // is closing at that very moment ("other side closed").
  headers['connection'] = res.getHeader('connection') === 'close' ? 'close' : 'keep-alive';
  res.writeHead(response.status, headers);
  // A body built from a string (JSON answers, a single SSE event) is written as it is.
  const text = knownText(response);
  if (text !== undefined) return void res.end(text);
  if (!response.body) return void res.end();
  const reader = response.body.getReader();
  res.once('close', () => void reader.cancel().catch(() => {}));
  for (;;) {
    const { done, value } = await reader.read().catch(() => ({ done: true as const, value: undefined }));
    if (done || res.destroyed) break;
    // Streams (SSE) must reach the client as they are produced, with backpressure respected.
    if (!res.write(value)) await new Promise((resolve) => res.once('drain', resolve));
  }
  res.end();
}

/** The address to bind: the option, else env HOST, else loopback. */
export function listenHost(host?: string): string {
  return host ?? process.env['HOST'] ?? '127.0.0.1';
}

/** Host headers a server bound to `host` must accept besides loopback names (a wildcard bind accepts only listed hosts). */
export function boundHosts(host: string): string[] {
  return isLoopback(host) || host === '0.0.0.0' || host === '::' ? [] : [host.includes(':') ? `[${host}]` : host];
}

/** Listens on node:http with time-outs and graceful shutdown. */
export async function listen(handler: McpHandler, opts: NodeServerOptions = {}): Promise<RunningServer> {
  const host = listenHost(opts.host);
  const port = opts.port ?? (process.env['PORT'] !== undefined && process.env['PORT'] !== '' ? Number(process.env['PORT']) : 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be an integer from 0 to 65535, got ${String(port)}`);
  if (opts.requireLoopback && !isLoopback(host)) {
    throw new Error(`refusing to listen on ${host}: with auth 'none' anyone who can reach it could use every tool. Bind 127.0.0.1 (HOST) or enable API keys (auth.apiKeys).`);
  }
  const headersTimeout = opts.headersTimeoutMs ?? 15_000;
  const listener = toNodeListener(handler, opts.bodyLimit !== undefined ? { bodyLimit: opts.bodyLimit } : {});
  let active = 0;
  let closing = false;
  let idle: (() => void) | undefined;
  const http: Server = createServer(
    {
      headersTimeout,
      requestTimeout: opts.requestTimeoutMs ?? 60_000,
      keepAliveTimeout: opts.keepAliveTimeoutMs ?? 65_000,
      // How often node checks those time-outs (its default is 30 s).
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(headersTimeout / 2))),
    },
    (req, res) => {
      active++;
      if (closing) res.setHeader('connection', 'close');
      res.once('close', () => {
        active--;
        if (closing) http.closeIdleConnections();
        if (active === 0) idle?.();
      });
      listener(req, res);
    },
  );
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, host, () => resolve());
  });
  const actualPort = (http.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  const url = `http://${shownHost}:${actualPort}${(opts.path ?? '/mcp').replace(/\/$/, '')}`;
  (opts.log ?? ((line: string) => console.log(line)))(`mcp-gen server listening on ${url}`);
  let closed: Promise<void> | undefined;
  return {
    url,
    close: () =>
      (closed ??= (async () => {
        closing = true;
        const stopped = new Promise<void>((resolve) => http.close(() => resolve()));
        http.closeIdleConnections();
        if (active > 0) {
          const grace = new Promise<void>((resolve) => setTimeout(resolve, opts.shutdownGraceMs ?? 10_000).unref());
          await Promise.race([new Promise<void>((resolve) => (idle = resolve)), grace]);
        }
        http.closeAllConnections();
        await stopped;
        await handler.close();
      })()),
  };
}
