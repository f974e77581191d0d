// The one web-standard handler: `fetch(Request) → Response`. The standalone server (node.ts) and
// every framework mount are thin adapters over it. Its pipeline, in order:
//   route (extra routes, health, icon files) → Host/Origin → method → request hooks (per IP) →
//   authenticate (ordered verifiers) → caller hooks (per caller) → body (limit, JSON) → body hooks
//   (per tool call) → scope check → the whole user row, for calls that read more of it than the
//   credential loaded → MCP dispatch (tool hooks).
// Every refusal happens before MCP is touched; MCP itself (both protocol revisions, 2025-11-25
// and 2026-07-28) is the SDK's createMcpHandler over one per-request server from server.ts, except
// plain 2025-era tools/call and tools/list, which the tool server's own handlers answer directly
// (exchange.ts).
import { createMcpHandler as createSdkHandler } from '@modelcontextprotocol/server';
import { ANONYMOUS, type Caller, type Verifier } from '../core/caller.js';
import { toDatabaseError } from '../core/errors.js';
import { ICONS_FOLDER, iconServer, type ServerIcon } from '../mcp/identity.js';
import { allows, toolsetsOf, type RequestScope, type ToolAccess, type ToolServer } from '../mcp/server.js';
import type { Access } from '../core/spec.js';
import { readJson, type BodyResult } from './body.js';
import { directLegacyRequest, serveDirect } from '../mcp/exchange.js';
import { Cancellations } from '../mcp/cancel.js';
import { clientAddress } from './client-address.js';
import { envList, hostChecker, HostRefused, isLoopbackAddress, originChecker } from './origin.js';
import { isRefusal, refusalLine } from './refusals.js';
import { json, jsonRpcError } from './respond.js';

/** What an adapter knows about the connection that a Request does not carry. */
export interface RequestInfo {
  /** The peer's IP address (for per-IP limits before authentication); behind `trustedProxies`, the client's it names. */
  readonly remoteAddress?: string;
  /**
   * The JSON body, when a framework already read and parsed it (Express after `express.json()`,
   * Fastify): the request's own body is then not read again, and the framework's limit applies.
   */
  readonly parsedBody?: unknown;
  /**
   * Reads and parses the JSON body, at most `limit` bytes, when the adapter can do it more cheaply
   * than the Request's web stream (node:http). Absent: the Request's body is read.
   */
  readonly readBody?: (limit: number) => Promise<BodyResult>;
}

/** An extra endpoint served next to `/mcp` (OAuth endpoints, `/.well-known/*` documents). */
export interface Route {
  /** An exact pathname, or a prefix ending in `/*` (`/oauth/*`). */
  readonly path: string;
  /** @default every method */
  readonly methods?: readonly string[];
  handler(request: Request, info: RequestInfo): Response | Promise<Response>;
}

/** Hooks run in list order; the first Response returned is the answer (429, 503…). */
export interface RequestHooks {
  /** Before authentication: per-IP limits. */
  onRequest?(request: Request, info: RequestInfo): Response | undefined | Promise<Response | undefined>;
  /** After authentication, before the body is read: per-caller limits. */
  onCaller?(request: Request, caller: Caller, info: RequestInfo): Response | undefined | Promise<Response | undefined>;
  /** After the body is read, before the scope check: per-tool-call limits (writes, toolsets) and refusal audit. */
  onBody?(caller: Caller, body: unknown, info: RequestInfo): Response | undefined | Promise<Response | undefined>;
}

