/**
 * A handler without authentication (`auth: 'none'`) mounted in an app that listens publicly: it
 * serves callers on this machine only, judged by the peer address the mount hands over.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createHandler } from '../../templates/runtime/http/handler.js';
import { createToolServer, toolAccessMap } from '../../templates/runtime/mcp/server.js';

const handler = createHandler({ tools: toolAccessMap([]), server: createToolServer({ name: 't', version: '0', tools: [], models: {}, prisma: null }) });
afterAll(() => handler.close());

const toolsList = () =>
  new Request('http://127.0.0.1:3000/mcp', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2025-11-25' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} }),
  });

describe("auth: 'none' behind a mount", () => {
  it.each(['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1', undefined])('serves a caller at %s', async (remoteAddress) => {
    const res = await handler.fetch(toolsList(), remoteAddress === undefined ? {} : { remoteAddress });
    expect(res.status).toBe(200);
  });

  it.each(['203.0.113.5', '::ffff:203.0.113.5', '2001:db8::1', '10.0.0.2'])('refuses a caller at %s (403)', async (remoteAddress) => {
    const res = await handler.fetch(toolsList(), { remoteAddress });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { message: expect.stringMatching(/auth: 'none'/) } });
  });
});
