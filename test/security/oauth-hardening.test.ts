/**
 * Issue 20 on the real generated server (the clinic project, `init --auth oauth`, API keys and the
 * built-in authorization server): rebinding hosts and origins on every route, grants that end with
 * their API key and at their lifetime, single-use consent forms, cross-site form posts, guessing
 * one key from many addresses, IPv4-embedding IPv6 metadata-document URLs, malformed input.
 */
import fs from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../helpers/databases.js';
import { createClinicProject, type ClinicProject, type CreatedKey } from '../e2e/scoping/project.js';
import { bearer, rpc } from '../e2e/scoping/rpc.js';
import { tsx } from '../e2e/cli.js';
import { typecheck } from '../helpers/tsc.js';
import { REDIRECT } from '../oauth/headless.js';
import { allow, consentForm, openSignIn, postForm, refreshWith, register, tokensFor } from './oauth-flow.js';
import { MCP_HEADERS, rawRequest } from './raw-http.js';

const sqlite = testDatabases.find((d) => d.provider === 'sqlite')!;
let p: ClinicProject;
let origin: string;
let port: string;
let ann: CreatedKey;

beforeAll(async () => {
  // Behind a trusted proxy on loopback, X-Forwarded-For names the client: the tests play many addresses.
  p = await createClinicProject(sqlite, 'full', {
    auth: 'oauth',
    oauthConfig: "{ server: 'built-in', app: { name: 'Clinic' } }",
    serverEnv: { MCP_TRUSTED_PROXIES: '127.0.0.1' },
    // Lint rules push people to drop the unused ctx: the generated code must still type-check.
    afterInit: (dir) => fs.writeFile(path.join(dir, 'src/mcp/login.ts'), 'export async function authenticate(request: Request): Promise<string | null> {\n  void request;\n  return null;\n}\n'),
  });
  origin = new URL(p.server.url).origin;
  port = new URL(p.server.url).port;
  ann = await p.createKey('ann@example.com', ['--scopes', 'read,write']);
  await fs.writeFile(
    path.join(p.dir, 'age-grant.ts'),
    "import { prisma } from './src/mcp/db.js';\n" +
      'await prisma.mcpOAuthGrant.update({ where: { id: process.env.GRANT_ID! }, data: { createdAt: new Date(Date.now() - Number(process.env.DAYS) * 86_400_000) } });\n' +
      'await prisma.$disconnect();\n',
  );
}, 240_000);

afterAll(async () => {
  await p?.close();
});

const listTools = (token: string) => rpc(p.server.url, 'tools/list', {}, bearer(token));
const grantsOf = async (clientId: string) => {
  const listed = JSON.parse((await p.cli(['oauth', 'clients', '--json'])).stdout) as { id: string; grants: { id: string; source: Record<string, unknown> }[] }[];
  return listed.find((c) => c.id === clientId)?.grants ?? [];
};

it.each(['ts5', 'ts7'] as const)('a login.ts whose authenticate declares only `request` type-checks with %s', async (compiler) => {
  const r = await typecheck(p.dir, compiler);
  expect(r.output).toBe('');
  expect(r.ok).toBe(true);
});

describe('DNS rebinding with keys and OAuth: every route refuses a foreign or malformed Host with 4xx', () => {
  const routes: [string, string, Record<string, string>, string?][] = [
    ['POST', '/mcp', MCP_HEADERS, JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} })],
    ['GET', '/.well-known/oauth-protected-resource/mcp', {}],
    ['GET', '/.well-known/oauth-protected-resource', {}],
    ['GET', '/.well-known/oauth-authorization-server', {}],
    ['GET', '/oauth/authorize?client_id=x', {}],
    ['POST', '/oauth/token', { 'content-type': 'application/x-www-form-urlencoded' }, 'grant_type=refresh_token&refresh_token=x&client_id=x'],
    ['POST', '/oauth/register', { 'content-type': 'application/json' }, JSON.stringify({ client_name: 'x', redirect_uris: [REDIRECT] })],
  ];
  it.each(routes.flatMap(([method, route, headers, body]) => ['127.evil.example', '127.0.0.1.evil.example', 'evil.example', 'a b'].map((host) => [method, route, host, headers, body] as const)))(
    '%s %s with Host %s: 403',
    async (method, route, host, headers, body) => {
      const res = await rawRequest(p.server.url, { method, path: route, headers: { ...headers, ...bearer(ann.key), host: `${host}:${port}` }, ...(body ? { body } : {}) });
      expect(res.status).toBe(403);
      expect(res.body).toMatch(/Host header not allowed/);
    },
  );

  it('a rebound Origin on /mcp is refused even with a valid key; loopback is served', async () => {
    const call = (origin_: string) => rawRequest(p.server.url, { method: 'POST', path: '/mcp', headers: { ...MCP_HEADERS, ...bearer(ann.key), origin: origin_ }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} }) });
    expect((await call(`http://127.0.0.1.evil.example:${port}`)).status).toBe(403);
    expect((await call(`http://127.evil.example:${port}`)).status).toBe(403);
    expect((await call(`http://127.0.0.1:${port}`)).status).toBe(200);
  });

  it('unauthenticated malformed input answers 4xx, not 500', async () => {
    const bad = await rawRequest(p.server.url, { method: 'POST', path: '/mcp/%E0%A4%A', headers: MCP_HEADERS, body: '{}' });
    expect(bad.status).toBe(404);
  });
});