export interface HandlerOptions {
  /** The tools, served per request (`createToolServer` from server.ts). */
  readonly server: ToolServer;
  /** Tool name → access and toolset(s): the scope check runs before MCP. */
  readonly tools: ReadonlyMap<string, ToolAccess>;
  /**
   * Who is calling: tried in order, the first Caller or Response wins. Empty or absent means
   * `auth: 'none'`: every request is the anonymous caller with read and write; a request whose
   * peer address is known and not loopback gets 403.
   * @default []
   */
  readonly verifiers?: readonly Verifier[];
  /** The endpoint; `<path>/<toolset>` serves one toolset. @default '/mcp' */
  readonly path?: string;
  /** Browser origins allowed besides loopback ones; env MCP_ALLOWED_ORIGINS (comma-separated) adds more. @default [] */
  readonly allowedOrigins?: readonly string[];
  /** Host headers allowed besides loopback names; env MCP_ALLOWED_HOSTS adds more. An entry without a port matches any port. @default [] */
  readonly allowedHosts?: readonly string[];
  /**
   * Reverse proxies in front of this server (addresses or CIDR ranges; `*`: whichever peer
   * connects): a request from one is attributed to the client its X-Forwarded-For names, for
   * per-address limits and `auth: 'none'`. Env MCP_TRUSTED_PROXIES (comma-separated) adds more.
   * Frameworks that resolve it themselves (Express `trust proxy`, Fastify `trustProxy`) pass the
   * client's address already. @default [] (the peer's address; X-Forwarded-For is ignored)
   */
  readonly trustedProxies?: readonly string[];
  /** Largest accepted request body, in bytes. @default 1048576 (1 MiB) */
  readonly bodyLimit?: number;
  /** Extra endpoints (checked before `/mcp`; they do their own authentication). @default [] */
  readonly routes?: readonly Route[];
  /** @default [] */
  readonly hooks?: readonly RequestHooks[];
  /** GET /readyz: whether this process can serve (the database answers). @default always ready */
  readonly ready?: () => Promise<boolean>;
  /**
   * With OAuth: the protected-resource metadata URL. A 403 insufficient_scope then names it, and
   * asks for the caller's scopes plus the missing one, so an MCP client can step up (authorize
   * again for more) without losing what it holds. @default none (API keys: the 403 names the scope)
   */
  readonly resourceMetadataUrl?: (request: Request) => string;
  /** Where failures are reported (an error name and a reference, never a secret). @default console.error */
  readonly log?: (line: string) => void;
  /** The server's icons: files among them are served at `<path>/_icons/<name>` (identity.ts). @default [] */
  readonly icons?: readonly ServerIcon[];
  /**
   * The public origin icon URLs are built on (`https://app.example.com`). @default env
   * MCP_PUBLIC_URL, else the request's origin
   */
  readonly publicUrl?: string;
}

export interface McpHandler {
  fetch(request: Request, info?: RequestInfo): Promise<Response>;
  /**
   * The pathnames of the extra routes (OAuth endpoints, `/.well-known/*` documents), as in
   * `Route.path`. They live at the site root, outside `path`: a framework mount serves exactly
   * these next to the app (adapters' `*McpRoutes`) and leaves every other path to it.
   */
  readonly routePaths: readonly string[];
  /** Aborts calls still running and releases the SDK handler. */
  close(): Promise<void>;
}

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/** Whether a Route's `path` (exact, or a prefix ending in `/*`) covers a pathname. */
export function routeMatches(path: string, pathname: string): boolean {
  return path.endsWith('/*') ? pathname.startsWith(path.slice(0, -1)) : pathname === path;
}

