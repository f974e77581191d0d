// The built-in server's verifier next to the API key verifier inside the real web handler, over
// real HTTP and SQLite: each verifier judges only its own kind of token, so their order does not
// matter; and a 403 insufficient_scope names the protected-resource metadata for step-up.
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeyVerifier } from '../../templates/runtime/auth/keys/verifier.js';
import { createOAuthServer, type OAuthServer } from '../../templates/runtime/auth/oauth-server/index.js';
import { requireCredential } from '../../templates/runtime/auth/resource/challenge.js';
import { prmUrl, publicHosts } from '../../templates/runtime/auth/resource/metadata.js';
import type { Verifier } from '../../templates/runtime/core/caller.js';
import { createHandler } from '../../templates/runtime/http/handler.js';
import { listen, type RunningServer } from '../../templates/runtime/adapters/node.js';
import { createToolServer, toolAccessMap } from '../../templates/runtime/mcp/server.js';
import type { ToolDef } from '../../templates/runtime/core/spec.js';
import { createKey } from '../../src/keys/commands.js';
import { blogKeyModel } from '../keys/project.js';
import { bearer, rawCall, rpc } from '../e2e/scoping/rpc.js';
import { createOAuthProject, type OAuthProject } from './project.js';
import { oauthTokenFor } from './token-for-key.js';

type Prisma = { user: { create(a: unknown): Promise<{ id: number }> } };

const tool = (name: string, access: 'read' | 'write'): ToolDef => ({
  name, toolset: 'blog', access, title: name, description: name,
  input: z.strictObject({}),
  annotations: { readOnlyHint: access === 'read' },
  handler: async (_args, ctx) => ({ email: (ctx.user as { email: string }).email }) as never,
});
const tools = [tool('whoami', 'read'), tool('write_thing', 'write')];
const OPTIONS = {
  login: async () => null,
  scopes: ['read', 'write', 'blog:read', 'blog:write'],
  models: { client: 'mcpOAuthClient', grant: 'mcpOAuthGrant', token: 'mcpOAuthToken', user: 'user', userIdField: 'id', userIdType: 'number', userSelect: { id: true, email: true }, apiKey: 'mcpApiKey' },
  secret: 'a-test-secret-that-is-long-enough-0123456789',
} as const;

let project: OAuthProject;
let oauth: OAuthServer;
let keyFirst: RunningServer;
let oauthFirst: RunningServer;
let key: string;
let readKey: string;

async function serve(order: (keys: Verifier, tokens: Verifier) => Verifier[]): Promise<RunningServer> {
  const keys = apiKeyVerifier({ prisma: project.db.prisma, keyDelegate: 'mcpApiKey', userIdField: 'id', userSelect: { id: true, email: true } });
  const route = async (request: Request, info: { remoteAddress?: string }) => (await oauth.routes(request, info)) ?? new Response(null, { status: 404 });
  const handler = createHandler({
    log: () => {},
    tools: toolAccessMap(tools),
    // As the generated index.ts does: exactly the server's paths (what a framework mount serves at the root).
    routes: oauth.paths.map((path) => ({ path, handler: route })),
    resourceMetadataUrl: (request) => prmUrl(oauth.resource, request),
    verifiers: [...order(keys, oauth.verifier), requireCredential(oauth.resource)],
    server: createToolServer({ name: 'order', version: '0', tools, models: {}, prisma: null }),
  });
  return listen(handler, { port: 0, log: () => {} });
}

beforeAll(async () => {
  project = await createOAuthProject('handler');
  const prisma = project.db.prisma as Prisma;
  await prisma.user.create({ data: { email: 'alice@example.com', name: 'Alice', passwordHash: 'x' } });
  key = (await createKey(prisma, { user: 'alice@example.com', scopes: ['read', 'write'] }, blogKeyModel)).key;
  readKey = (await createKey(prisma, { user: 'alice@example.com', scopes: ['read'] }, blogKeyModel)).key;
  oauth = createOAuthServer({ prisma, ...OPTIONS });
  keyFirst = await serve((keys, tokens) => [keys, tokens]);
  oauthFirst = await serve((keys, tokens) => [tokens, keys]);
}, 120_000);

afterAll(async () => {
  await keyFirst?.close();
  await oauthFirst?.close();
  await project?.remove();
});

