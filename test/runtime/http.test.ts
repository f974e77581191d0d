// The HTTP layer with raw requests: Host/Origin checks, methods, limits, auth refusals, scopes,
// toolset endpoints, kept-alive connections after refusals, time-outs, graceful shutdown, and
// nothing secret in answers or logs.
import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createHandler } from '../../templates/runtime/http/handler.js';
import { listen, type RunningServer } from '../../templates/runtime/adapters/node.js';
import { createToolServer, toolAccessMap } from '../../templates/runtime/mcp/server.js';
import type { ToolDef } from '../../templates/runtime/core/spec.js';
import { startBlogServer } from './mcp-client.js';

let server: RunningServer;

beforeAll(async () => {
  server = await startBlogServer(null, { ro: { user: { id: 1, email: 'a@b.c' }, scopes: ['read'] } });
});
afterAll(() => server?.close());

const rpc = (method: string, params: object, id = 1) => ({ jsonrpc: '2.0', id, method, params });
const init = rpc('initialize', { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 't', version: '1' } });

function post(body: unknown, headers: Record<string, string> = {}, url = server.url) {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', authorization: 'Bearer ro', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** A tool in its own toolset; `wait` holds it open until released. */
function tool(name: string, toolset: string, run: (args: { ms: number }) => Promise<unknown> = async () => ({})): ToolDef {
  return {
    name, toolset, access: 'read', title: name, description: name,
    input: z.strictObject({ ms: z.number().default(0) }),
    annotations: { readOnlyHint: true },
    handler: async (args) => (await run(args as { ms: number })) as never,
  };
}

async function startTools(tools: ToolDef[], extra: { log?: (l: string) => void; verifiers?: Parameters<typeof createHandler>[0]['verifiers'] } = {}, node: Parameters<typeof listen>[1] = {}) {
  const handler = createHandler({ tools: toolAccessMap(tools), server: createToolServer({ name: 't', version: '0', tools, models: {}, prisma: null }), ...extra });
  return listen(handler, { port: 0, log: () => {}, ...node });
}

/** Raw requests on one kept-alive socket, so a refusal that leaves bytes behind would break the next one. */
function onOneSocket(url: string) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const sockets = new Set<unknown>();
  const send = (body: string, headers: Record<string, string>) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers } }, (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('socket', (s) => sockets.add(s));
      req.on('error', reject);
      req.end(body);
    });
  return { send, sockets, close: () => agent.destroy() };
}

