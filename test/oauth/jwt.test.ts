// External mode: a real OpenID provider (oidc-provider from npm) runs in the test and issues JWT
// access tokens with an audience (RFC 8707 resource indicators); the runtime's JWT verifier finds
// its keys through the issuer's metadata and maps the `email` claim to a user row.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJwtVerifier, type JwtVerifierOptions } from '../../templates/runtime/auth/jwt/verifier.js';
import { createOAuthProject, type OAuthProject } from './project.js';

const RESOURCE_ORIGIN = 'http://127.0.0.1:4200';
const RESOURCE = `${RESOURCE_ORIGIN}/mcp`;
let project: OAuthProject;
let issuer: string;
let idp: http.Server;

async function startProvider(): Promise<void> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  idp = http.createServer();
  await new Promise<void>((resolve) => idp.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
  const clients = ['alice-app', 'nobody-app', 'short-app'].map((id) => ({ client_id: id, client_secret: `${id}-secret-0123456789abcdef`, grant_types: ['client_credentials'], redirect_uris: [], response_types: [] }));
  const provider = new Provider(issuer, {
    clients,
    jwks: { keys: [jwk] },
    features: {
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        getResourceServerInfo: (ctx: { oidc: { client?: { clientId: string } } }, resource: string) => ({
          scope: 'read write blog:read',
          audience: resource,
          accessTokenFormat: 'jwt',
          accessTokenTTL: ctx.oidc.client?.clientId === 'short-app' ? 1 : 300,
          jwt: { sign: { alg: 'RS256' } },
        }),
      },
    },
    extraTokenClaims: (_ctx: unknown, token: { clientId?: string }) => ({ email: token.clientId === 'nobody-app' ? 'nobody@example.com' : 'alice@example.com' }),
  } as never);
  idp.on('request', provider.callback());
}

async function token(client: string, resource = RESOURCE, scope = 'read'): Promise<string> {
  const res = await fetch(`${issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${client}:${client}-secret-0123456789abcdef`).toString('base64')}` },
    body: new URLSearchParams({ grant_type: 'client_credentials', resource, scope }).toString(),
  });
  const body = (await res.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(`no token: ${JSON.stringify(body)}`);
  return body.access_token;
}

function verifier(overrides: Partial<JwtVerifierOptions> = {}) {
  return createJwtVerifier({
    prisma: project.db.prisma,
    issuer,
    userClaim: 'email',
    userField: 'email',
    user: { delegate: 'user', idField: 'id', select: { id: true, email: true } },
    scopes: ['read', 'write', 'blog:read', 'blog:write'],
    ...overrides,
  }).verifier;
}

const ask = (v: ReturnType<typeof verifier>, bearer: string) => v(new Request(RESOURCE, { method: 'POST', headers: { authorization: `Bearer ${bearer}` } }));

async function refused(result: unknown, why: RegExp): Promise<void> {
  expect(result).toBeInstanceOf(Response);
  const res = result as Response;
  expect(res.status).toBe(401);
  expect(res.headers.get('www-authenticate')).toBe(`Bearer resource_metadata="${RESOURCE_ORIGIN}/.well-known/oauth-protected-resource/mcp", scope="read write", error="invalid_token"`);
  expect(((await res.json()) as { error_description: string }).error_description).toMatch(why);
}

beforeAll(async () => {
  project = await createOAuthProject('jwt');
  await (project.db.prisma as { user: { create(a: unknown): Promise<unknown> } }).user.create({ data: { email: 'alice@example.com', name: 'Alice', passwordHash: 'x' } });
  await startProvider();
}, 120_000);

afterAll(async () => {
  idp?.closeAllConnections();
  await new Promise((resolve) => idp?.close(resolve));
  await project?.remove();
});

describe('external JWT access tokens', () => {
  it('a token for this resource becomes the matching user with the token\'s known scopes', async () => {
    const caller = await ask(verifier(), await token('alice-app', RESOURCE, 'read blog:read'));
    expect(caller).toEqual({ user: { id: 1, email: 'alice@example.com' }, scopes: ['read', 'blog:read'], credential: { kind: 'jwt', id: 'alice-app', clientId: 'alice-app' } });
  });

  it('refuses a token for another audience', async () => {
    await refused(await ask(verifier(), await token('alice-app', 'http://127.0.0.1:4200/other')), /aud claim/);
  });

  it('refuses a token from another issuer than the configured one', async () => {
    const other = verifier({ issuer: 'https://other.example.com/', jwksUri: `${issuer}/jwks` });
    await refused(await ask(other, await token('alice-app')), /iss claim/);
  });

  it('refuses an expired token', async () => {
    const t = await token('short-app');
    await new Promise((r) => setTimeout(r, 2100));
    await refused(await ask(verifier({ clockToleranceSeconds: 0 }), t), /expired/);
  });

  it('refuses alg none, a tampered payload and a key the issuer never published', async () => {
    const real = await token('alice-app');
    const [header, payload, signature] = real.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'at+jwt' })).toString('base64url')}.${payload}.`;
    await refused(await ask(verifier(), none), /invalid/);
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, scope: 'read write' })).toString('base64url')}.${signature}`;
    await refused(await ask(verifier(), tampered), /invalid/);
    const { privateKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).sign(privateKey);
    await refused(await ask(verifier(), forged), /invalid/);
  });

  it('refuses a valid token whose user is not in the database', async () => {
    await refused(await ask(verifier(), await token('nobody-app')), /No user/);
  });

  it('leaves other credentials to the next verifier', async () => {
    expect(await ask(verifier(), `mcpk_aaaaaaaa_${'b'.repeat(43)}`)).toBeNull();
    expect(await verifier()(new Request(RESOURCE, { method: 'POST' }))).toBeNull();
  });
});
