// The server log says which request the SDK refused and why: one line per refusal with method,
// id, HTTP status and the JSON-RPC error the client got; never the credential or the arguments.
import { afterAll, expect, it } from 'vitest';
import { z } from 'zod';
import type { Caller } from '../../templates/runtime/core/caller.js';
import { createHandler } from '../../templates/runtime/http/handler.js';
import { createToolServer, toolAccessMap } from '../../templates/runtime/mcp/server.js';
import type { ToolDef } from '../../templates/runtime/core/spec.js';

const TOKEN = 'sk-live-very-secret-token';
const echo: ToolDef = {
  name: 'echo', toolset: 't', access: 'read', title: 'echo', description: 'echo',
  input: z.strictObject({ text: z.string() }), annotations: {},
  handler: async (args) => ({ text: (args as { text: string }).text }) as never,
};
const caller: Caller = { user: { id: 1 }, scopes: ['read'], credential: { kind: 'api-key', id: 'k1' } };
const lines: string[] = [];
const handler = createHandler({
  log: (line) => lines.push(line), tools: toolAccessMap([echo]),
  server: createToolServer({ name: 'x', version: '0', tools: [echo], models: {}, prisma: null }),
  verifiers: [async (request) => (request.headers.get('authorization') === `Bearer ${TOKEN}` ? caller : null)],
});
afterAll(() => handler.close());

const envelope = { 'io.modelcontextprotocol/protocolVersion': '2026-07-28', 'io.modelcontextprotocol/clientCapabilities': {} };
const post = (body: unknown, headers: Record<string, string>) => handler.fetch(new Request('http://127.0.0.1/mcp', {
  method: 'POST',
  headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', host: '127.0.0.1', authorization: `Bearer ${TOKEN}`, ...headers },
  body: JSON.stringify(body),
}));
const call = (id: number, name = 'echo') => ({ jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: { text: 'private words' }, _meta: envelope } });

it.each([
  ['an Mcp-Name header that does not match the body', call(21), { 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'tools/call', 'mcp-name': 'other' }, /^\[mcp\] refused tools\/call \(id 21\): 400 -32020 \S/],
  ['a protocol version the server does not speak', { ...call(22), params: { ...call(22).params, _meta: { ...envelope, 'io.modelcontextprotocol/protocolVersion': '2099-01-01' } } }, { 'mcp-protocol-version': '2099-01-01', 'mcp-method': 'tools/call', 'mcp-name': 'echo' }, /^\[mcp\] refused tools\/call \(id 22\): 400 -?\d+ \S/],
  ['a 2025-era call that does not accept SSE', { jsonrpc: '2.0', id: 'a-23', method: 'tools/call', params: { name: 'echo', arguments: { text: 'private words' } } }, { accept: 'application/json' }, /^\[mcp\] refused tools\/call \(id "a-23"\): 406 -32000 Not Acceptable/],
  ['a batch with a removed method', [{ jsonrpc: '2.0', id: 24, method: 'initialize', params: { _meta: envelope } }], { 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'initialize' }, /^\[mcp\] refused a batch of 1 \(initialize \(id 24\)\): 4\d\d /],
] as const)('logs one line for %s', async (_label, body, headers, line) => {
  lines.length = 0;
  const response = await post(body, headers);
  expect(response.status).toBeGreaterThanOrEqual(400);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(line);
  // The client still gets the whole answer (the log read a copy).
  expect(((await response.json()) as { error: { message: string } }).error.message.length).toBeGreaterThan(0);
  expect(lines[0]).not.toContain(TOKEN);
  expect(lines[0]).not.toContain('private words');
});

it('logs nothing for requests it serves', async () => {
  lines.length = 0;
  const ok = await post(call(30), { 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'tools/call', 'mcp-name': 'echo' });
  expect(ok.status).toBe(200);
  await ok.text();
  expect(lines).toEqual([]);
});
