// The Streamable HTTP entrypoint on node:http. Stateless: every POST gets a fresh McpServer and
// transport, closed with the response, so several processes can sit behind a load balancer.
// Checks run before MCP is touched: Host (DNS rebinding), Origin, authentication, body size,
// JSON, and the caller's scope for every tools/call in the body.
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { toDatabaseError } from './errors.js';
import { allows, type ToolAccess } from './server.js';

export interface Auth {
  readonly user: unknown | null;
  readonly scopes: readonly string[];
}

export interface Refusal {
  readonly status: 401 | 403;
  readonly headers?: Record<string, string>;
  readonly body: unknown;
}

export interface HttpServerOptions {
  createServer(auth: Auth): McpServer;
  /** Absent: `auth: 'none'` (every caller gets read and write; loopback hosts only). */
  authenticate?: (req: IncomingMessage) => Promise<{ user: unknown; scopes: readonly string[] } | Refusal>;
  tools: ReadonlyMap<string, ToolAccess>;
  /** Default: env PORT, else 3000 (0 picks a free port). */
  port?: number;
  /** Default: env HOST, else 127.0.0.1. */
  host?: string;
  /** Default `/mcp` (`/mcp/` works too). */
  path?: string;
  /** Origins allowed besides loopback ones; env MCP_ALLOWED_ORIGINS (comma-separated) adds more. */
  allowedOrigins?: string[];
  /** Host headers allowed besides loopback ones; env MCP_ALLOWED_HOSTS adds more. */
  allowedHosts?: string[];
  log?: (line: string) => void;
  /** GET /readyz: whether this process can serve (the database answers). Absent: always ready. */
  ready?: () => Promise<boolean>;
}

export interface RunningServer {
  readonly url: string;
  close(): Promise<void>;
}

const BODY_LIMIT = 1024 * 1024;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

function envList(name: string): string[] {
  return (process.env[name] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

function isLoopback(host: string): boolean {
  return LOOPBACK_HOSTS.has(host) || host.startsWith('127.');
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.headersSent) return void res.end();
  // Header names are case-insensitive: a refusal's own Content-Type must not be sent twice.
  const merged: Record<string, string> = { 'content-type': 'application/json' };
  for (const [name, value] of Object.entries(headers)) merged[name.toLowerCase()] = value;
  res.writeHead(status, merged);
  res.end(JSON.stringify(body));
}

function jsonRpcError(code: number, message: string): unknown {
  return { jsonrpc: '2.0', error: { code, message }, id: null };
}

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage): Promise<string> {
  if (Number(req.headers['content-length'] ?? 0) > BODY_LIMIT) throw new BodyTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > BODY_LIMIT) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The scope a JSON-RPC message (or batch) needs and the caller lacks, if any. */
function missingScope(body: unknown, auth: Auth, tools: HttpServerOptions['tools']): string | undefined {
  for (const message of Array.isArray(body) ? body : [body]) {
    const m = message as { method?: unknown; params?: { name?: unknown; arguments?: unknown } } | null;
    if (m?.method !== 'tools/call' || typeof m.params?.name !== 'string') continue;
    const tool = tools.get(m.params.name);
    // A tool serving several toolsets (compact query/mutate) says per call which one it needs.
    const need = tool?.gate ? tool.gate(m.params.arguments) : tool;
    if (need && !allows(auth.scopes, need.access, need.toolset)) return need.access;
  }
  return undefined;
}

type Message = { id?: unknown; method?: unknown; params?: { requestId?: unknown } };

function messages(body: unknown): Message[] {
  return (Array.isArray(body) ? body : [body]).filter((m): m is Message => typeof m === 'object' && m !== null);
}

/** Ids of the JSON-RPC requests in a body (notifications and responses have none / no method). */
function requestIds(body: unknown): unknown[] {
  return messages(body).filter((m) => typeof m.method === 'string' && m.id !== undefined && m.id !== null).map((m) => m.id);
}

/** One caller: the API key's row id, or everyone when there is no authentication. */
function callerKey(auth: Auth): string {
  const keyId = (auth as { keyId?: unknown }).keyId;
  return keyId === undefined ? 'anonymous' : `key:${String(keyId)}`;
}

function cancelled(requestId: unknown, reason: string) {
  return { jsonrpc: '2.0' as const, method: 'notifications/cancelled', params: { requestId: requestId as string | number, reason } };
}

/** Delivers cancellations to the caller's own in-flight requests; other callers' ids are never reachable. */
function routeCancellations(body: unknown, caller: string, inFlight: ReadonlyMap<string, StreamableHTTPServerTransport>): void {
  for (const m of messages(body)) {
    if (m.method !== 'notifications/cancelled' || m.params?.requestId === undefined) continue;
    const transport = inFlight.get(`${caller}\u0000${JSON.stringify(m.params.requestId)}`);
    transport?.onmessage?.(cancelled(m.params.requestId, 'cancelled by the client'));
  }
}

