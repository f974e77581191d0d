// Plain 2025-era tools/call and tools/list are answered by the tool server's handlers without a
// per-request McpServer (http/exchange.ts). What a client sees must not change: each answer is
// compared with the SDK's own legacy serving of the same message (a batch of one goes that way),
// notifications sent before the answer stream ahead of it live, a client that goes away aborts
// the call, and requests the SDK would refuse, or that carry anything unusual, are left to it.
import { afterAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ANONYMOUS } from '../../templates/runtime/core/caller.js';
import { serveDirect } from '../../templates/runtime/mcp/exchange.js';
import { createHandler } from '../../templates/runtime/http/handler.js';
import { ToolError } from '../../templates/runtime/core/errors.js';
import { createToolServer, toolAccessMap, type ToolServer } from '../../templates/runtime/mcp/server.js';
import type { ToolDef } from '../../templates/runtime/core/spec.js';

let release: () => void = () => {};
let aborted: Promise<boolean> = Promise.resolve(false);

const tools: ToolDef[] = [
  {
    name: 'echo', toolset: 't', access: 'read', title: 'echo', description: 'echo',
    input: z.strictObject({ text: z.string() }), output: z.object({ text: z.string() }), annotations: {},
    handler: async (args) => ({ text: (args as { text: string }).text }) as never,
  },
  {
    name: 'chatty', toolset: 't', access: 'read', title: 'chatty', description: 'progress, a log line, then waits',
    input: z.strictObject({}), annotations: {},
    handler: async (_args, ctx) => {
      await ctx.progress(1, 2, 'half');
      await ctx.log('info', 'working');
      await new Promise<void>((resolve) => (release = resolve));
      return { done: true } as never;
    },
  },
  {
    name: 'failing', toolset: 't', access: 'read', title: 'failing', description: 'a tool error',
    input: z.strictObject({}), annotations: {},
    handler: async () => {
      throw new ToolError('no such thing');
    },
  },
  {
    name: 'hooked', toolset: 't', access: 'read', title: 'hooked', description: 'a hook throws around it',
    input: z.strictObject({}), annotations: {},
    handler: async () => ({}) as never,
  },
  {
    name: 'stuck', toolset: 't', access: 'read', title: 'stuck', description: 'runs until aborted',
    input: z.strictObject({}), annotations: {},
    handler: async (_args, ctx) => {
      aborted = new Promise((resolve) => ctx.signal.addEventListener('abort', () => resolve(true), { once: true }));
      await aborted;
      return {} as never;
    },
  },
];

// A hook that throws is answered with a JSON-RPC error, as the SDK answers a throwing handler.
const hookThrows = async (call: { tool: { name: string } }, run: () => Promise<never>) => {
  if (call.tool.name === 'hooked') throw Object.assign(new Error('refused by a hook'), { code: -32001, data: { why: 'test' } });
  return run();
};
const tools_ = createToolServer({ name: 'x', version: '0', tools, models: {}, prisma: null, toolCallHooks: [hookThrows as never] });
// Counts the requests answered directly (the McpServer's own handlers do not go through these
// properties) and the per-request McpServers built: the direct path builds none.
let built = 0;
let direct = 0;
const server: ToolServer = Object.assign((scope: Parameters<ToolServer>[0]) => (built++, tools_(scope)), {
  listsPlainly: tools_.listsPlainly,
  listTools: (...a: Parameters<ToolServer['listTools']>) => (direct++, tools_.listTools(...a)),
  callTool: (...a: Parameters<ToolServer['callTool']>) => (direct++, tools_.callTool(...a)),
});
const handler = createHandler({ log: () => {}, tools: toolAccessMap(tools), server });
afterAll(() => handler.close());

const HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream', host: '127.0.0.1' };
const rpc = (method: string, params: object = {}, id: number | string = 1) => ({ jsonrpc: '2.0', id, method, params });

function post(body: unknown, headers: Record<string, string> = {}, signal?: AbortSignal) {
  return handler.fetch(new Request('http://127.0.0.1/mcp', { method: 'POST', headers: { ...HEADERS, ...headers }, body: JSON.stringify(body), ...(signal ? { signal } : {}) }));
}

/** The JSON-RPC messages of an SSE answer, in order. */
async function events(response: Response): Promise<unknown[]> {
  const text = await response.text();
  return text.split('\n').filter((l) => l.startsWith('data: ')).map((l) => JSON.parse(l.slice(6)));
}

