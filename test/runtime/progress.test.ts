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
