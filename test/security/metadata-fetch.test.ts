/**
 * Issue 20, finding 3 on the real generated server: a client ID metadata document that trickles one
 * byte at a time (from a local https server with its own CA, trusted through NODE_EXTRA_CA_CERTS)
 * holds an authorization request no longer than the fetch deadline (5 s by default, body
 * included), a browser that goes away takes its fetch with it, and no upstream connection stays open.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../helpers/databases.js';
import { createClinicProject, type ClinicProject } from '../e2e/scoping/project.js';
import { REDIRECT } from '../oauth/headless.js';
import { startTrickleHost, type TrickleHost } from './trickle-host.js';

const sqlite = testDatabases.find((d) => d.provider === 'sqlite')!;
let p: ClinicProject;
let host: TrickleHost;
let origin: string;
let n = 0;

beforeAll(async () => {
  host = await startTrickleHost();
  p = await createClinicProject(sqlite, 'full', { auth: 'oauth', serverEnv: { NODE_EXTRA_CA_CERTS: host.caFile } });
  origin = new URL(p.server.url).origin;
  // Warm up the authorize path (lazy imports, the database connection) so the timing below is the fetch's.
  await (await fetch(`${origin}/oauth/authorize?client_id=warm-up`)).text();
}, 240_000);

afterAll(async () => {
  await p?.close();
  await host?.close();
});

const authorizeUrl = () => {
  const query = new URLSearchParams({ response_type: 'code', client_id: `${host.origin}/clients/${++n}.json`, redirect_uri: REDIRECT, code_challenge: 'x'.repeat(43), code_challenge_method: 'S256' });
  return `${origin}/oauth/authorize?${query}`;
};

const settle = async (until: () => boolean, ms: number) => {
  for (const end = Date.now() + ms; Date.now() < end && !until(); ) await new Promise((r) => setTimeout(r, 50));
};

describe('client ID metadata document fetches', () => {
  it('a trickling document ends the authorize request within the deadline; no upstream connection is left open', async () => {
    const started = Date.now();
    const res = await fetch(authorizeUrl());
    const took = Date.now() - started;
    const page = await res.text();
    expect(res.status).toBe(400);
    expect(page).toMatch(/no complete answer within 5000 ms/);
    // The 5 s deadline plus a margin for a loaded machine; without it the document (4000 bytes at
    // one per 400 ms, never idle for 5 s) would hold the request for about 27 minutes.
    expect(took).toBeGreaterThanOrEqual(4_900);
    expect(took).toBeLessThan(8_000);
    expect(host.accepted()).toBe(1);
    await settle(() => host.open() === 0, 2_000);
    expect(host.open()).toBe(0);
  });

  it('browsers that go away take their fetches with them, long before the deadline', async () => {
    const before = host.accepted();
    const aborts = Array.from({ length: 4 }, () => new AbortController());
    const requests = aborts.map((a) => fetch(authorizeUrl(), { signal: a.signal }).catch(() => undefined));
    await settle(() => host.accepted() - before === 4, 3_000);
    expect(host.accepted() - before).toBe(4);
    const abandoned = Date.now();
    for (const a of aborts) a.abort();
    await Promise.all(requests);
    await settle(() => host.open() === 0, 3_000);
    expect(host.open()).toBe(0);
    expect(Date.now() - abandoned).toBeLessThan(2_500);
  });

  it('errors name no network detail', async () => {
    const query = new URLSearchParams({ response_type: 'code', client_id: 'https://no-such-host.invalid/client.json', redirect_uri: REDIRECT, code_challenge: 'x'.repeat(43), code_challenge_method: 'S256' });
    const page = await (await fetch(`${origin}/oauth/authorize?${query}`)).text();
    expect(page).toMatch(/could not be (fetched|resolved)/);
    expect(page).not.toMatch(/ENOTFOUND|EAI_AGAIN|getaddrinfo|no-such-host/);
  });
});
