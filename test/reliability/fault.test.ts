/**
 * Issue 11's fault test: a real server on PostgreSQL, reached through a TCP proxy this test
 * controls. Traffic (writes and reads from several SDK clients) runs while the connection is cut:
 * every failed call is a clear tool error and /readyz fails; after the proxy is restored the same
 * process serves again, and every write the server acknowledged is in the database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { databaseReady } from '../../templates/runtime/data/db.js';
import { createHandler } from '../../templates/runtime/http/handler.js';
import { listen, type RunningServer } from '../../templates/runtime/adapters/node.js';
import { createToolServer, toolAccessMap } from '../../templates/runtime/mcp/server.js';
import { testDatabases } from '../helpers/databases.js';
import { models } from '../runtime/fixture/registry.js';
import { tools } from '../runtime/fixture/tools.js';
import { call, connect } from '../runtime/mcp-client.js';
import { createBlogOn, type BlogOn } from './blog-on.js';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.js';

const postgres = testDatabases.find((d) => d.provider === 'postgresql');
const CLEAR = /^(database unavailable, try again|the database took too long to answer; try again|timed out after \d+ ms)/;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(!postgres)('fault: PostgreSQL connection cut mid-traffic', () => {
  let blog: BlogOn;
  let proxy: TcpProxy;
  let server: RunningServer;
  let base: string;
  const clients: Client[] = [];
  let postId: number;

  beforeAll(async () => {
    blog = await createBlogOn('postgresql');
    const alice = await blog.prisma.user.create({ data: { email: 'alice@example.com', passwordHash: 'h' } });
    postId = (await blog.prisma.blogPost.create({ data: { slug: 'p', title: 'P', authorId: alice.id } })).id;
    const url = new URL(blog.url);
    proxy = await startTcpProxy(url.hostname, Number(url.port || 5432));
    url.port = String(proxy.port);
    // The server's own client goes through the proxy; short connect time-outs so an outage is seen fast.
    const prisma = blog.client(url.toString(), { connectionTimeoutMillis: 1000, max: 5 });
    const handler = createHandler({
      log: () => {},
      tools: toolAccessMap(tools),
      verifiers: [async () => ({ user: { id: alice.id, email: alice.email }, scopes: ['read', 'write'], credential: { kind: 'api-key', id: 'k' } })],
      ready: () => databaseReady(prisma, 1000),
      server: createToolServer({ name: 'fault', version: '0', tools, models, prisma, callTimeoutMs: 5000 }),
    });
    server = await listen(handler, { port: 0, log: () => {} });
    base = new URL(server.url).origin;
    for (let i = 0; i < 6; i++) clients.push(await connect(server.url, 'k'));
  }, 120_000);

  afterAll(async () => {
    await Promise.allSettled(clients.map((c) => c.close()));
    await server?.close();
    await proxy?.close();
    await blog?.cleanup();
  });

  it('answers clearly while the database is gone, recovers without a restart, loses no acknowledged write', async () => {
    const acknowledged: number[] = [];
    const unclear: string[] = [];
    const failures: { at: number; text: string }[] = [];
    const successes: number[] = [];
    let stop = false;
    const worker = async (client: Client, w: number) => {
      for (let i = 0; !stop; i++) {
        const started = Date.now();
        try {
          const r = i % 2 === 0
            ? await call(client, 'create_comment', { data: { body: `w${w}-${i}`, postId } })
            : await call(client, 'list_comments', { take: 5, select: ['id'] });
          if (!r.isError) {
            if (i % 2 === 0) acknowledged.push(r.data.id);
            successes.push(started);
          } else if (CLEAR.test(r.text)) failures.push({ at: started, text: r.text });
          else unclear.push(r.text);
        } catch (error) {
          unclear.push(`transport: ${String(error)}`);
        }
        await sleep(5);
      }
    };
    const ready = async () => (await fetch(`${base}/readyz`)).status;
    const workers = clients.map((c, w) => worker(c, w));

    // Traffic flows before the cut: at least 800 ms of it, and until a first write is acknowledged
    // (a loaded machine may need longer than 800 ms for that; bounded at 15 s).
    await sleep(800);
    for (const until = Date.now() + 15_000; acknowledged.length === 0 && Date.now() < until; ) await sleep(50);
    expect(await ready()).toBe(200);
    const before = acknowledged.length;
    expect(before).toBeGreaterThan(0);
    proxy.cut();
    const cutAt = Date.now();
    await sleep(1500);
    expect(await ready()).toBe(503);
    const duringCut = failures.filter((f) => f.at >= cutAt);
    expect(duringCut.length).toBeGreaterThan(0);
    expect(duringCut.map((f) => f.text)).toContain('database unavailable, try again');

    proxy.restore();
    const restoredAt = Date.now();
    let recoveredAt = 0;
    while (!recoveredAt && Date.now() - restoredAt < 15_000) {
      await sleep(100);
      const first = successes.find((s) => s >= restoredAt);
      if (first) recoveredAt = Date.now();
    }
    expect(recoveredAt, 'no call succeeded within 15 s of restoring the database').toBeGreaterThan(0);
    await sleep(1000);
    stop = true;
    await Promise.all(workers);

    expect(unclear).toEqual([]);
    expect(await ready()).toBe(200);
    // Once serving again, calls started after recovery all succeed.
    expect(failures.filter((f) => f.at > recoveredAt + 200)).toEqual([]);
    expect(acknowledged.length).toBeGreaterThan(before);
    // Every acknowledged write is in the database (read directly, not through the proxy).
    const stored = new Set((await blog.prisma.comment.findMany({ select: { id: true } })).map((c: { id: number }) => c.id));
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);
  }, 60_000);
});