export function createHandler(opts: HandlerOptions): McpHandler {
  const path = (opts.path ?? '/mcp').replace(/\/$/, '');
  const verifiers = opts.verifiers ?? [];
  const limit = opts.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const hooks = opts.hooks ?? [];
  const log = opts.log ?? ((line: string) => console.error(line));
  const hostAllowed = hostChecker([...(opts.allowedHosts ?? []), ...envList('MCP_ALLOWED_HOSTS')]);
  const originAllowed = originChecker([...(opts.allowedOrigins ?? []), ...envList('MCP_ALLOWED_ORIGINS')]);
  const clientOf = clientAddress([...(opts.trustedProxies ?? []), ...envList('MCP_TRUSTED_PROXIES')]);
  const toolsets = new Set([...opts.tools.values()].flatMap(toolsetsOf));
  const cancellations = new Cancellations();
  const icon = iconServer(opts.icons);
  const iconFiles = (opts.icons ?? []).some((i) => 'base64' in i);
  const publicUrl = (opts.publicUrl ?? (process.env['MCP_PUBLIC_URL'] || undefined))?.replace(/\/+$/, '');
  const iconsPath = `${path}/${ICONS_FOLDER}/`;
  // The SDK's factory sees the Request we pass; the scope we decided for it travels alongside.
  const scopes = new WeakMap<Request, RequestScope>();
  const sdk = createSdkHandler(
    ({ requestInfo }) => {
      const scope = requestInfo && scopes.get(requestInfo);
      if (!scope) throw new Error('request reached MCP without passing the handler checks');
      return opts.server(scope);
    },
    {
      // Refusals are logged once per request, with what was refused and why (refusals.ts); other
      // failures by name only (messages and stacks can carry keys, tokens or query text).
      onerror: (error) => {
        if (!isRefusal(error)) log(`[mcp] the SDK failed: ${error.name}`);
      },
      maxRequestBodySize: limit,
    },
  );

  /** Which toolset a pathname names: undefined for all, null when it is not ours. */
  const endpoint = (pathname: string): string | undefined | null => {
    if (pathname === path || pathname === `${path}/`) return undefined;
    if (!pathname.startsWith(`${path}/`)) return null;
    let name: string;
    try {
      name = decodeURIComponent(pathname.slice(path.length + 1).replace(/\/$/, ''));
    } catch {
      return null; // malformed percent-encoding (`/mcp/%E0%A4%A`): no such toolset
    }
    return toolsets.has(name) ? name : null;
  };

  const authenticate = async (request: Request, info: RequestInfo): Promise<Caller | Response> => {
    if (verifiers.length === 0) {
      // `auth: 'none'` serves this machine only. The standalone server binds loopback for that; a
      // handler mounted in an app that listens publicly refuses callers from elsewhere itself.
      if (info.remoteAddress !== undefined && !isLoopbackAddress(info.remoteAddress)) {
        return jsonRpcError(403, -32000, "this server has no authentication (auth: 'none') and serves callers on this machine only");
      }
      return ANONYMOUS;
    }
    for (const verify of verifiers) {
      const result = await verify(request);
      if (result) return result;
    }
    // A credential no verifier recognised (each judges only its own kind) is an invalid token (RFC 6750 §3.1).
    const sent = (request.headers.get('authorization') ?? '').trim() !== '';
    return json(401, { error: 'invalid_token', error_description: sent ? 'Unrecognised credentials: send Authorization: Bearer <key>.' : 'Missing credentials: send Authorization: Bearer <key>.' }, {
      'www-authenticate': sent ? 'Bearer realm="mcp", error="invalid_token"' : 'Bearer realm="mcp"',
      'cache-control': 'no-store',
    });
  };

  const serve = async (request: Request, info: RequestInfo): Promise<Response> => {
    const url = new URL(request.url);
    const { pathname } = url;
    // /healthz: the process is alive (do not restart it); /readyz: it can serve (route traffic to it).
    // Probes (Kubernetes) name the pod's address as Host, and these answers tell a page nothing.
    if (pathname === '/healthz' && request.method === 'GET') return json(200, { status: 'ok' });
    if (pathname === '/readyz' && request.method === 'GET') {
      if (!opts.ready || (await opts.ready())) return json(200, { status: 'ready' });
      return json(503, { status: 'unavailable', reason: 'database unavailable' }, { 'retry-after': '5' });
    }
    // Icons are public (clients show them before signing in): no Host, Origin or credential check.
    if (pathname.startsWith(iconsPath)) return icon(pathname.slice(iconsPath.length), request.method);
    // DNS rebinding: a page whose name now points here still sends its own name as Host. Checked
    // before every route (/mcp, OAuth endpoints, well-known documents). Web-standard requests may
    // carry the host only in their URL (fetch forbids setting Host).
    if (!hostAllowed(request.headers.get('host') ?? url.host)) return jsonRpcError(403, -32000, 'Host header not allowed');
    const route = opts.routes?.find((r) => routeMatches(r.path, pathname));
    if (route && (!route.methods || route.methods.includes(request.method))) return await route.handler(request, info);
    const toolset = endpoint(pathname);
    if (toolset === null) return json(404, { error: 'not found' });
    if (!originAllowed(request.headers.get('origin'))) return jsonRpcError(403, -32000, 'Origin not allowed');
    if (request.method !== 'POST') return jsonRpcError(405, -32000, 'Method not allowed: this server is stateless, use POST', { allow: 'POST' });

    for (const hook of hooks) {
      const refused = await hook.onRequest?.(request, info);
      if (refused) return refused;
    }
    const caller = await authenticate(request, info);
    if (caller instanceof Response) return caller;
    for (const hook of hooks) {
      const refused = await hook.onCaller?.(request, caller, info);
      if (refused) return refused;
    }
    const body = info.parsedBody !== undefined ? { ok: true as const, value: info.parsedBody } : info.readBody ? await info.readBody(limit) : await readJson(request, limit);
    if (!body.ok) {
      if (body.reason === 'too-large') return jsonRpcError(413, -32000, `request body is larger than ${limit} bytes`);
      if (body.reason === 'unreadable') return jsonRpcError(400, -32000, 'the request body could not be read');
      return jsonRpcError(400, -32700, 'Parse error: the body is not valid JSON');
    }
    for (const hook of hooks) {
      const refused = await hook.onBody?.(caller, body.value, info);
      if (refused) return refused;
    }
    const scope = missingScope(body.value, caller.scopes, opts.tools);
    if (scope) {
      const prm = opts.resourceMetadataUrl?.(request);
      const challenge = prm
        ? `Bearer error="insufficient_scope", scope="${[...new Set([...caller.scopes, scope])].join(' ')}", resource_metadata="${prm}"`
        : `Bearer error="insufficient_scope", scope="${scope}"`;
      return json(403, { error: 'insufficient_scope', error_description: `this tool needs the "${scope}" scope` }, { 'www-authenticate': challenge });
    }
    const whole = await withWholeUser(caller, body.value, opts.tools);
    if (whole instanceof Response) return whole;
    cancellations.route(whole.credential, body.value);
    const served: RequestScope = {
      caller: whole,
      ...(toolset !== undefined ? { toolset } : {}),
      cancelSignal: (id, request) => cancellations.track(whole.credential, id, request),
      ...(iconFiles ? { iconBase: `${publicUrl ?? url.origin}${iconsPath.slice(0, -1)}` } : {}),
    };
    const direct = directLegacyRequest(request, body.value);
    if (direct && (direct.method === 'tools/call' || opts.server.listsPlainly(served))) return serveDirect(opts.server, served, request, direct);
    scopes.set(request, served);
    const answer = await sdk.fetch(request, { parsedBody: body.value });
    const refused = await refusalLine(body.value, answer);
    if (refused) log(refused);
    return answer;
  };

  return {
    routePaths: (opts.routes ?? []).map((r) => r.path),
    fetch: async (request, info = {}) => {
      try {
        const remoteAddress = clientOf(info.remoteAddress, request.headers.get('x-forwarded-for'));
        return await serve(request, remoteAddress === undefined || remoteAddress === info.remoteAddress ? info : { ...info, remoteAddress });
      } catch (error) {
        if (error instanceof HostRefused) return json(421, { error: 'misdirected_request', error_description: error.message });
        // The key check reads the database: when it is away, the whole request is refused as such.
        const db = toDatabaseError(error);
        if (db?.transient) return jsonRpcError(503, -32000, db.message, { 'retry-after': '5' });
        // The name only: messages and stacks can carry keys, tokens or query text.
        log(`[mcp] request failed: ${error instanceof Error ? error.name : typeof error}`);
        return jsonRpcError(500, -32603, 'Internal error');
      }
    },
    close: async () => {
      cancellations.abortAll();
      await sdk.close();
    },
  };
}

