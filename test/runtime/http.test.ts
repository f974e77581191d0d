// The HTTP layer with raw requests: Host/Origin checks, methods, limits, auth refusals, scopes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpServer, type RunningServer } from '../../templates/runtime/http.js';
import { createMcpServer, toolAccessMap } from '../../templates/runtime/server.js';
import { models } from './fixture/registry.js';
import { tools } from './fixture/tools.js';
import { startBlogServer } from './mcp-client.js';

let server: RunningServer;
const lines: string[] = [];

beforeAll(async () => {
  server = await startBlogServer(null, { ro: { user: { id: 1, email: 'a@b.c' }, scopes: ['read'] } });
});
afterAll(() => server?.close());

const rpc = (method: string, params: object, id = 1) => ({ jsonrpc: '2.0', id, method, params });

function post(body: unknown, headers: Record<string, string> = {}, url = server.url) {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', authorization: 'Bearer ro', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

describe('http', () => {
  it('serves /healthz and refuses GET/DELETE on /mcp', async () => {
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
    const init = rpc('initialize', { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } });
    expect((await post(init, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await post(init, { origin: 'http://localhost:6274' })).status).toBe(200);
    const port = new URL(server.url).port;
    // fetch will not let us forge Host; node:http's request will.
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/mcp', method: 'POST', headers: { host: `evil.example:${port}`, 'content-type': 'application/json' } }, (res) => resolve(res.statusCode ?? 0));
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

  it("refuses to bind a non-loopback host without authentication, and logs where it listens", async () => {
    const base = { tools: toolAccessMap(tools), createServer: () => createMcpServer({ name: 'x', version: '0', tools, models, prisma: null, user: null, scopes: ['read'] }) };
    await expect(startHttpServer({ ...base, host: '0.0.0.0', port: 0 })).rejects.toThrow(/refusing to listen on 0.0.0.0/);
    const s = await startHttpServer({ ...base, port: 0, log: (l) => lines.push(l) });
    expect(lines[0]).toMatch(/^mcp-gen server listening on http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    expect((await fetch(s.url + '/', { method: 'GET' })).status).toBe(405);
    await s.close();
  });
});
