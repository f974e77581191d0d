// What the server log says about requests the SDK refused: one line per refusal naming the
// request (method, id) and why (HTTP status, JSON-RPC code, the message the client got). Nothing
// else from the request: no headers (credentials), no arguments (personal data).
import { ProtocolError } from '@modelcontextprotocol/server';

/** Control characters and anything past `max` go: a log line stays one line of bounded length. */
function clean(text: string, max: number): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** `tools/call (id 7)`, `a batch of 3 (tools/call, ping, …)`, or what the body was instead. */
export function describeRequest(body: unknown): string {
  const one = (message: unknown) => {
    const m = message as { method?: unknown; id?: unknown } | null;
    const method = typeof m?.method === 'string' ? clean(m.method, 64) : 'a message without a method';
    const id = typeof m?.id === 'string' || typeof m?.id === 'number' ? ` (id ${clean(JSON.stringify(m.id), 40)})` : '';
    return `${method}${id}`;
  };
  if (!Array.isArray(body)) return one(body);
  const shown = body.slice(0, 3).map(one).join(', ');
  return `a batch of ${body.length} (${shown}${body.length > 3 ? ', …' : ''})`;
}

/**
 * The log line for an SDK answer that refused the request (status 400 and up), else undefined.
 * Reads a copy of the answer; the original goes to the client untouched.
 */
export async function refusalLine(body: unknown, response: Response): Promise<string | undefined> {
  if (response.status < 400) return undefined;
  let reason = response.statusText || 'no reason given';
  if ((response.headers.get('content-type') ?? '').includes('json')) {
    const answer = (await response.clone().json().catch(() => undefined)) as { error?: { code?: unknown; message?: unknown } } | undefined;
    const error = answer?.error;
    if (error && typeof error.message === 'string') reason = `${typeof error.code === 'number' ? `${error.code} ` : ''}${clean(error.message, 200)}`;
  }
  return `[mcp] refused ${describeRequest(body)}: ${response.status} ${reason}`;
}

// What the SDK reports to `onerror` just before it answers with a refusal (refusalLine logs those).
const REFUSAL = /^(Rejected |Not Acceptable|Unsupported Media Type|Invalid Request|Parse error|Method not allowed|Bad Request|Request body)/;

/** Whether an error the SDK reported is a refusal it also answered (logged per request instead). */
export function isRefusal(error: Error): boolean {
  return error instanceof ProtocolError || error instanceof SyntaxError || error.name === 'ZodError' || REFUSAL.test(error.message);
}
