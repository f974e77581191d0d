/**
 * Issue 12 end to end: the clinic project set up with `init --auth oauth`, generated, served, and
 * connected by the official SDK client's OAuth support, headless (the test follows the sign-in and
 * consent forms): 401 → protected-resource metadata → authorization-server metadata → registration
 * (dynamic, and separately a client ID metadata document over https) → authorize with PKCE →
 * token → tools/list and scoped tool calls → refresh → revoke (both registrations); a replayed
 * refresh token kills the grant; step-up from a 403; per-address limits. SQLite, and PostgreSQL when set.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { auth, UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import type { OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { testDatabases } from '../helpers/databases.js';
import { callTool } from '../helpers/client.js';
import { typecheck } from '../helpers/tsc.js';
import { createClinicProject, type ClinicProject, type CreatedKey } from '../e2e/scoping/project.js';
import { bearer, rawCall, rpc } from '../e2e/scoping/rpc.js';
import { connectWithOAuth, HeadlessProvider, REDIRECT, signInAndConsent } from './headless.js';
import { clickThrough, CHROMIUM, startCallback } from './browser.js';
import { startMetadataHost, type MetadataHost } from './metadata-host.js';

function pkcePair() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

const databases = testDatabases.filter((d) => d.provider === 'sqlite' || d.provider === 'postgresql');

describe.each(databases)('OAuth end to end on $label', (database) => {
  let p: ClinicProject;
  let host: MetadataHost;
  let annKey: CreatedKey;
  let cimdClientId: string;
  const clients: Client[] = [];

  beforeAll(async () => {
    host = await startMetadataHost();
    cimdClientId = host.publish('/clients/cimd.json', (id) => ({ client_id: id, client_name: 'Metadata document client', redirect_uris: [REDIRECT], token_endpoint_auth_method: 'none' }));
    p = await createClinicProject(database, 'full', { auth: 'oauth', serverEnv: { NODE_EXTRA_CA_CERTS: host.caFile } });
    annKey = await p.createKey('ann@example.com', ['--scopes', 'read,write']);
  }, 240_000);

  afterAll(async () => {
    await Promise.allSettled(clients.map((c) => c.close()));
    await p?.close();
    await host?.close();
  });

  const refreshWith = (clientId: string, refreshToken: string) =>
    fetch(`${new URL(p.server.url).origin}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: clientId }).toString(),
    });

  /** The SDK's own OAuth flow as Ann (closed after the suite). */
  async function connectAsAnn(provider: HeadlessProvider, allow?: string[]): Promise<{ client: Client; back: URL }> {
    const connected = await connectWithOAuth(p.server.url, provider, annKey.key, allow);
    clients.push(connected.client);
    return connected;
  }

  it('init --auth oauth added the OAuth models and login.ts; the project type-checks', async () => {
    expect(p.initOutput).toMatch(/added the OAuth models/);
    expect(await fs.readFile(path.join(p.dir, 'prisma/schema.prisma'), 'utf8')).toMatch(/model McpOAuthToken \{/);
    expect(await fs.readFile(path.join(p.dir, 'src/mcp/login.ts'), 'utf8')).toMatch(/export async function authenticate/);
    const r = await typecheck(p.dir, 'ts7');
    expect(r.output).toBe('');
  });

  it('without a token: 401 naming the protected-resource metadata, which names this server as issuer', async () => {
    const res = await rpc(p.server.url, 'tools/list', {});
    expect(res.status).toBe(401);
    const origin = new URL(p.server.url).origin;
    expect(res.headers.get('www-authenticate')).toBe(`Bearer resource_metadata="${origin}/.well-known/oauth-protected-resource/mcp", scope="read write"`);
    const prm = (await (await fetch(`${origin}/.well-known/oauth-protected-resource/mcp`)).json()) as Record<string, unknown>;
    expect(prm).toMatchObject({ resource: `${origin}/mcp`, authorization_servers: [origin] });
    // The resource is named as the server introduces itself (issue 29): its title.
    const { serverInfo } = (await import(path.join(p.dir, 'src/mcp/generated/server-info.ts'))) as { serverInfo: { title: string } };
    expect(serverInfo.title).toBeTruthy();
    expect(prm['resource_name']).toBe(serverInfo.title);
    const as = (await (await fetch(`${origin}/.well-known/oauth-authorization-server`)).json()) as Record<string, unknown>;
    expect(as).toMatchObject({ issuer: origin, code_challenge_methods_supported: ['S256'], client_id_metadata_document_supported: true });
  });

  it('dynamic registration → read-only consent → tools/list and scoped reads; write refused 403 → refresh → revoke', async () => {
    const provider = new HeadlessProvider();
    const { client, back } = await connectAsAnn(provider, ['read']);
    const origin = new URL(p.server.url).origin;
    expect(back.searchParams.get('iss')).toBe(origin);
    expect(provider.info?.client_id).toMatch(/^mcpc_/);
    expect(provider.saved?.scope).toBe('read');

    const { tools } = await client.listTools();
    // A read-only caller is not offered write tools at all.
    expect(tools.map((t) => t.name)).toEqual(expect.arrayContaining(['list_notes', 'get_user_info']));
    expect(tools.map((t) => t.name)).not.toContain('create_note');
    const me = await callTool(client, 'get_user_info');
    expect(me.structured).toMatchObject({ email: 'ann@example.com' });
    const notes = await callTool(client, 'list_notes', { take: 10, select: ['id', 'authorId'] });
    const items = (notes.structured as { items: { authorId: number }[] }).items;
    expect(items.length).toBe(3);
    expect(new Set(items.map((n) => n.authorId))).toEqual(new Set([1]));

    const before = await p.sql.rows('Note');
    const write = await rawCall(p.server.url, provider.saved!.access_token, 'create_note', { data: { title: 'not allowed' } });
    expect(write.status).toBe(403);
    // Step-up (MCP): the scopes held plus the missing one, and where to start a new authorization.
    expect(write.headers.get('www-authenticate')).toBe(`Bearer error="insufficient_scope", scope="read write", resource_metadata="${origin}/.well-known/oauth-protected-resource/mcp"`);
    expect(await p.sql.rows('Note')).toEqual(before);

    const oldAccess = provider.saved!.access_token;
    const oldRefresh = provider.saved!.refresh_token!;
    expect(await auth(provider, { serverUrl: new URL(p.server.url) })).toBe('AUTHORIZED');
    expect(provider.saved!.refresh_token).not.toBe(oldRefresh);
    expect((await rpc(p.server.url, 'tools/list', {}, bearer(provider.saved!.access_token))).status).toBe(200);

    const revoked = await fetch(`${origin}/oauth/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: provider.saved!.refresh_token!, client_id: provider.info!.client_id }).toString(),
    });
    expect(revoked.status).toBe(200);
    for (const token of [oldAccess, provider.saved!.access_token]) {
      const res = await rpc(p.server.url, 'tools/list', {}, bearer(token));
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
    }
  });

  // In a real browser (Debian's Chromium through playwright-core): the flow completes by clicking,
  // unticking `write` takes effect, and each page is kept as a screenshot (.scratch/artifacts/oauth/).
  it.skipIf(!CHROMIUM || database.provider !== 'sqlite')('sign-in and consent pages in Chromium: narrowing a scope takes effect', async () => {
    const origin = new URL(p.server.url).origin;
    const registered = await fetch(`${origin}/oauth/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ client_name: 'Browser client', redirect_uris: [REDIRECT] }) });
    const clientId = ((await registered.json()) as { client_id: string }).client_id;
    const { verifier, challenge } = pkcePair();
    const callback = await startCallback();
    const authorize = `${origin}/oauth/authorize?${new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: callback.url, code_challenge: challenge, code_challenge_method: 'S256', scope: 'read write', state: 'browser-1', resource: `${origin}/mcp` })}`;
    const back = await clickThrough(authorize, annKey.key, callback.received, { untick: ['write'], shots: 'oauth' }).finally(() => callback.close());
    expect(back.searchParams.get('state')).toBe('browser-1');
    const token = await fetch(`${origin}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: back.searchParams.get('code')!, code_verifier: verifier, client_id: clientId, redirect_uri: callback.url }).toString(),
    });
    const tokens = (await token.json()) as { access_token: string; scope: string };
    expect(tokens.scope).toBe('read');
    expect((await rawCall(p.server.url, tokens.access_token, 'count_notes', {})).status).toBe(200);
    expect((await rawCall(p.server.url, tokens.access_token, 'create_note', { data: { title: 'x' } })).status).toBe(403);
  });

  it('client ID metadata document over https → read and write → a scoped write lands as the signed-in user', async () => {
    const provider = new HeadlessProvider(cimdClientId);
    const { client } = await connectAsAnn(provider);
    expect(provider.info?.client_id).toBe(cimdClientId);
    expect(provider.saved?.scope).toBe('read write');
    const created = await callTool(client, 'create_note', { data: { title: 'via OAuth' } });
    expect(created.isError, created.text).toBe(false);
    const rows = (await p.sql.rows('Note')).filter((n) => n.title === 'via OAuth');
    expect(rows.map((n) => Number(n.authorId))).toEqual([1]);
    // Out of scope for Ann: Bob's note 4 stays Bob's and unchanged.
    const before = await p.sql.rows('Note');
    const theirs = await callTool(client, 'update_note', { where: { id: 4 }, data: { title: 'hijacked' } });
    expect(theirs.isError).toBe(true);
    expect(await p.sql.rows('Note')).toEqual(before);

    const listed = JSON.parse((await p.cli(['oauth', 'clients', '--json'])).stdout) as { id: string; kind: string; grants: { userId: string; scopes: string }[] }[];
    const row = listed.find((c) => c.id === cimdClientId);
    expect(row).toMatchObject({ kind: 'metadata-document', grants: [{ userId: '1', scopes: 'read write' }] });
    const stored = JSON.stringify(await Promise.all(['McpOAuthClient', 'McpOAuthGrant', 'McpOAuthToken'].map((t) => p.sql.rows(t))));
    expect(stored).not.toContain(provider.saved!.access_token);
    expect(stored).not.toContain(provider.saved!.refresh_token!);

    // Refresh: a new pair, the new access token works.
    const oldRefresh = provider.saved!.refresh_token!;
    expect(await auth(provider, { serverUrl: new URL(p.server.url) })).toBe('AUTHORIZED');
    expect(provider.saved!.refresh_token).not.toBe(oldRefresh);
    expect(provider.info?.client_id).toBe(cimdClientId);
    expect((await rpc(p.server.url, 'tools/list', {}, bearer(provider.saved!.access_token))).status).toBe(200);

    const out = (await p.cli(['oauth', 'revoke', cimdClientId])).stdout;
    expect(out).toMatch(/revoked client Metadata document client/);
    expect((await rpc(p.server.url, 'tools/list', {}, bearer(provider.saved!.access_token))).status).toBe(401);
    const refused = await refreshWith(cimdClientId, provider.saved!.refresh_token!);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: 'invalid_client' });
    expect(p.server.output()).not.toContain(provider.saved!.access_token);
    expect(p.server.output()).not.toContain(annKey.key);
  });
  it('a refresh token presented again after rotation is refused, and the whole grant is dead', async () => {
    const provider = new HeadlessProvider();
    await connectAsAnn(provider);
    const first = { ...provider.saved! };
    expect(await auth(provider, { serverUrl: new URL(p.server.url) })).toBe('AUTHORIZED');
    const second = provider.saved!;
    expect((await rpc(p.server.url, 'tools/list', {}, bearer(second.access_token))).status).toBe(200);

    const grantsBefore = await p.sql.rows('McpOAuthGrant');
    const replay = await refreshWith(provider.info!.client_id, first.refresh_token!);
    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({ error: 'invalid_grant', error_description: expect.stringMatching(/already used; the grant is revoked/) });
    // Only the grant's revocation time changed.
    const grantsAfter = await p.sql.rows('McpOAuthGrant');
    const changed = grantsAfter.filter((g, i) => JSON.stringify(g) !== JSON.stringify(grantsBefore[i]));
    expect(changed).toHaveLength(1);
    expect(changed[0]!.revokedAt).not.toBeNull();
    expect(grantsAfter).toHaveLength(grantsBefore.length);
    // The legitimate holder's newer tokens die with it.
    expect((await rpc(p.server.url, 'tools/list', {}, bearer(second.access_token))).status).toBe(401);
    const next = await refreshWith(provider.info!.client_id, second.refresh_token!);
    expect(next.status).toBe(400);
    expect(await next.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('step-up with the SDK client: a read-only grant calling a write tool is sent to authorize again for read and write', async () => {
    // A client that keeps no refresh token: the SDK then answers the 403 by asking the user again.
    const provider = new (class extends HeadlessProvider {
      override saveTokens(tokens: OAuthTokens) {
        const { refresh_token: _, ...rest } = tokens;
        this.saved = rest;
      }
    })();
    const url = new URL(p.server.url);
    await expect(new Client({ name: 'step-up', version: '0.0.0' }).connect(new StreamableHTTPClientTransport(url, { authProvider: provider }))).rejects.toBeInstanceOf(UnauthorizedError);
    const transport = new StreamableHTTPClientTransport(url, { authProvider: provider });
    await transport.finishAuth((await signInAndConsent(provider.authorizationUrl!, annKey.key, ['read'])).searchParams.get('code')!);
    const client = new Client({ name: 'step-up', version: '0.0.0' });
    await client.connect(transport);
    clients.push(client);
    expect(provider.saved?.scope).toBe('read');

    const before = await p.sql.rows('Note');
    provider.authorizationUrl = undefined;
    await expect(client.callTool({ name: 'create_note', arguments: { data: { title: 'after step-up' } } })).rejects.toBeInstanceOf(UnauthorizedError);
    expect(await p.sql.rows('Note')).toEqual(before);
    const asked = provider.authorizationUrl as URL | undefined;
    expect(asked?.searchParams.get('scope')).toBe('read write');

    await transport.finishAuth((await signInAndConsent(asked!, annKey.key)).searchParams.get('code')!);
    expect(provider.saved?.scope).toBe('read write');
    const created = await callTool(client, 'create_note', { data: { title: 'after step-up' } });
    expect(created.isError, created.text).toBe(false);
    expect((await p.sql.rows('Note')).filter((n) => n.title === 'after step-up').map((n) => Number(n.authorId))).toEqual([1]);
  });

  // Last: it spends this address's registration budget (on by default, even without \`limits\`).
  it('registration is limited per address: 429 with Retry-After, nothing written', async () => {
    const origin = new URL(p.server.url).origin;
    const register = () => fetch(`${origin}/oauth/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ client_name: 'Flood', redirect_uris: [REDIRECT] }) });
    let answer = await register();
    for (let i = 0; i < 20 && answer.status === 201; i++) answer = await register();
    expect(answer.status).toBe(429);
    expect(Number(answer.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const clientsBefore = await p.sql.rows('McpOAuthClient');
    expect((await register()).status).toBe(429);
    expect(await p.sql.rows('McpOAuthClient')).toEqual(clientsBefore);
  });
});