export async function startHttpServer(opts: HttpServerOptions): Promise<RunningServer> {
  const host = opts.host ?? process.env['HOST'] ?? '127.0.0.1';
  const port = opts.port ?? (process.env['PORT'] !== undefined && process.env['PORT'] !== '' ? Number(process.env['PORT']) : 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be an integer from 0 to 65535, got ${String(port)}`);
  if (!opts.authenticate && !isLoopback(host)) {
    throw new Error(`refusing to listen on ${host}: with auth 'none' anyone who can reach it could use every tool. Bind 127.0.0.1 (HOST) or enable API keys (auth.apiKeys).`);
  }
  const path = (opts.path ?? '/mcp').replace(/\/$/, '');
  const log = opts.log ?? ((line: string) => console.log(line));
  const extraOrigins = new Set([...(opts.allowedOrigins ?? []), ...envList('MCP_ALLOWED_ORIGINS')].map((o) => o.toLowerCase()));
  const hosts = new Set([...(opts.allowedHosts ?? []), ...envList('MCP_ALLOWED_HOSTS')].map((h) => h.toLowerCase()));

  const originAllowed = (origin: string): boolean => {
    if (extraOrigins.has(origin.toLowerCase())) return true;
    try {
      const url = new URL(origin);
      return (url.protocol === 'http:' || url.protocol === 'https:') && isLoopback(url.hostname);
    } catch {
      return false;
    }
  };

  // Stateless: a `notifications/cancelled` arrives in its own POST, so requests still running in
  // this process are found by caller and request id. (Across processes this needs shared state.)
  const inFlight = new Map<string, StreamableHTTPServerTransport>();

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const pathname = (req.url ?? '/').split('?')[0] ?? '/';
    // /healthz: the process is alive (do not restart it); /readyz: it can serve (route traffic to it).
    if (pathname === '/healthz' && req.method === 'GET') return send(res, 200, { status: 'ok' });
    if (pathname === '/readyz' && req.method === 'GET') {
      if (!opts.ready || (await opts.ready())) return send(res, 200, { status: 'ready' });
      return send(res, 503, { status: 'unavailable', reason: 'database unavailable' }, { 'retry-after': '5' });
    }
    if (pathname !== path && pathname !== `${path}/`) return send(res, 404, { error: 'not found' });
    const hostHeader = (req.headers.host ?? '').toLowerCase();
    // An entry without a port (from MCP_ALLOWED_HOSTS, behind a proxy) matches any port.
    if (!hosts.has(hostHeader) && !hosts.has(hostHeader.replace(/:\d+$/, ''))) return send(res, 403, jsonRpcError(-32000, 'Host header not allowed'));
    const origin = req.headers.origin;
    if (origin !== undefined && !originAllowed(origin)) return send(res, 403, jsonRpcError(-32000, 'Origin not allowed'));
    if (req.method !== 'POST') return send(res, 405, jsonRpcError(-32000, 'Method not allowed: this server is stateless, use POST'), { allow: 'POST' });

    let auth: Auth = { user: null, scopes: ['read', 'write'] };
    if (opts.authenticate) {
      const result = await opts.authenticate(req);
      if ('status' in result) return send(res, result.status, result.body, result.headers);
      auth = result;
    }
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req));
    } catch (error) {
      if (error instanceof BodyTooLarge) return send(res, 413, jsonRpcError(-32000, `request body is larger than ${BODY_LIMIT} bytes`), { connection: 'close' });
      return send(res, 400, jsonRpcError(-32700, 'Parse error: the body is not valid JSON'));
    }
    const scope = missingScope(body, auth, opts.tools);
    if (scope) {
      return send(res, 403, { error: 'insufficient_scope', error_description: `this tool needs the "${scope}" scope` }, {
        'www-authenticate': `Bearer error="insufficient_scope", scope="${scope}"`,
      });
    }
    const caller = callerKey(auth);
    routeCancellations(body, caller, inFlight);
    const server = opts.createServer(auth);
    // No sessionIdGenerator: stateless mode (written as {} so exactOptionalPropertyTypes projects compile).
    const transport = new StreamableHTTPServerTransport({});
    const ids = requestIds(body).map((id) => `${caller}\u0000${JSON.stringify(id)}`);
    for (const key of ids) inFlight.set(key, transport);
    res.on('close', () => {
      for (const key of ids) if (inFlight.get(key) === transport) inFlight.delete(key);
      // The client went away before the answer was complete: cancel what is still running.
      if (!res.writableFinished) for (const id of requestIds(body)) transport.onmessage?.(cancelled(id, 'client disconnected'));
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, body);
  };

  const http = createHttpServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // The key check reads the database: when it is away, the whole request is refused as such.
      const db = toDatabaseError(error);
      if (db?.transient) return send(res, 503, jsonRpcError(-32000, db.message), { 'retry-after': '5' });
      console.error(`[mcp] request failed: ${error instanceof Error ? error.name : typeof error}`);
      send(res, 500, jsonRpcError(-32603, 'Internal error'));
    });
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, host, () => resolve());
  });
  const actualPort = (http.address() as AddressInfo).port;
  for (const h of ['localhost', '127.0.0.1', '[::1]']) hosts.add(`${h}:${actualPort}`);
  const shownHost = host.includes(':') ? `[${host}]` : host;
  if (!isLoopback(host) && host !== '0.0.0.0' && host !== '::') hosts.add(`${shownHost}:${actualPort}`.toLowerCase());
  const url = `http://${shownHost}:${actualPort}${path}`;
  log(`mcp-gen server listening on ${url}`);
  return {
    url,
    close: () =>
      new Promise<void>((resolve, reject) => {
        http.closeAllConnections();
        http.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Alias used by the generated index.ts. */
export type HttpServerHandle = RunningServer;
