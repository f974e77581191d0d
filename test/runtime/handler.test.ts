// The generated createMcpHandler as a mounted app uses it: fetch(Request) directly, the app's own
// session as a verifier, extra routes, request hooks (per IP, per caller) and tool-call hooks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMcpHandler, type Caller, type ToolCall } from '../golden/blog/index.js';
import { createBlogDb, seedBlog, type BlogDb } from './blog-db.js';

let db: BlogDb;
const audit: string[] = [];
let handler: ReturnType<typeof createMcpHandler>;
let allowance = 0;

beforeAll(async () => {
  db = await createBlogDb('handler');
  await seedBlog(db.prisma);
  handler = createMcpHandler({
    prisma: db.prisma,
    log: () => {},
    // The host app's session: a cookie it issued names the user.
    authenticate: async (request) => {
      const session = /(?:^|; )sid=(\w+)/.exec(request.headers.get('cookie') ?? '')?.[1];
      if (!session) return null;
      if (session !== 'ann') return new Response('{"error":"session expired"}', { status: 401 });
      return { user: { id: 1 }, scopes: ['read'], credential: { kind: 'session', id: 'ann' } } satisfies Caller;
    },
    routes: [
      { path: '/.well-known/oauth-protected-resource', methods: ['GET'], handler: () => Response.json({ resource: 'http://127.0.0.1/mcp' }) },
      { path: '/oauth/*', handler: (request) => Response.json({ path: new URL(request.url).pathname }) },
    ],
    hooks: [
      { onRequest: (request, info) => (request.headers.get('x-flood') ? Response.json({ error: 'slow down', ip: info.remoteAddress }, { status: 429, headers: { 'retry-after': '1' } }) : undefined) },
      { onCaller: (_request, caller) => (caller.credential.id === 'blocked' ? new Response(null, { status: 403 }) : undefined) },
    ],
    toolCallHooks: [
      async (call: ToolCall, run) => {
        const result = await run();
        audit.push(`${call.caller.credential.kind}:${call.caller.credential.id} ${call.tool.name} ${result.isError ? 'error' : 'ok'}`);
        return result;
      },
      async (_call, run) => (allowance-- > 0 ? run() : { content: [{ type: 'text', text: 'rate limited' }], isError: true }),
    ],
  });
});
afterAll(async () => {
  await handler?.close();
  await db?.cleanup();
});

function post(body: unknown, headers: Record<string, string> = {}) {
  return handler.fetch(
    new Request('http://127.0.0.1:3000/mcp', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
      body: JSON.stringify(body),
    }),
    { remoteAddress: '127.0.0.9' },
  );
}
const call = (name: string, args: object = {}) => ({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name, arguments: args } });

describe('createMcpHandler (mounted)', () => {
  it('takes the caller from the app session, and refuses without one', async () => {
    expect((await post(call('count_blog_posts'))).status).toBe(401);
    expect((await post(call('count_blog_posts'), { cookie: 'sid=eve' })).status).toBe(401);
    allowance = 1;
    const ok = await post(call('count_blog_posts'), { cookie: 'theme=dark; sid=ann' });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toMatch(/"count":\d+/);
    // Session scopes apply: read only.
    expect((await post(call('delete_blog_post', { where: { id: 1 } }), { cookie: 'sid=ann' })).status).toBe(403);
  });

  it('runs tool-call hooks around every call: a limiter refuses, the audit hook records both', async () => {
    audit.length = 0;
    allowance = 1;
    expect(await (await post(call('count_blog_posts'), { cookie: 'sid=ann' })).text()).not.toContain('rate limited');
    expect(await (await post(call('count_blog_posts'), { cookie: 'sid=ann' })).text()).toContain('rate limited');
    expect(audit).toEqual(['session:ann count_blog_posts ok', 'session:ann count_blog_posts error']);
  });

  it('refuses from request hooks before authentication, with what the adapter knows', async () => {
    const res = await post(call('count_blog_posts'), { 'x-flood': '1', cookie: 'sid=ann' });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(await res.json()).toEqual({ error: 'slow down', ip: '127.0.0.9' });
  });

  it('takes a body a framework already parsed (express.json()) instead of reading the stream again', async () => {
    allowance = 1;
    const consumed = new Request('http://127.0.0.1:3000/mcp', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', cookie: 'sid=ann' },
      body: '',
    });
    const res = await handler.fetch(consumed, { parsedBody: call('count_blog_posts') });
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/"count":\d+/);
  });

  it('serves extra routes (exact and prefix) without MCP checks, and 404s the rest', async () => {
    const get = (path: string) => handler.fetch(new Request(`http://127.0.0.1:3000${path}`));
    expect(await (await get('/.well-known/oauth-protected-resource')).json()).toEqual({ resource: 'http://127.0.0.1/mcp' });
    expect(await (await get('/oauth/authorize')).json()).toEqual({ path: '/oauth/authorize' });
    expect((await get('/elsewhere')).status).toBe(404);
  });
});