describe('a grant ends with the API key it was signed in with, and at its lifetime', () => {
  it('revoked key → its grant’s access and refresh tokens are refused; oauth clients shows the key', async () => {
    const key = await p.createKey('ann@example.com', ['--scopes', 'read,write', '--name', 'doomed']);
    const t = await tokensFor(origin, key.key);
    expect((await listTools(t.access)).status).toBe(200);
    expect(await grantsOf(t.clientId)).toMatchObject([{ source: { kind: 'api-key', keyId: key.id, prefix: key.prefix, name: 'doomed' } }]);
    await p.cli(['keys', 'revoke', key.prefix]);
    expect((await listTools(t.access)).status).toBe(401);
    const refused = await refreshWith(origin, t.clientId, t.refresh);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: 'invalid_grant', error_description: expect.stringMatching(/revoked/) });
  });

  it('expired key → the same', async () => {
    const key = await p.createKey('ann@example.com', ['--scopes', 'read']);
    const t = await tokensFor(origin, key.key);
    expect((await listTools(t.access)).status).toBe(200);
    await p.expireKey(key.id);
    expect((await listTools(t.access)).status).toBe(401);
    const refused = await refreshWith(origin, t.clientId, t.refresh);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: 'invalid_grant', error_description: expect.stringMatching(/expired/) });
  });

  it('a grant past its absolute lifetime (90 days by default) → refused; refreshing never extends it', async () => {
    const t = await tokensFor(origin, ann.key);
    const [grant] = await grantsOf(t.clientId);
    await tsx('age-grant.ts', p.dir, { ...p.env, GRANT_ID: grant!.id, DAYS: '89.995' });
    // Refreshing near the end: the new tokens end with the grant, not 30 days later.
    const near = await refreshWith(origin, t.clientId, t.refresh);
    const fresh = (await near.json()) as { access_token: string; refresh_token: string; expires_in: number };
    expect(near.status).toBe(200);
    // 0.005 days (432 s) are left: the access token gets no more, and its refresh token no more either.
    expect(fresh.expires_in).toBeLessThanOrEqual(432);
    await tsx('age-grant.ts', p.dir, { ...p.env, GRANT_ID: grant!.id, DAYS: '91' });
    expect((await listTools(fresh.access_token)).status).toBe(401);
    const refused = await refreshWith(origin, t.clientId, fresh.refresh_token);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: 'invalid_grant', error_description: expect.stringMatching(/lifetime/) });
  });
});

describe('consent and sign-in forms', () => {
  it('a consent form answers once: the replay gets no second code', async () => {
    const clientId = await register(origin);
    const consent = await consentForm(origin, clientId, ann.key);
    const first = await postForm(origin, consent.form, consent.cookie, allow(consent.form));
    expect(first.status).toBe(302);
    expect(new URL(first.headers.get('location')!).searchParams.get('code')).toMatch(/^mcpo_c_/);
    const replay = await postForm(origin, consent.form, consent.cookie, allow(consent.form));
    expect(replay.status).toBe(409);
    expect(replay.headers.get('location')).toBeNull();
    expect(await replay.text()).toMatch(/already answered/);
    expect(await grantsOf(clientId)).toHaveLength(1);
  });

  it('cross-site consent and sign-in posts are refused; the sealed form does not reveal the CSRF value', async () => {
    const clientId = await register(origin);
    const consent = await consentForm(origin, clientId, ann.key);
    for (const headers of [{ origin: 'https://evil.example' }, { 'sec-fetch-site': 'cross-site' }, { origin: 'null' }] as Record<string, string>[]) {
      const res = await postForm(origin, consent.form, consent.cookie, allow(consent.form), headers);
      expect(res.status).toBe(403);
      expect(res.headers.get('location')).toBeNull();
    }
    const signIn = await openSignIn(origin, clientId);
    expect((await postForm(origin, signIn.form, signIn.cookie, [['api_key', ann.key]], { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    const csrf = signIn.cookie.split('=')[1]!;
    const sealed = signIn.form.fields.find(([k]) => k === 'request')![1];
    expect(Buffer.from(sealed, 'base64url').toString('latin1')).not.toContain(csrf);
    expect(Buffer.from(sealed.split('.')[0]!, 'base64url').toString('latin1')).not.toContain(csrf);
    // The same-origin post still works (the refused ones spent nothing).
    const ok = await postForm(origin, consent.form, consent.cookie, allow(consent.form), { origin, 'sec-fetch-site': 'same-origin' });
    expect(ok.status).toBe(302);
  });

  it('100 wrong keys from 100 addresses are limited per key prefix', async () => {
    const clientId = await register(origin);
    const signIn = await openSignIn(origin, clientId);
    const prefix = ann.key.split('_')[1]!;
    const statuses: number[] = [];
    for (let i = 0; i < 100; i++) {
      const guess = `mcpk_${prefix}_${Buffer.alloc(32, i).toString('base64url')}`;
      const res = await postForm(origin, signIn.form, signIn.cookie, [['api_key', guess]], { 'x-forwarded-for': `198.51.100.${i + 1}` });
      statuses.push(res.status);
      await res.body?.cancel();
    }
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(10);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(90);
  });
});

describe('client ID metadata documents on IPv4-embedding IPv6 addresses', () => {
  let listener: Server;
  let connections = 0;
  beforeAll(async () => {
    listener = createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => listener.listen(0, '::', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => listener.close(() => resolve())));

  it.each(['[::ffff:127.0.0.1]', '[::ffff:0:127.0.0.1]', '[::127.0.0.1]', '[0:0:0:0:0:ffff:7f00:1]', '[::ffff:7f00:1]', '[::1]', '[64:ff9b::7f00:1]'])('https://%s:… is refused before any connection', async (host) => {
    const { port: lp } = listener.address() as { port: number };
    const clientId = `https://${host}:${lp}/client.json`;
    const query = new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: REDIRECT, code_challenge: 'x'.repeat(43), code_challenge_method: 'S256' });
    const res = await fetch(`${origin}/oauth/authorize?${query}`);
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/private or loopback address/);
    expect(connections).toBe(0);
  });
});
