// Small response builders shared by the handler and its checks: JSON bodies, JSON-RPC errors.
// Responses built from a string remember it, so the node adapter can write it as it is instead
// of reading it back through the Response's stream.

const texts = new WeakMap<Response, string>();

/** A Response whose body is `text`. */
export function textResponse(status: number, text: string, headers: HeadersInit): Response {
  const response = new Response(text, { status, headers });
  texts.set(response, text);
  return response;
}

/** The body of a Response built by textResponse, if it is one. */
export function knownText(response: Response): string | undefined {
  return texts.get(response);
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  // Header names are case-insensitive: a caller's own Content-Type replaces ours, never doubles it.
  const h = new Headers({ 'content-type': 'application/json' });
  for (const [name, value] of Object.entries(headers)) h.set(name, value);
  return textResponse(status, JSON.stringify(body), h);
}

/** A JSON-RPC error with no id: the refusal happened before any message was read. */
export function jsonRpcError(status: number, code: number, message: string, headers: Record<string, string> = {}): Response {
  return json(status, { jsonrpc: '2.0', error: { code, message }, id: null }, headers);
}
