// External mode: a real OpenID provider (oidc-provider from npm) runs in the test and issues JWT
// access tokens with an audience (RFC 8707 resource indicators); the runtime's JWT verifier finds
// its keys through the issuer's metadata and maps the `email` claim to a user row.
import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJwtVerifier, type JwtVerifierOptions } from '../../templates/runtime/auth/jwt/verifier.js';
import { startIdp, type TestIdp } from './idp.js';
import { createOAuthProject, type OAuthProject } from './project.js';

const RESOURCE_ORIGIN = 'http://127.0.0.1:4200';
const RESOURCE = `${RESOURCE_ORIGIN}/mcp`;
let project: OAuthProject;
let idp: TestIdp;

const token = (client: string, resource = RESOURCE, scope = 'read') => idp.token(client, resource, scope);

function verifier(overrides: Partial<JwtVerifierOptions> = {}) {
  return createJwtVerifier({
    prisma: project.db.prisma,
    issuer: idp.issuer,
    userClaim: 'email',
    userField: 'email',
    user: { delegate: 'user', idField: 'id', select: { id: true, email: true } },
    scopes: ['read', 'write', 'notes:read', 'notes:write'],
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
  idp = await startIdp();
}, 120_000);

afterAll(async () => {
  await idp?.close();
  await project?.remove();
});

describe('external JWT access tokens', () => {
  it('a token for this resource becomes the matching user with the token\'s known scopes', async () => {
    const caller = await ask(verifier(), await token('alice-app', RESOURCE, 'read notes:read'));
    expect(caller).toEqual({ user: { id: 1, email: 'alice@example.com' }, scopes: ['read', 'notes:read'], credential: { kind: 'jwt', id: 'alice-app', clientId: 'alice-app' } });
  });

  it('refuses a token for another audience', async () => {
    await refused(await ask(verifier(), await token('alice-app', 'http://127.0.0.1:4200/other')), /aud claim/);
  });

  it('refuses a token from another issuer than the configured one', async () => {
    const other = verifier({ issuer: 'https://other.example.com/', jwksUri: `${idp.issuer}/jwks` });
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
