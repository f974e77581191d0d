// 2025-era tools/call and tools/list reach the per-request server over the single-exchange
// transport (http/exchange.ts). What a client sees must not change: each answer is compared with
// the SDK's own legacy serving of the same message (a batch of one goes that way), notifications
// sent before the answer stream ahead of it live, a client that goes away aborts the call, and
// requests the SDK would refuse are still refused by it.
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createHandler } from '../../templates/runtime/http/handler.js';
import { createToolServer, toolAccessMap } from '../../templates/runtime/server.js';
import type { ToolDef } from '../../templates/runtime/spec.js';

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
    name: 'stuck', toolset: 't', access: 'read', title: 'stuck', description: 'runs until aborted',
    input: z.strictObject({}), annotations: {},
    handler: async (_args, ctx) => {
      aborted = new Promise((resolve) => ctx.signal.addEventListener('abort', () => resolve(true), { once: true }));
      await aborted;
      return {} as never;
    },
  },
];

const handler = createHandler({ log: () => {}, tools: toolAccessMap(tools), server: createToolServer({ name: 'x', version: '0', tools, models: {}, prisma: null }) });
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
    ['tools/list', rpc('tools/list')],
    ['a call', rpc('tools/call', { name: 'echo', arguments: { text: 'hi' } }, 'a-1')],
    ['an unknown tool', rpc('tools/call', { name: 'nope', arguments: {} }, 2)],
    ['bad arguments', rpc('tools/call', { name: 'echo', arguments: { text: 5 } }, 3)],
    ['no tool name', rpc('tools/call', { arguments: {} }, 4)],
  ])('answers %s exactly as the SDK does, as one SSE event', async (_label, message) => {
    const direct = await post(message);
    const viaSdk = await post([message]); // a batch is the SDK's to serve
    expect(direct.status).toBe(viaSdk.status);
    expect(direct.headers.get('content-type')).toBe('text/event-stream');
    const [ours, theirs] = [await events(direct), await events(viaSdk)];
    expect(ours).toHaveLength(1);
    expect(ours).toEqual(theirs);
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
  });

  it('a client that goes away aborts the call', async () => {
    const controller = new AbortController();
    const answer = post(rpc('tools/call', { name: 'stuck', arguments: {} }, 10), {}, controller.signal);
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort();
    expect(await aborted).toBe(true);
    expect((await answer).status).toBe(499);
  });

  it('leaves to the SDK what it would refuse or serve otherwise', async () => {
    expect((await post(rpc('tools/list'), { accept: 'application/json' })).status).toBe(406);
    expect((await post(rpc('tools/list'), { 'mcp-protocol-version': '1999-01-01' })).status).toBe(400);
    const init = await post(rpc('initialize', { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 't', version: '1' } }));
    expect(init.status).toBe(200);
    expect(((await events(init))[0] as { result: { serverInfo: { name: string } } }).result.serverInfo.name).toBe('x');
  });
});