describe.each([
  ['API keys first', () => keyFirst],
  ['OAuth first', () => oauthFirst],
] as const)('verifiers in either order (%s)', (_order, server) => {
  it('an API key and an OAuth access token are each their user', async () => {
    const { url } = server();
    const token = await oauthTokenFor(url, key);
    for (const credential of [key, token]) {
      const res = await rawCall(url, credential, 'whoami', {});
      expect(res.status, credential.slice(0, 8)).toBe(200);
      expect((res.body as { result: { structuredContent: unknown } }).result.structuredContent).toEqual({ email: 'alice@example.com' });
    }
  });

  it('a token nobody recognises is 401 invalid_token naming the metadata; no credential is 401 without an error', async () => {
    const { url } = server();
    const origin = new URL(url).origin;
    const metadata = `resource_metadata="${origin}/.well-known/oauth-protected-resource/mcp", scope="read write"`;
    for (const token of ['not-a-key', 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln', `mcpo_at_${'a'.repeat(43)}`, `mcpk_aaaaaaaa_${'b'.repeat(43)}`]) {
      const res = await rpc(url, 'tools/list', {}, bearer(token));
      expect(res.status, token).toBe(401);
      // Ours-shaped tokens are judged by their verifier (no metadata for a bad key); others end in the challenge.
      if (token.startsWith('mcpk_')) expect(res.headers.get('www-authenticate')).toBe('Bearer realm="mcp", error="invalid_token"');
      else expect(res.headers.get('www-authenticate')).toBe(`Bearer ${metadata}, error="invalid_token"`);
    }
    const none = await rpc(url, 'tools/list', {});
    expect(none.headers.get('www-authenticate')).toBe(`Bearer ${metadata}`);
  });
});

describe('routePaths', () => {
  it('the handler names exactly the OAuth endpoints and metadata documents; other paths there are not found', async () => {
    const { url } = keyFirst;
    const handler = createHandler({ tools: toolAccessMap(tools), routes: oauth.paths.map((path) => ({ path, handler: () => new Response('ok') })), server: createToolServer({ name: 'paths', version: '0', tools, models: {}, prisma: null }) });
    expect([...handler.routePaths].sort()).toEqual(
      ['/.well-known/oauth-authorization-server', '/.well-known/oauth-protected-resource', '/.well-known/oauth-protected-resource/mcp', '/oauth/authorize', '/oauth/consent', '/oauth/register', '/oauth/revoke', '/oauth/token'],
    );
    await handler.close();
    const origin = new URL(url).origin;
    expect((await fetch(`${origin}/.well-known/oauth-authorization-server`)).status).toBe(200);
    for (const other of ['/.well-known/security.txt', '/oauth/elsewhere']) expect((await fetch(`${origin}${other}`)).status, other).toBe(404);
  });
});

describe('step-up', () => {
  it('a write without the scope is 403 insufficient_scope asking for the held scopes plus write, naming the metadata', async () => {
    const { url } = keyFirst;
    const origin = new URL(url).origin;
    const expected = `Bearer error="insufficient_scope", scope="read write", resource_metadata="${origin}/.well-known/oauth-protected-resource/mcp"`;
    const readToken = await oauthTokenFor(url, key, { allow: ['read'] });
    for (const credential of [readToken, readKey]) {
      const res = await rawCall(url, credential, 'write_thing', {});
      expect(res.status).toBe(403);
      expect(res.headers.get('www-authenticate')).toBe(expected);
      expect(res.body).toMatchObject({ error: 'insufficient_scope', error_description: 'this tool needs the "write" scope' });
    }
  });
});

describe('deployed (publicUrl)', () => {
  it('the public URL\'s host passes the Host check and names the metadata; other hosts are refused', async () => {
    const deployed = createOAuthServer({ prisma: project.db.prisma, ...OPTIONS, publicUrl: 'https://mcp.example.com' });
    const handler = createHandler({
      log: () => {},
      tools: toolAccessMap(tools),
      allowedHosts: publicHosts(deployed.resource),
      verifiers: [deployed.verifier, requireCredential(deployed.resource)],
      server: createToolServer({ name: 'deployed', version: '0', tools, models: {}, prisma: null }),
    });
    const list = (host: string) =>
      handler.fetch(new Request(`https://${host}/mcp`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }) }));
    const challenge = await list('mcp.example.com');
    expect(challenge.status).toBe(401);
    expect(challenge.headers.get('www-authenticate')).toBe('Bearer resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/mcp", scope="read write"');
    expect((await list('evil.example.com')).status).toBe(403);
    await handler.close();
  });
});
