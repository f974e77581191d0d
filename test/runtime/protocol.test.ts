// One running server, both protocol revisions: the SDK v1 client and the v2 client on 2025-11-25
// (initialize handshake) and the v2 client pinned to 2026-07-28 (server/discover, per-request
// envelope, Mcp-Method/Mcp-Name headers), plus the raw wire facts a client relies on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../templates/runtime/adapters/node.js';
import { connectClient, connectClientV2 } from '../helpers/client.js';
import { createBlogDb, seedBlog, type BlogDb } from './blog-db.js';
import { startBlogServer } from './mcp-client.js';

let db: BlogDb;
let server: RunningServer;
let seed: Awaited<ReturnType<typeof seedBlog>>;
const auth = { authorization: 'Bearer alice' };

beforeAll(async () => {
  db = await createBlogDb('protocol');
  seed = await seedBlog(db.prisma);
  server = await startBlogServer(db.prisma, {
    alice: { user: { id: seed.alice.id, email: seed.alice.email }, scopes: ['read'] },
  });
});
afterAll(async () => {
  await server?.close();
  await db?.cleanup();
});

const envelope = {
  'io.modelcontextprotocol/protocolVersion': '2026-07-28',
  'io.modelcontextprotocol/clientInfo': { name: 'raw', version: '1' },
  'io.modelcontextprotocol/clientCapabilities': {},
};

function modern(method: string, params: Record<string, unknown>, headers: Record<string, string> = {}) {
  return fetch(server.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json', accept: 'application/json, text/event-stream', ...auth,
      'mcp-protocol-version': '2026-07-28', 'mcp-method': method, ...headers,
    },
    body: JSON.stringify({ jsonrpc: '2.0', id: 7, method, params: { ...params, _meta: envelope } }),
  });
}

describe('protocol revisions on one endpoint', () => {
  const seen: string[] = [];
  it.each([
    ['SDK v1 client (2025-11-25)', () => connectClient(server.url, { headers: auth })],
    ['SDK v2 client on 2025-11-25', () => connectClientV2(server.url, { protocol: '2025-11-25', headers: auth })],
    ['SDK v2 client pinned to 2026-07-28', () => connectClientV2(server.url, { protocol: '2026-07-28', headers: auth })],
  ] as const)('%s lists and calls tools, scoped to the caller', async (_name, connect) => {
    const client = await connect();
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain('list_blog_posts');
    expect(tools.map((t) => t.name)).not.toContain('delete_comment'); // read-only key
    const result = await client.callTool({ name: 'list_blog_posts', arguments: { take: 50 } });
    const rows = (result.structuredContent as { items: unknown[] }).items;
    expect(rows.length).toBeGreaterThan(0);
    // Every client sees the same rows: the caller's scope, whatever the protocol revision.
    seen.push(JSON.stringify(rows));
    expect(new Set(seen).size).toBe(1);
    const bad = await client.callTool({ name: 'list_blog_posts', arguments: { take: 'x' } });
    expect(bad.isError).toBe(true);
    await client.close();
  });

  it('answers server/discover with 2026-07-28 and the tools capability', async () => {
    const res = await modern('server/discover', {});
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.result.supportedVersions).toContain('2026-07-28');
    expect(body.result.capabilities.tools).toBeDefined();
    expect(body.result._meta['io.modelcontextprotocol/serverInfo'].name).toBe('blog-test');
  });

  it('marks per-user lists private and not cacheable across callers', async () => {
    const body = await (await modern('tools/list', {})).json();
    expect(body.result.tools.length).toBeGreaterThan(0);
    expect(body.result).toMatchObject({ ttlMs: 0, cacheScope: 'private' });
  });

  it('refuses a 2026-07-28 call whose Mcp-Name header does not match the body', async () => {
    const ok = await modern('tools/call', { name: 'count_blog_posts', arguments: {} }, { 'mcp-name': 'count_blog_posts' });
    expect(ok.status).toBe(200);
    const mismatch = await modern('tools/call', { name: 'count_blog_posts', arguments: {} }, { 'mcp-name': 'delete_comment' });
    expect(mismatch.status).toBe(400);
    const missing = await modern('tools/call', { name: 'count_blog_posts', arguments: {} });
    expect(missing.status).toBe(400);
  });

  // The spec lists an unknown tool under protocol errors: a JSON-RPC error -32602, not an isError result.
  it.each([
    ['2025-11-25', () => fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...auth, 'mcp-protocol-version': '2025-11-25' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name: 'no_such_tool', arguments: {} } }),
    })],
    ['2026-07-28', () => modern('tools/call', { name: 'no_such_tool', arguments: {} }, { 'mcp-name': 'no_such_tool' })],
  ] as const)('answers a call to an unknown tool with JSON-RPC -32602 on %s', async (_revision, send) => {
    const res = await send();
    const text = await res.text();
    const body = JSON.parse(text.startsWith('{') ? text : text.split('\n').find((l) => l.startsWith('data: '))!.slice(6));
    expect(body.result).toBeUndefined();
    expect(body).toMatchObject({ id: 7, error: { code: -32602, message: 'Unknown tool: no_such_tool' } });
  });

  it.each([
    ['SDK v2 client on 2025-11-25', () => connectClientV2(server.url, { protocol: '2025-11-25', headers: auth })],
    ['SDK v2 client pinned to 2026-07-28', () => connectClientV2(server.url, { protocol: '2026-07-28', headers: auth })],
  ] as const)('%s sees an unknown tool as a protocol error', async (_name, connect) => {
    const client = await connect();
    await expect(client.callTool({ name: 'no_such_tool', arguments: {} })).rejects.toMatchObject({ code: -32602 });
    await client.close();
  });

  it('checks scopes before MCP on 2026-07-28 too', async () => {
    const res = await modern('tools/call', { name: 'delete_comment', arguments: { where: { id: 1 } } }, { 'mcp-name': 'delete_comment' });
    expect(res.status).toBe(403);
    expect(res.headers.get('www-authenticate')).toBe('Bearer error="insufficient_scope", scope="write"');
  });
});
