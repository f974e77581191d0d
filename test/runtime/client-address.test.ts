// X-Forwarded-For is believed only as far as the listed proxies: the client is the right-most hop
// that is not one of them, and a client that connects directly cannot name another address.
import { describe, expect, it } from 'vitest';
import { clientAddress } from '../../templates/runtime/http/client-address.js';
import { createHandler } from '../../templates/runtime/http/handler.js';
import { createOps } from '../../templates/runtime/ops/hooks.js';
import { memoryStore } from '../../templates/runtime/ops/rate-store.js';
import { createToolServer, toolAccessMap } from '../../templates/runtime/mcp/server.js';

describe('clientAddress', () => {
  it('without trusted proxies: the peer, whatever X-Forwarded-For says', () => {
    expect(clientAddress([])('203.0.113.9', '1.2.3.4')).toBe('203.0.113.9');
  });

  it('behind listed proxies: the right-most hop that is not one of them', () => {
    const resolve = clientAddress(['10.0.0.0/8', '127.0.0.1']);
    expect(resolve('10.1.1.1', '198.51.100.7')).toBe('198.51.100.7');
    // A client-written hop on the left cannot win: the proxy appended the real one.
    expect(resolve('10.1.1.1', '6.6.6.6, 198.51.100.7')).toBe('198.51.100.7');
    // Two proxies: the inner one's hop is skipped.
    expect(resolve('127.0.0.1', '198.51.100.7, 10.2.2.2')).toBe('198.51.100.7');
    // Dual-stack and port forms.
    expect(resolve('::ffff:10.1.1.1', '198.51.100.7:4711')).toBe('198.51.100.7');
    expect(resolve('10.1.1.1', '[2001:db8::1]:443')).toBe('2001:db8::1');
  });

  it('a peer that is not a listed proxy is the client, even if it sends X-Forwarded-For', () => {
    expect(clientAddress(['10.0.0.0/8'])('203.0.113.9', '10.1.1.1')).toBe('203.0.113.9');
  });

  it('garbage, or no header, falls back to the peer; only proxies in the chain: the left-most', () => {
    const resolve = clientAddress(['10.0.0.0/8']);
    expect(resolve('10.1.1.1', null)).toBe('10.1.1.1');
    expect(resolve('10.1.1.1', 'unknown, 198.51.100.7')).toBe('198.51.100.7');
    expect(resolve('10.1.1.1', '198.51.100.7, nonsense')).toBe('10.1.1.1');
    expect(resolve('10.1.1.1', '10.3.3.3, 10.2.2.2')).toBe('10.3.3.3');
  });

  it('"*" trusts whichever peer connects (even an unknown one, under Next) for its own hop only', () => {
    const resolve = clientAddress(['*']);
    expect(resolve(undefined, '6.6.6.6, 198.51.100.7')).toBe('198.51.100.7');
    expect(resolve('172.16.0.5', '198.51.100.7')).toBe('198.51.100.7');
    expect(clientAddress(['10.0.0.0/8'])(undefined, '198.51.100.7')).toBeUndefined();
  });

  it('refuses entries that are not addresses or ranges, naming them', () => {
    expect(() => clientAddress(['10.0.0.0/33'])).toThrow(/"10\.0\.0\.0\/33" .*not an IP address or CIDR range/);
    expect(() => clientAddress(['proxy.internal'])).toThrow(/"proxy\.internal"/);
  });
});

describe('the handler behind a trusted proxy', () => {
  it("auth: 'none' refuses a remote client that a local proxy forwards, and serves a local one", async () => {
    const handler = createHandler({ tools: toolAccessMap([]), server: createToolServer({ name: 't', version: '0', tools: [], models: {}, prisma: null }), trustedProxies: ['127.0.0.1'], log: () => {} });
    const post = (xff: string) => handler.fetch(new Request('http://127.0.0.1/mcp', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'x-forwarded-for': xff },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} }),
    }), { remoteAddress: '127.0.0.1' });
    expect((await post('198.51.100.7')).status).toBe(403);
    expect((await post('127.0.0.1')).status).toBe(200);
    await handler.close();
  });

  it('per-address limits count each forwarded client on its own, not the proxy', async () => {
    const ops = createOps([], { limits: { perIp: { limit: 2, per: 'minute' }, store: memoryStore() }, audit: false, tracing: false });
    const handler = createHandler({ tools: toolAccessMap([]), hooks: [ops], server: createToolServer({ name: 't', version: '0', tools: [], models: {}, prisma: null }), trustedProxies: ['10.0.0.0/8'], log: () => {} });
    const post = (xff: string) => handler.fetch(new Request('http://127.0.0.1/mcp', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'x-forwarded-for': xff },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} }),
    }), { remoteAddress: '10.0.0.2' });
    // auth: 'none' serves loopback only, so the clients here are refused with 403 once past the limit check.
    const statuses = async (xff: string, n: number) => Promise.all(Array.from({ length: n }, () => post(xff).then((r) => r.status)));
    expect(await statuses('198.51.100.7', 3)).toEqual([403, 403, 429]);
    expect(await statuses('198.51.100.8', 2)).toEqual([403, 403]);
    // A client that forges a left-most hop still draws from its own bucket.
    expect((await post('1.1.1.1, 198.51.100.7')).status).toBe(429);
    await handler.close();
    await ops.close();
  });
});