describe('http', () => {
  it('serves /healthz and refuses GET/DELETE on /mcp with 405', async () => {
    const health = await fetch(new URL('/healthz', server.url));
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    for (const method of ['GET', 'DELETE']) {
      const res = await fetch(server.url, { method });
      expect(res.status).toBe(405);
      expect(res.headers.get('allow')).toBe('POST');
    }
  });

  it('refuses foreign origins and hosts (DNS rebinding)', async () => {
    expect((await post(init, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await post(init, { origin: 'http://localhost:6274' })).status).toBe(200);
    const port = new URL(server.url).port;
    // fetch will not let us forge Host; node:http's request will.
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, path: '/mcp', method: 'POST', headers: { host: `evil.example:${port}`, 'content-type': 'application/json' } }, (res) => resolve(res.statusCode ?? 0));
      req.on('error', reject);
      req.end(JSON.stringify(init));
    });
    expect(status).toBe(403);
  });

  it('answers auth refusals before MCP, and bad bodies with JSON-RPC errors', async () => {
    const noKey = await post(rpc('tools/list', {}), { authorization: '' });
    expect(noKey.status).toBe(401);
    expect(noKey.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const bad = await post('{not json');
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe(-32700);
    const huge = await post(JSON.stringify({ pad: 'x'.repeat(1024 * 1024 + 10) }));
    expect(huge.status).toBe(413);
  });

  it('refuses a write tool for a read-only key with insufficient_scope, also in a batch', async () => {
    const single = await post(rpc('tools/call', { name: 'delete_comment', arguments: { where: { id: 1 } } }));
    expect(single.status).toBe(403);
    expect(single.headers.get('www-authenticate')).toBe('Bearer error="insufficient_scope", scope="write"');
    const batch = await post([rpc('tools/list', {}, 1), rpc('tools/call', { name: 'create_comment', arguments: {} }, 2)]);
    expect(batch.status).toBe(403);
  });

  it('keeps a kept-alive connection usable after a storm of refusals', async () => {
    const conn = onOneSocket(server.url);
    const padded = JSON.stringify({ ...rpc('tools/list', {}), pad: 'x'.repeat(64 * 1024) });
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      statuses.push((await conn.send(padded, { authorization: 'Bearer nope' })).status);
      statuses.push((await conn.send(JSON.stringify(rpc('tools/call', { name: 'delete_comment', arguments: {} })), { authorization: 'Bearer ro' })).status);
      statuses.push((await conn.send(JSON.stringify(init), { authorization: 'Bearer ro' })).status);
    }
    expect(statuses.filter((s) => s === 401)).toHaveLength(30);
    expect(statuses.filter((s) => s === 403)).toHaveLength(30);
    expect(statuses.filter((s) => s === 200)).toHaveLength(30);
    expect(conn.sockets.size).toBe(1); // drained, not closed: the same socket served all 90
    // A body over the limit closes the connection cleanly instead; the next request gets a new one.
    expect((await conn.send('x'.repeat(1024 * 1024 + 1), { authorization: 'Bearer nope' })).status).toBe(401);
    expect((await conn.send(JSON.stringify(init), { authorization: 'Bearer ro' })).status).toBe(200);
    conn.close();
  });

  it('serves one toolset at /mcp/<toolset> and 404s unknown ones', async () => {
    const s = await startTools([tool('a_one', 'alpha'), tool('b_one', 'beta')]);
    const list = async (url: string) => {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: JSON.stringify(rpc('tools/list', {})) });
      const text = await res.text();
      return [...text.matchAll(/"name":"([ab]_one)"/g)].map((m) => m[1]);
    };
    expect(await list(s.url)).toEqual(['a_one', 'b_one']);
    expect(await list(`${s.url}/alpha`)).toEqual(['a_one']);
    expect(await list(`${s.url}/beta/`)).toEqual(['b_one']);
    const call = await fetch(`${s.url}/alpha`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: JSON.stringify(rpc('tools/call', { name: 'b_one', arguments: {} })) });
    expect(await call.text()).toContain('"error":{"code":-32602,"message":"Unknown tool: b_one"}');
    expect((await fetch(`${s.url}/gamma`, { method: 'POST', body: '{}' })).status).toBe(404);
    await s.close();
  });

  it('refuses to bind a non-loopback host without authentication, and logs where it listens', async () => {
    const lines: string[] = [];
    await expect(startTools([], {}, { host: '0.0.0.0', requireLoopback: true })).rejects.toThrow(/refusing to listen on 0.0.0.0/);
    const s = await startTools([], {}, { log: (l) => lines.push(l) });
    expect(lines[0]).toMatch(/^mcp-gen server listening on http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    expect((await fetch(s.url + '/', { method: 'GET' })).status).toBe(405);
    await s.close();
  });

  it('closes a connection whose headers never finish (header time-out)', async () => {
    const s = await startTools([], {}, { headersTimeoutMs: 200 });
    const { port } = new URL(s.url);
    const started = Date.now();
    const ended = await new Promise<string>((resolve) => {
      const socket = net.connect(Number(port), '127.0.0.1', () => socket.write('POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\n'));
      let got = '';
      socket.on('data', (c) => (got += c.toString()));
      socket.on('close', () => resolve(got));
      socket.on('error', () => {});
    });
    expect(ended).toMatch(/^HTTP\/1\.1 408/);
    expect(Date.now() - started).toBeLessThan(5_000);
    await s.close();
  });

  it('answers 408 to a request whose body never finishes (request time-out)', async () => {
    const s = await startTools([], {}, { headersTimeoutMs: 150, requestTimeoutMs: 300 });
    const { port } = new URL(s.url);
    const ended = await new Promise<string>((resolve) => {
      const socket = net.connect(Number(port), '127.0.0.1', () =>
        socket.write('POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"jsonrpc"'),
      );
      let got = '';
      socket.on('data', (c) => (got += c.toString()));
      socket.on('close', () => resolve(got));
      socket.on('error', () => {});
    });
    expect(ended).toMatch(/^HTTP\/1\.1 408/);
    await s.close();
  });

  it('shuts down gracefully: stops accepting, finishes the call in flight, then closes', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let entered!: () => void;
    const inside = new Promise<void>((r) => (entered = r));
    const s = await startTools([tool('slow', 'misc', async () => (entered(), await gate, { done: true }))]);
    const pending = fetch(s.url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: JSON.stringify(rpc('tools/call', { name: 'slow', arguments: {} })) }).then((r) => r.text());
    await inside;
    const closing = s.close();
    await new Promise((r) => setTimeout(r, 50));
    await expect(fetch(s.url, { method: 'POST', body: '{}' })).rejects.toThrow();
    release();
    expect(await pending).toContain('"done":true');
    await closing;
  });

  it('answers a failing verifier with a bare 500: no message, stack or token in the answer or the log', async () => {
    const lines: string[] = [];
    const token = 'mcpk_Secret12_' + 'S'.repeat(43);
    const s = await startTools([], { log: (l) => lines.push(l), verifiers: [async () => { throw new Error(`lookup failed for ${token}`); }] });
    const res = await fetch(s.url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(init) });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).toBe('{"jsonrpc":"2.0","error":{"code":-32603,"message":"Internal error"},"id":null}');
    expect(lines).toEqual(['[mcp] request failed: Error']);
    await s.close();
  });
});
