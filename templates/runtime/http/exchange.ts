// One 2025-11-25 tool call or tool list, handed to its per-request server without the SDK's HTTP
// transport. Stateless 2025-era clients send each call as its own POST, and the SDK's legacy
// serving builds a streaming transport for every one of them; for the requests that make up
// nearly all traffic this single-exchange transport does the same job with less: the answer is the
// SSE event the SDK would write, and whatever the call sends before it (progress, log messages)
// streams ahead of it, live, as before. The server's own handlers are untouched.
// Everything else (initialize, ping, batches, notifications, a request the SDK would refuse, and
// 2026-07-28 traffic) goes to the SDK's handler.
import {
  classifyInboundRequest, isJSONRPCRequest, isJsonContentType, SUPPORTED_PROTOCOL_VERSIONS,
  type JSONRPCMessage, type JSONRPCRequest, type McpServer, type MessageExtraInfo, type Transport, type TransportSendOptions,
} from '@modelcontextprotocol/server';
import { textResponse } from './respond.js';

const DIRECT = new Set(['tools/call', 'tools/list']);
const encoder = new TextEncoder();
const SSE_HEADERS = { 'content-type': 'text/event-stream', 'cache-control': 'no-cache, no-transform', 'x-accel-buffering': 'no' };

/**
 * The request, when it is a 2025-era tools/call or tools/list that the SDK's transport would
 * accept as it is (JSON body, Accept of both JSON and SSE, a known protocol version header).
 */
export function directLegacyRequest(request: Request, body: unknown): JSONRPCRequest | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body) || !DIRECT.has((body as { method?: unknown }).method as string)) return undefined;
  const accept = request.headers.get('accept') ?? '';
  if (!accept.includes('application/json') || !accept.includes('text/event-stream')) return undefined;
  if (!isJsonContentType(request.headers.get('content-type'))) return undefined;
  const version = request.headers.get('mcp-protocol-version') ?? undefined;
  if (version !== undefined && !SUPPORTED_PROTOCOL_VERSIONS.includes(version)) return undefined;
  if (!isJSONRPCRequest(body)) return undefined;
  const route = classifyInboundRequest({
    httpMethod: 'POST',
    body,
    ...(version !== undefined ? { protocolVersionHeader: version } : {}),
    ...header(request, 'mcp-method', 'mcpMethodHeader'),
    ...header(request, 'mcp-name', 'mcpNameHeader'),
  });
  return route.kind === 'legacy' ? body : undefined;
}

function header<K extends string>(request: Request, name: string, key: K): { [P in K]?: string } {
  const value = request.headers.get(name);
  return (value === null ? {} : { [key]: value }) as { [P in K]?: string };
}

/**
 * Serves `message` on `server` (a fresh per-request server). A client that goes away closes the
 * server, which aborts the call's signal.
 */
export async function serveDirect(server: McpServer, request: Request, message: JSONRPCRequest): Promise<Response> {
  const exchange = new SingleExchange(message.id);
  await server.connect(exchange);
  const gone = () => void exchange.close();
  request.signal.addEventListener('abort', gone, { once: true });
  exchange.finished.then(() => request.signal.removeEventListener('abort', gone));
  const extra: MessageExtraInfo = { request };
  exchange.onmessage?.(message, extra);
  return exchange.response;
}

/** A transport for exactly one request: its answer, and what the server sends before it. */
class SingleExchange implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: <T extends JSONRPCMessage>(message: T, extra?: MessageExtraInfo) => void;
  readonly response: Promise<Response>;
  readonly finished: Promise<void>;
  private answer!: (response: Response) => void;
  private finish!: () => void;
  private stream: ReadableStreamDefaultController<Uint8Array> | undefined;
  private answered = false;
  private closed = false;

  constructor(private readonly id: JSONRPCRequest['id']) {
    this.response = new Promise((resolve) => (this.answer = resolve));
    this.finished = new Promise((resolve) => (this.finish = resolve));
  }

  async start(): Promise<void> {}

  async send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
    if (this.closed) return;
    const final = ('result' in message || 'error' in message) && message.id === this.id;
    // Stateless: a message about no request in particular (list_changed…) has nowhere to go.
    if (!final && options?.relatedRequestId !== this.id) return;
    const event = `event: message\ndata: ${JSON.stringify(message)}\n\n`;
    if (!this.answered) {
      this.answered = true;
      if (final) {
        // The usual case: nothing came first, so the answer is one event, written at once.
        this.answer(textResponse(200, event, SSE_HEADERS));
        return this.close();
      }
      // Something before the answer (progress, a log message): from here on, a live stream.
      this.answer(new Response(new ReadableStream<Uint8Array>({ start: (c) => void (this.stream = c), cancel: () => void this.close() }), { status: 200, headers: SSE_HEADERS }));
    }
    try {
      this.stream?.enqueue(encoder.encode(event));
    } catch {
      return this.close(); // the client is gone
    }
    if (final) await this.close();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      this.stream?.close();
    } catch {
      // already closed or errored
    }
    // Closed before any answer (the client went away): nobody reads this one.
    if (!this.answered) this.answer(new Response(null, { status: 499 }));
    this.finish();
    this.onclose?.();
  }
}
