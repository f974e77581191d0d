/**
 * runtime/publish/trpc.ts over a real tRPC v11 router and the runtime's real HTTP server, with the
 * official SDK client: a caller without a user is refused by the app's own protectedProcedure,
 * TRPCError codes and nested zod issue paths become tool errors, cancellation reaches the
 * procedure's `signal`, and the listing comes from the procedure's own validator when it is zod.
 */
import { initTRPC, TRPCError } from '@trpc/server';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { createHandler } from '../../templates/runtime/http/handler.js';
import { listen, type RunningServer } from '../../templates/runtime/adapters/node.js';
import { createToolServer, toolAccessMap } from '../../templates/runtime/mcp/server.js';
import { bindRouter, type PublishContextOptions } from '../../templates/runtime/publish/trpc.js';
import { compactProcedureTools } from '../../templates/runtime/publish/compact.js';
import { connect } from '../runtime/mcp-client.js';
import { callTool } from '../helpers/client.js';

type User = { id: string };
const t = initTRPC.context<{ session: { user: User } | null; scopes: readonly string[] }>().meta<{ description?: string }>().create();
const protectedProcedure = t.procedure.use(({ ctx, next }) => {
  if (!ctx.session) throw new TRPCError({ code: 'UNAUTHORIZED' });
  return next({ ctx: { session: ctx.session } });
});
const seen: { aborted?: boolean } = {};
const router = t.router({
  whoami: protectedProcedure.meta({ description: 'Who is calling' }).query(({ ctx }) => ({ id: ctx.session.user.id })),
  order: t.router({
    place: t.procedure
      .input(z.object({ lines: z.array(z.object({ sku: z.string().regex(/^[A-Z]{3}$/), qty: z.number().int().min(1) })) }))
      .mutation(({ input }) => {
        if (input.lines.some((l) => l.sku === 'DUP')) throw new TRPCError({ code: 'CONFLICT', message: 'that order exists' });
        return { placed: input.lines.length };
      }),
  }),
  recent: t.procedure.query(() => [{ sku: 'ABC', qty: 2 }, { sku: 'XYZ', qty: 1 }]),
  slow: t.procedure.query(async ({ signal }) => {
    await new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      signal?.addEventListener('abort', () => resolve(), { once: true });
      setTimeout(resolve, 10_000).unref();
    });
    seen.aborted = signal?.aborted ?? false;
    return { done: true };
  }),
});

const createContext = ({ user, scopes }: PublishContextOptions<User, unknown>) => ({ session: user ? { user } : null, scopes });
const procedureTool = bindRouter(router, createContext);
const tools = [
  procedureTool({ path: 'whoami', name: 'whoami', toolset: 'app', type: 'query', title: 'Whoami', description: 'fallback' }, z.strictObject({}), (trpc) => trpc.whoami()),
  procedureTool(
    { path: 'order.place', name: 'order_place', toolset: 'app', type: 'mutation', title: 'Order place', description: 'Place an order' },
    z.strictObject({ lines: z.array(z.strictObject({ sku: z.string(), qty: z.number() })) }),
    (trpc, args) => trpc.order.place(args),
  ),
  procedureTool({ path: 'slow', name: 'slow', toolset: 'app', type: 'query', title: 'Slow', description: 'Slow' }, z.strictObject({}), (trpc) => trpc.slow()),
  procedureTool({ path: 'recent', name: 'recent_orders', toolset: 'app', type: 'query', title: 'Recent orders', description: 'Recent', wrap: true, view: true }, z.strictObject({}), (trpc) => trpc.recent()),
];

const KEYS: Record<string, { user: User | null; scopes: string[] }> = {
  anon: { user: null, scopes: ['read', 'write'] },
  ann: { user: { id: 'ann' }, scopes: ['app:read', 'app:write'] },

  annRo: { user: { id: 'ann' }, scopes: ['read'] },
};

function serve(list: typeof tools) {
  const handler = createHandler({
    log: () => {},
    tools: toolAccessMap(list),
    verifiers: [
      async (request) => {
        const token = /^Bearer (.+)$/.exec(request.headers.get('authorization') ?? '')?.[1] ?? '';
        const key = KEYS[token];
        if (!key) return new Response(JSON.stringify({ error: 'invalid_token' }), { status: 401 });
        return { user: key.user, scopes: key.scopes, credential: { kind: 'api-key', id: token } };
      },
    ],
    server: createToolServer({ name: 't', version: '0', tools: list, models: {}, prisma: null }),
  });
  return listen(handler, { port: 0, log: () => {} });
}

let server: RunningServer;
let compact: RunningServer;
let anon: Client;
let ann: Client;
let compactRo: Client;
let compactRw: Client;

beforeAll(async () => {
  [server, compact] = await Promise.all([serve(tools), serve(compactProcedureTools(tools, 'app'))]);
  [anon, ann, compactRo, compactRw] = await Promise.all([connect(server.url, 'anon'), connect(server.url, 'ann'), connect(compact.url, 'annRo'), connect(compact.url, 'ann')]);
});

