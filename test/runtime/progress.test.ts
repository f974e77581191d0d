// ToolContext over real HTTP: progress notifications reach a client that asked for them.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { z } from 'zod';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { createHandler } from '../../templates/runtime/http/handler.js';
import { listen, type RunningServer } from '../../templates/runtime/adapters/node.js';
import { createToolServer, toolAccessMap } from '../../templates/runtime/mcp/server.js';
import type { ToolDef } from '../../templates/runtime/core/spec.js';

const slow: ToolDef = {
  name: 'slow', toolset: 'misc', access: 'read', title: 'Slow', description: 'Reports progress.',
  input: z.strictObject({ steps: z.number().int().min(1).max(5) }),
  output: z.object({ done: z.number() }),
  annotations: { readOnlyHint: true },
  async handler(args, ctx) {
    const { steps } = args as { steps: number };
    for (let i = 1; i <= steps; i++) await ctx.progress(i, steps, `step ${i}`);
    await ctx.log('info', 'finished');
    return { done: steps };
  },
};

let server: RunningServer;
beforeAll(async () => {
  const handler = createHandler({
    log: () => {}, tools: toolAccessMap([slow]),
    server: createToolServer({ name: 'p', version: '0', tools: [slow], models: {}, prisma: null }),
  });
  server = await listen(handler, { port: 0, log: () => {} });
});
afterAll(() => server?.close());

it('sends progress for a request with a progress token', async () => {
  const client = new Client({ name: 't', version: '0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(server.url)));
  const seen: number[] = [];
  const result = await client.callTool({ name: 'slow', arguments: { steps: 3 } }, undefined, { onprogress: (p) => seen.push(p.progress) });
  expect(result.structuredContent).toEqual({ done: 3 });
  expect(seen).toEqual([1, 2, 3]);
  await client.close();
});

// 2026-07-28: a tool's log messages go out only when the request's _meta names a log level, and
// only at or above it (SEP-2577); 2025-era requests get them all (there is no level to keep).
it.each([
  ['no log level', undefined, false],
  ['log level info', 'info', true],
  ['log level error', 'error', false],
] as const)('on 2026-07-28, a call with %s gets log messages: %s', async (_label, level, logged) => {
  const meta = {
    'io.modelcontextprotocol/protocolVersion': '2026-07-28',
    'io.modelcontextprotocol/clientCapabilities': {},
    ...(level ? { 'io.modelcontextprotocol/logLevel': level } : {}),
  };
  const res = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2026-07-28', 'mcp-method': 'tools/call', 'mcp-name': 'slow' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'slow', arguments: { steps: 1 }, _meta: meta } }),
  });
  const text = await res.text();
  expect(text).toContain('"done":1');
  expect(text.includes('"method":"notifications/message"')).toBe(logged);
});
