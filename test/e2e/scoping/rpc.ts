// Raw HTTP to the MCP endpoint: one JSON-RPC request per POST (the server is stateless), the answer
// read back whether it comes as JSON or as a one-event SSE stream.
export interface RawAnswer {
  readonly status: number;
  readonly headers: Headers;
  /** The parsed JSON body (or the `data:` of the first SSE event); undefined when empty. */
  readonly body: unknown;
}

let nextId = 1;

export async function rpc(url: string, method: string, params: unknown, headers: Record<string, string> = {}): Promise<RawAnswer> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
    body: JSON.stringify({ jsonrpc: '2.0', id: nextId++, method, params }),
  });
  const text = await res.text();
  const data = res.headers.get('content-type')?.includes('text/event-stream')
    ? text.split('\n').find((l) => l.startsWith('data:'))?.slice(5)
    : text;
  return { status: res.status, headers: res.headers, body: data ? JSON.parse(data) : undefined };
}

export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

/** A tools/call over raw HTTP; the tool result when the status is 200. */
export async function rawCall(url: string, key: string, name: string, args: Record<string, unknown>): Promise<RawAnswer> {
  return rpc(url, 'tools/call', { name, arguments: args }, bearer(key));
}
