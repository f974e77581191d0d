// Small response builders shared by the handler and its checks: JSON bodies, JSON-RPC errors.

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  // Header names are case-insensitive: a caller's own Content-Type replaces ours, never doubles it.
  const h = new Headers({ 'content-type': 'application/json' });
  for (const [name, value] of Object.entries(headers)) h.set(name, value);
  return new Response(JSON.stringify(body), { status, headers: h });
}

/** A JSON-RPC error with no id: the refusal happened before any message was read. */
export function jsonRpcError(status: number, code: number, message: string, headers: Record<string, string> = {}): Response {
  return json(status, { jsonrpc: '2.0', error: { code, message }, id: null }, headers);
}