describe('the single-exchange transport', () => {
  it.each([
    ['tools/list', rpc('tools/list'), true],
    ['tools/list with empty params', rpc('tools/list', {}), true],
    ['a call', rpc('tools/call', { name: 'echo', arguments: { text: 'hi' } }, 'a-1'), true],
    ['a call with a progress token it does not use', rpc('tools/call', { name: 'echo', arguments: { text: 'é\u0000🙂' }, _meta: { progressToken: 7 } }, 5), true],
    ['a call without arguments', { jsonrpc: '2.0', id: 6, method: 'tools/call', params: { name: 'echo' } }, true],
    ['an unknown tool', rpc('tools/call', { name: 'nope', arguments: {} }, 2), true],
    ['bad arguments', rpc('tools/call', { name: 'echo', arguments: { text: 5 } }, 3), true],
    ['a tool error', rpc('tools/call', { name: 'failing', arguments: {} }, 7), true],
    ['a hook that throws', rpc('tools/call', { name: 'hooked', arguments: {} }, 8), true],
    ['no tool name', rpc('tools/call', { arguments: {} }, 4), false],
    ['arguments that are not an object', rpc('tools/call', { name: 'echo', arguments: ['hi'] }, 11), false],
    ['a params key the handlers do not read', rpc('tools/call', { name: 'echo', arguments: { text: 'hi' }, extra: 1 }, 12), false],
    ['_meta beyond a progress token', rpc('tools/call', { name: 'echo', arguments: { text: 'hi' }, _meta: { progressToken: 1, other: true } }, 13), false],
  ])('answers %s exactly as the SDK does, as one SSE event', async (_label, message, plain) => {
    const [builtBefore, directBefore] = [built, direct];
    const ours = await post(message);
    // Plain requests are answered without a per-request McpServer; anything else is the SDK's.
    expect(direct - directBefore).toBe(plain ? 1 : 0);
    if (plain) expect(built).toBe(builtBefore);
    const viaSdk = await post([message]); // a batch is the SDK's to serve
    expect(direct - directBefore).toBe(plain ? 1 : 0);
    expect(ours.status).toBe(viaSdk.status);
    expect(ours.headers.get('content-type')).toBe(viaSdk.headers.get('content-type'));
    const [mine, theirs] = [await events(ours), await events(viaSdk)];
    expect(mine).toHaveLength(1);
    expect(mine).toEqual(theirs);
  });

  it('answers an unknown tool with JSON-RPC -32602 on both paths', async () => {
    const message = rpc('tools/call', { name: 'nope', arguments: {} }, 2);
    const want = [{ jsonrpc: '2.0', id: 2, error: { code: -32602, message: 'Unknown tool: nope' } }];
    expect(await events(await post(message))).toEqual(want);
    expect(await events(await post([message]))).toEqual(want);
  });

  it('streams what a call sends before its answer, live, then the answer', async () => {
    const response = await post(rpc('tools/call', { name: 'chatty', arguments: {}, _meta: { progressToken: 'p' } }, 9));
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let seen = '';
    // The call is still waiting: both notifications are already here.
    while (!seen.includes('working')) seen += (await reader.read()).value ?? '';
    expect(seen).toContain('"method":"notifications/progress"');
    expect(seen).toContain('"progress":1');
    release();
    for (let next = await reader.read(); !next.done; next = await reader.read()) seen += next.value;
    const messages = seen.split('\n').filter((l) => l.startsWith('data: ')).map((l) => JSON.parse(l.slice(6)) as { method?: string; id?: number });
    expect(messages.map((m) => m.method ?? `answer ${m.id}`)).toEqual(['notifications/progress', 'notifications/message', 'answer 9']);
    // The same messages the SDK sends for the same call.
    const waiting = release;
    const viaSdk = post([rpc('tools/call', { name: 'chatty', arguments: {}, _meta: { progressToken: 'p' } }, 9)]);
    await vi.waitFor(() => expect(release).not.toBe(waiting));
    release();
    expect(await events(await viaSdk)).toEqual(messages);
  });

  it('a client that goes away aborts the call', async () => {
    const controller = new AbortController();
    const answer = post(rpc('tools/call', { name: 'stuck', arguments: {} }, 10), {}, controller.signal);
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort();
    expect(await aborted).toBe(true);
    expect((await answer).status).toBe(499);
  });

  it('answers 499, without waiting, a client gone before its call started', async () => {
    const controller = new AbortController();
    controller.abort();
    const request = new Request('http://127.0.0.1/mcp', { method: 'POST', signal: controller.signal });
    const message = { id: 15, method: 'tools/call' as const, params: { name: 'echo', arguments: { text: 'hi' } } };
    expect((await serveDirect(server, { caller: ANONYMOUS }, request, message)).status).toBe(499);
  });

  it('leaves to the SDK what it would refuse or serve otherwise', async () => {
    expect((await post(rpc('tools/list'), { accept: 'application/json' })).status).toBe(406);
    expect((await post(rpc('tools/list'), { 'mcp-protocol-version': '1999-01-01' })).status).toBe(400);
    // Not a valid JSON-RPC request for the SDK (a progress token is a string or an integer).
    const before = direct;
    const fractional = await post(rpc('tools/call', { name: 'echo', arguments: { text: 'hi' }, _meta: { progressToken: 1.5 } }, 14));
    expect(fractional.status).toBe(400);
    expect(((await fractional.json()) as { error: { code: number } }).error.code).toBe(-32600);
    expect(direct).toBe(before);
    const init = await post(rpc('initialize', { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 't', version: '1' } }));
    expect(init.status).toBe(200);
    expect(((await events(init))[0] as { result: { serverInfo: { name: string } } }).result.serverInfo.name).toBe('x');
  });
});