afterAll(async () => {
  await Promise.all([anon?.close(), ann?.close(), compactRo?.close(), compactRw?.close()]);
  await Promise.all([server?.close(), compact?.close()]);
});

describe('published procedures at run time', () => {
  it("refuses a caller without a user through the app's own protectedProcedure", async () => {
    expect(await callTool(anon, 'whoami')).toMatchObject({ isError: true, text: 'refused (UNAUTHORIZED): this procedure needs a signed-in user' });
    expect((await callTool(ann, 'whoami')).structured).toEqual({ id: 'ann' });
  });

  it("takes the description from the procedure's runtime meta and the input schema from its zod validator", async () => {
    const { tools: listed } = await ann.listTools();
    expect(listed.find((x) => x.name === 'whoami')!.description).toBe('Who is calling');
    const place = listed.find((x) => x.name === 'order_place')!;
    expect(place.annotations).toMatchObject({ readOnlyHint: false });
    expect(JSON.stringify(place.inputSchema)).toContain('"pattern":"^[A-Z]{3}$"');
  });

  it('names nested argument paths from the zod issues, and maps CONFLICT', async () => {
    const r = await callTool(ann, 'order_place', { lines: [{ sku: 'ABC', qty: 1 }, { sku: 'abc', qty: 0 }] });
    expect(r.isError).toBe(true);
    expect(r.text.split('\n')).toEqual(['Invalid arguments for order_place:', expect.stringMatching(/^lines\[1\]\.sku: /), expect.stringMatching(/^lines\[1\]\.qty: Too small/)]);
    expect(await callTool(ann, 'order_place', { lines: [{ sku: 'DUP', qty: 1 }] })).toMatchObject({ isError: true, text: 'CONFLICT: that order exists' });
    expect((await callTool(ann, 'order_place', { lines: [{ sku: 'ABC', qty: 2 }] })).structured).toEqual({ placed: 1 });
  });

  it("cancelling the call aborts the procedure's signal", async () => {
    const controller = new AbortController();
    const call = ann.callTool({ name: 'slow', arguments: {} }, undefined, { signal: controller.signal });
    await new Promise((r) => setTimeout(r, 200));
    controller.abort('stop');
    await expect(call).rejects.toThrow();
    await expect.poll(() => seen.aborted, { timeout: 5_000 }).toBe(true);
  });
});

describe('MCP Apps', () => {
  it('a query returning rows points at the table view, and its result tells the view where the rows are', async () => {
    const listed = (await ann.listTools()).tools;
    expect(listed.find((x) => x.name === 'recent_orders')!._meta).toEqual({ ui: { resourceUri: 'ui://mcp-gen/table.html' } });
    expect(listed.find((x) => x.name === 'whoami')!._meta).toBeUndefined();
    const r = (await ann.callTool({ name: 'recent_orders', arguments: {} })) as { structuredContent?: unknown; _meta?: Record<string, unknown> };
    expect(r.structuredContent).toEqual({ result: [{ sku: 'ABC', qty: 2 }, { sku: 'XYZ', qty: 1 }] });
    expect(r._meta).toEqual({ 'mcp-gen/view': { model: 'Recent orders', shape: 'result', columns: [] } });
  });
});

describe('compact mode', () => {
  it('lists two tools; describe_procedures shows what the caller may call, with input schemas', async () => {
    expect((await compactRo.listTools()).tools.map((x) => x.name)).toEqual(['describe_procedures', 'call_procedure']);
    const ro = (await callTool(compactRo, 'describe_procedures')).structured as { procedures: { name: string; writes: boolean; input: unknown }[] };
    expect(ro.procedures.map((p) => p.name)).toEqual(['whoami', 'slow', 'recent_orders']);
    const rw = (await callTool(compactRw, 'describe_procedures', { names: ['order_place'] })).structured as { procedures: { name: string; writes: boolean; input: unknown }[] };
    expect(rw.procedures).toEqual([{ name: 'order_place', description: 'Place an order', writes: true, input: expect.objectContaining({ type: 'object' }) }]);
    expect(JSON.stringify(rw.procedures[0]!.input)).toContain('"pattern":"^[A-Z]{3}$"');
  });

  it('call_procedure runs a procedure as the caller, refuses a write without the write scope, and names input paths', async () => {
    expect((await callTool(compactRo, 'call_procedure', { procedure: 'whoami' })).structured).toEqual({ id: 'ann' });
    // Answered by the HTTP layer (403 insufficient_scope) before anything runs.
    await expect(callTool(compactRo, 'call_procedure', { procedure: 'order_place', input: { lines: [{ sku: 'ABC', qty: 1 }] } })).rejects.toThrow(/403|insufficient_scope/);
    const bad = await callTool(compactRw, 'call_procedure', { procedure: 'order_place', input: { lines: [{ sku: 'ABC', qty: 'x' }] } });
    expect(bad.text).toMatch(/^Invalid arguments for order_place:\ninput\.lines\[0\]\.qty: expected number/);
    expect((await callTool(compactRw, 'call_procedure', { procedure: 'order_place', input: { lines: [{ sku: 'ABC', qty: 1 }] } })).structured).toEqual({ placed: 1 });
  });
});
