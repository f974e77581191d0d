// The Next.js adapter (runtime/adapters/next.ts) in front of the real web handler: Next.js hands
// route handlers a URL built from its own listen address, so the adapter rebuilds it from the Host
// the client sent (OAuth URLs are named after it); only the handler's root routes are served.
import { describe, expect, it } from 'vitest';
import { nextMcp, nextMcpRoutes } from '../../templates/runtime/adapters/next.js';
import { createHandler, type McpHandler } from '../../templates/runtime/http/handler.js';
import { createToolServer, toolAccessMap } from '../../templates/runtime/mcp/server.js';

const PRM = '/.well-known/oauth-protected-resource';

// A root route that answers with what it was handed: the URL, the method and the body.
const echo = async (request: Request) => Response.json({ url: request.url, method: request.method, body: await request.text() });

function handler(): McpHandler {
  return createHandler({
    log: () => {},
    tools: toolAccessMap([]),
    routes: [{ path: PRM, handler: echo }, { path: '/oauth/*', handler: echo }],
    server: createToolServer({ name: 'next', version: '0', tools: [], models: {}, prisma: null }),
  });
}

// As Next.js gives it: http://localhost:<its port>, whatever the client connected to.
const fromNext = (path: string, host: string | undefined, init: RequestInit = {}) =>
  new Request(`http://localhost:3000${path}`, { ...init, headers: { ...(host ? { host } : {}), ...(init.headers as Record<string, string>) } });

describe('next adapter', () => {
  it('rebuilds the request URL from the Host header, keeping path, query, method and body', async () => {
    const routes = nextMcpRoutes(handler());
    const got = await (await routes(fromNext('/oauth/token?x=1', '127.0.0.1:4123', { method: 'POST', body: 'grant_type=refresh_token' }))).json();
    expect(got).toEqual({ url: 'http://127.0.0.1:4123/oauth/token?x=1', method: 'POST', body: 'grant_type=refresh_token' });
  });

  it('leaves the URL as Next.js gave it without a Host, or with one that is not a host name', async () => {
    const routes = nextMcpRoutes(handler());
    expect((await (await routes(fromNext(PRM, undefined))).json()).url).toBe(`http://localhost:3000${PRM}`);
    // A Host that is not a host name: the adapter hands the request on as it is (seen by a handler
    // that records it), and the real handler's Host check (before every route) refuses it.
    const seen: string[] = [];
    const recording: McpHandler = {
      routePaths: [PRM],
      fetch: async (request) => (seen.push(request.url), new Response(null, { status: 204 })),
      close: async () => {},
    };
    await nextMcpRoutes(recording)(fromNext(PRM, 'evil.example/elsewhere'));
    expect(seen).toEqual([`http://localhost:3000${PRM}`]);
    const refused = await routes(fromNext(PRM, 'evil.example/elsewhere'));
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('Host header not allowed');
  });

  it('serves only the handler’s root routes: any other path gets an empty 404', async () => {
    const routes = nextMcpRoutes(handler());
    for (const path of [`${PRM}/elsewhere`, '/.well-known/oauth-authorization-server', '/mcp']) {
      const res = await routes(fromNext(path, '127.0.0.1:4123'));
      expect(res.status, path).toBe(404);
      expect(await res.text(), path).toBe('');
    }
  });

  it('a lazy handler: built on the first request, once for both route handlers', async () => {
    let built = 0;
    let cached: Promise<McpHandler> | undefined;
    const lazy = () => (cached ??= (built++, Promise.resolve(handler())));
    const mcp = nextMcp(lazy);
    const routes = nextMcpRoutes(lazy);
    expect(built).toBe(0);
    expect((await routes(fromNext(PRM, '127.0.0.1:4123'))).status).toBe(200);
    // The MCP path through the real handler: no credentials configured, a GET is refused as such.
    expect((await mcp(fromNext('/mcp', '127.0.0.1:4123'))).status).toBe(405);
    expect(built).toBe(1);
  });
});