/**
 * The caller with the whole user row when a tool call in the body reads fields its credential did
 * not load (an API key knows only the user's id: model tools whose scopes read only the id need
 * nothing more, get_user_info and custom tools need the row). 401 when the user is gone.
 */
async function withWholeUser(caller: Caller, body: unknown, tools: HandlerOptions['tools']): Promise<Caller | Response> {
  const { user, loadUser } = caller;
  if (!loadUser || !user) return caller;
  const loaded = (field: string) => field in user;
  const needed = (Array.isArray(body) ? body : [body]).some((message) => {
    const m = message as { method?: unknown; params?: { name?: unknown } } | null;
    if (m?.method !== 'tools/call' || typeof m.params?.name !== 'string') return false;
    const tool = tools.get(m.params.name);
    return tool !== undefined && (tool.userFields === undefined || !tool.userFields.every(loaded));
  });
  if (!needed) return caller;
  const whole = await loadUser();
  if (!whole) {
    return json(401, { error: 'invalid_token', error_description: 'The user of this credential no longer exists.' }, {
      'www-authenticate': 'Bearer realm="mcp", error="invalid_token"',
      'cache-control': 'no-store',
    });
  }
  return { ...caller, user: whole };
}

/** The scope a JSON-RPC message (or batch) needs and the caller lacks, if any. */
function missingScope(body: unknown, scopes: readonly string[], tools: HandlerOptions['tools']): Access | undefined {
  for (const message of Array.isArray(body) ? body : [body]) {
    const m = message as { method?: unknown; params?: { name?: unknown; arguments?: unknown } } | null;
    if (m?.method !== 'tools/call' || typeof m.params?.name !== 'string') continue;
    const tool = tools.get(m.params.name);
    // A tool serving several toolsets (compact query/mutate) says per call which one it needs.
    const need = tool?.gate ? tool.gate(m.params.arguments) : tool;
    if (need && !allows(scopes, need.access, need.toolset)) return need.access;
  }
  return undefined;
}
