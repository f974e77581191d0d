// One 2025-11-25 tool call or tool list, answered without the SDK's per-request server and HTTP
// transport. Stateless 2025-era clients send each call as its own POST, and serving one through
// the SDK builds an McpServer, a transport and their validators for every request; for the
// requests that make up nearly all traffic, the tool server's own handlers (server.ts, the same
// ones the McpServer uses) answer directly. The answer is the SSE event the SDK would write, and
// whatever the call sends before it (progress, log messages) streams ahead of it, live.
// Everything else (initialize, ping, batches, notifications, anything unusual in a request, a
// request the SDK would refuse, and 2026-07-28 traffic) goes to the SDK's handler.
import { classifyInboundRequest, isJsonContentType, SUPPORTED_PROTOCOL_VERSIONS, type JSONRPCMessage } from '@modelcontextprotocol/server';
import type { CallExchange, CallToolParams, RequestScope, ToolServer } from './server.js';
import { textResponse } from '../http/respond.js';

const encoder = new TextEncoder();
const SSE_HEADERS = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache, no-transform', 'x-accel-buffering': 'no' };

/** A request this file answers. */
export type DirectRequest =
  | { readonly id: string | number; readonly method: 'tools/list' }
  | { readonly id: string | number; readonly method: 'tools/call'; readonly params: CallToolParams };

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;

/** Whether every key of `value` is one of `allowed`. */
const only = (value: Record<string, unknown>, allowed: readonly string[]) => Object.keys(value).every((key) => allowed.includes(key));

/** `_meta` as the 2025-11-25 schema takes it, with at most a progress token. */
function plainMeta(meta: unknown): boolean {
  if (meta === undefined) return true;
  if (!isPlainObject(meta) || !only(meta, ['progressToken'])) return false;
  const token = meta['progressToken'];
  return token === undefined || typeof token === 'string' || Number.isSafeInteger(token);
}

/** The message, when it is a tools/call or tools/list whose every part the handlers read as they are. */
function plainRequest(body: unknown): DirectRequest | undefined {
  if (!isPlainObject(body) || body['jsonrpc'] !== '2.0' || !only(body, ['jsonrpc', 'id', 'method', 'params'])) return undefined;
  const { id, method, params } = body;
  if (typeof id !== 'string' && !Number.isSafeInteger(id)) return undefined;
  if (method === 'tools/list') {
    if (params !== undefined && !(isPlainObject(params) && only(params, ['_meta']) && plainMeta(params['_meta']))) return undefined;
    return { id: id as string | number, method };
  }
  if (method !== 'tools/call' || !isPlainObject(params) || !only(params, ['name', 'arguments', '_meta'])) return undefined;
  if (typeof params['name'] !== 'string' || !plainMeta(params['_meta'])) return undefined;
  if (params['arguments'] !== undefined && !isPlainObject(params['arguments'])) return undefined;
  return { id: id as string | number, method, params: params as unknown as CallToolParams };
}

/**
 * The request, when it is a plain 2025-era tools/call or tools/list that the SDK's transport would
 * accept as it is (JSON body, Accept of both JSON and SSE, a known protocol version header).
 */
export function directLegacyRequest(request: Request, body: unknown): DirectRequest | undefined {
  const message = plainRequest(body);
  if (!message) return undefined;
  const accept = request.headers.get('accept') ?? '';
  if (!accept.includes('application/json') || !accept.includes('text/event-stream')) return undefined;
  if (!isJsonContentType(request.headers.get('content-type'))) return undefined;
  const version = request.headers.get('mcp-protocol-version') ?? undefined;
  if (version !== undefined && !SUPPORTED_PROTOCOL_VERSIONS.includes(version)) return undefined;
  const route = classifyInboundRequest({
    httpMethod: 'POST',
    body,
    ...(version !== undefined ? { protocolVersionHeader: version } : {}),
    ...header(request, 'mcp-method', 'mcpMethodHeader'),
    ...header(request, 'mcp-name', 'mcpNameHeader'),
  });
  return route.kind === 'legacy' ? message : undefined;
}

function header<K extends string>(request: Request, name: string, key: K): { [P in K]?: string } {
  const value = request.headers.get(name);
  return (value === null ? {} : { [key]: value }) as { [P in K]?: string };
}

const event = (message: JSONRPCMessage) => `event: message\ndata: ${JSON.stringify(message)}\n\n`;

/**
 * Answers `message` with `server`'s handlers for `scope`, as the SDK would: the result (or the
 * JSON-RPC error the SDK sends for a handler that throws) as one SSE event. The call's signal is
 * the request's: a client that goes away aborts the call and is answered 499 at once.
 */
export function serveDirect(server: ToolServer, scope: RequestScope, request: Request, message: DirectRequest): Promise<Response> {
  if (message.method === 'tools/list') return Promise.resolve(textResponse(200, event({ result: server.listTools(scope), jsonrpc: '2.0', id: message.id }), SSE_HEADERS));
  const { signal } = request;
  return new Promise((resolve) => {
    // Once the call sends something before its answer (progress, a log message), the answer is a
    // live stream, and it is returned then; until then there is none.
    let stream: ReadableStreamDefaultController<Uint8Array> | undefined;
    let closed = false;
    const write = (text: string) => {
      if (closed) return;
      try {
        stream!.enqueue(encoder.encode(text));
      } catch {
        closed = true; // the client is gone
      }
    };
    const close = () => {
      if (closed) return;
      closed = true;
      try {
        stream?.close();
      } catch {
        // already closed or errored
      }
    };
    const gone = () => (stream ? close() : resolve(new Response(null, { status: 499 })));
    signal.addEventListener('abort', gone, { once: true });
    const notify = async (notification: object) => {
      if (signal.aborted) return;
      if (!stream) {
        resolve(new Response(new ReadableStream<Uint8Array>({ start: (c) => void (stream = c), cancel: () => void (closed = true) }), { status: 200, headers: SSE_HEADERS }));
      }
      write(event({ ...notification, jsonrpc: '2.0' } as JSONRPCMessage));
    };
    void answer(server, scope, message, { id: message.id, signal, notify }).then((final) => {
      signal.removeEventListener('abort', gone);
      if (signal.aborted) return gone(); // also when it was aborted before the listener was added
      if (!stream) return resolve(textResponse(200, event(final), SSE_HEADERS));
      write(event(final));
      close();
    });
  });
}

/** The call's final message: its result, or the JSON-RPC error the SDK answers a throwing handler with. */
async function answer(server: ToolServer, scope: RequestScope, message: Extract<DirectRequest, { method: 'tools/call' }>, exchange: CallExchange): Promise<JSONRPCMessage> {
  try {
    return { result: await server.callTool(scope, message.params, exchange), jsonrpc: '2.0', id: message.id };
  } catch (error) {
    const e = error as { code?: unknown; message?: unknown; data?: unknown } | null;
    const code = Number.isSafeInteger(e?.code) ? (e!.code as number) : -32603;
    const text = typeof e?.message === 'string' ? e.message : 'Internal error';
    return { jsonrpc: '2.0', id: message.id, error: { code, message: text, ...(e?.data !== undefined ? { data: e.data } : {}) } };
  }
}
