// The built-in authorization server as fetch handlers over a real SQLite database and Prisma
// client: discovery documents, registration, the sign-in and consent forms, the token endpoint,
// the access-token verifier, and the adversarial cases, each checked against the tables.
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOAuthServer, type OAuthServer, type OAuthServerOptions } from '../../templates/runtime/auth/oauth-server/index.js';
import { resourceServer } from '../../templates/runtime/auth/resource/metadata.js';
import { createKey } from '../../src/keys/commands.js';
import { blogKeyModel } from '../keys/project.js';
import { cookieOf, readForm, submit } from './forms.js';
import { createOAuthProject, type OAuthProject } from './project.js';
import { sqliteStatements } from '../helpers/sqlite-statements.js';

const BASE = 'http://127.0.0.1:4100';
const REDIRECT = 'http://127.0.0.1:33333/callback';
type Delegates = Record<string, { count(a?: unknown): Promise<number>; findMany(a?: unknown): Promise<Record<string, unknown>[]>; create(a: unknown): Promise<Record<string, unknown>>; updateMany(a: unknown): Promise<unknown> }>;

let project: OAuthProject;
let prisma: Delegates;
let server: OAuthServer;
let key: string;
let readOnlyKey: string;
let clock = Date.now();

function options(overrides: Partial<OAuthServerOptions> = {}): OAuthServerOptions {
  return {
    prisma,
    login: async () => null,
    scopes: ['read', 'write', 'blog:read', 'blog:write'],
    models: { client: 'mcpOAuthClient', grant: 'mcpOAuthGrant', token: 'mcpOAuthToken', user: 'user', userIdField: 'id', userIdType: 'number', userSelect: { id: true, email: true }, apiKey: 'mcpApiKey' },
    secret: 'a-test-secret-that-is-long-enough-0123456789',
    now: () => clock,
    ...overrides,
  };
}

async function call(srv: OAuthServer, path: string, init: RequestInit = {}): Promise<Response> {
  const res = await srv.routes(new Request(BASE + path, init));
  if (!res) throw new Error(`no route for ${path}`);
  return res;
}

const form = (body: string, cookie?: string): RequestInit => ({
  method: 'POST',
  body,
  headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}) },
});

function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

async function register(srv = server, redirectUris = [REDIRECT]): Promise<string> {
  const res = await call(srv, '/oauth/register', { method: 'POST', body: JSON.stringify({ client_name: 'Test <client>', redirect_uris: redirectUris }), headers: { 'content-type': 'application/json' } });
  expect(res.status).toBe(201);
  return ((await res.json()) as { client_id: string }).client_id;
}

function authorizeUrl(clientId: string, challenge: string, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: REDIRECT, code_challenge: challenge, code_challenge_method: 'S256', state: 's-1', scope: 'read write', resource: `${BASE}/mcp`, ...extra });
  return `/oauth/authorize?${q}`;
}

/** Sign in with the key and allow `scopes`: the redirect back to the client. */
async function authorize(clientId: string, challenge: string, opts: { apiKey?: string; allow?: string[]; srv?: OAuthServer } = {}): Promise<URL> {
  const srv = opts.srv ?? server;
  const signIn = await call(srv, authorizeUrl(clientId, challenge));
  expect(signIn.status).toBe(200);
  const cookie = cookieOf(signIn.headers.get('set-cookie'));
  const consent = await call(srv, '/oauth/authorize', form(submit(readForm(await signIn.text()), [['api_key', opts.apiKey ?? key]]), cookie));
  expect(consent.status).toBe(200);
  const page = readForm(await consent.text());
  const ticked = opts.allow ?? page.checkboxes;
  const back = await call(srv, page.action, form(submit(page, [...ticked.map((s) => ['scope', s] as [string, string]), ['decision', 'allow']]), cookie));
  expect(back.status).toBe(302);
  return new URL(back.headers.get('location')!);
}

async function exchange(clientId: string, code: string, verifier: string, srv = server): Promise<Response> {
  return call(srv, '/oauth/token', form(new URLSearchParams({ grant_type: 'authorization_code', code, code_verifier: verifier, client_id: clientId, redirect_uri: REDIRECT, resource: `${BASE}/mcp` }).toString()));
}

async function refresh(clientId: string, token: string): Promise<Response> {
  return call(server, '/oauth/token', form(new URLSearchParams({ grant_type: 'refresh_token', refresh_token: token, client_id: clientId }).toString()));
}

async function caller(token: string, srv = server) {
  return srv.verifier(new Request(`${BASE}/mcp`, { method: 'POST', headers: { authorization: `Bearer ${token}` } }));
}

/** SQL statements `run` sends. */
const statements = async (run: () => Promise<unknown>) => (await sqliteStatements(run)).length;

async function tables(): Promise<string> {
  const rows = await Promise.all(['mcpOAuthClient', 'mcpOAuthGrant', 'mcpOAuthToken'].map((d) => prisma[d]!.findMany()));
  return JSON.stringify(rows);
}

async function fullFlow(clientId: string) {
  const { verifier, challenge } = pkce();
  const back = await authorize(clientId, challenge);
  const res = await exchange(clientId, back.searchParams.get('code')!, verifier);
  expect(res.status).toBe(200);
  return (await res.json()) as { access_token: string; refresh_token: string; scope: string; expires_in: number };
}

beforeAll(async () => {
  project = await createOAuthProject('server');
  prisma = project.db.prisma as Delegates;
  await prisma.user!.create({ data: { email: 'alice@example.com', name: 'Alice', passwordHash: 'x' } });
  await prisma.user!.create({ data: { email: 'bob@example.com', name: 'Bob', passwordHash: 'x' } });
  key = (await createKey(prisma, { user: 'alice@example.com', scopes: ['read', 'write'] }, blogKeyModel)).key;
  readOnlyKey = (await createKey(prisma, { user: 'bob@example.com', scopes: ['read'] }, blogKeyModel)).key;
  server = createOAuthServer(options());
}, 120_000);

afterAll(async () => {
  await project?.remove();
});

describe('discovery', () => {
  it('serves protected-resource metadata at the path-suffixed and the bare well-known path', async () => {
    for (const path of ['/.well-known/oauth-protected-resource/mcp', '/.well-known/oauth-protected-resource']) {
      const res = await call(server, path);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ resource: `${BASE}/mcp`, authorization_servers: [BASE], scopes_supported: ['read', 'write', 'blog:read', 'blog:write'], bearer_methods_supported: ['header'], resource_name: 'MCP server' });
    }
  });

  it('serves RFC 8414 metadata: S256 only, public clients, iss in responses, CIMD and registration', async () => {
    const meta = (await (await call(server, '/.well-known/oauth-authorization-server')).json()) as Record<string, unknown>;
    expect(meta).toMatchObject({
      issuer: BASE,
      authorization_endpoint: `${BASE}/oauth/authorize`,
      token_endpoint: `${BASE}/oauth/token`,
      registration_endpoint: `${BASE}/oauth/register`,
      code_challenge_methods_supported: ['S256'],
      token_endpoint_auth_methods_supported: ['none'],
      authorization_response_iss_parameter_supported: true,
      client_id_metadata_document_supported: true,
    });
  });

  it('without a credential the verifier list ends in a 401 naming the metadata and scopes', async () => {
    const { unauthorized } = await import('../../templates/runtime/auth/resource/challenge.js');
    const res = unauthorized(server.resource, new Request(`${BASE}/mcp`));
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe(`Bearer resource_metadata="${BASE}/.well-known/oauth-protected-resource/mcp", scope="read write"`);
  });

  it('other paths are not the server\'s', async () => {
    expect(await server.routes(new Request(`${BASE}/mcp`, { method: 'POST' }))).toBeNull();
    expect(await server.verifier(new Request(`${BASE}/mcp`, { headers: { authorization: 'Bearer mcpk_aaaaaaaa_bbb' } }))).toBeNull();
  });

  it('publicUrl must be an origin (no path prefix), https unless loopback, and deployed needs MCP_OAUTH_SECRET', () => {
    const { secret: _, ...noSecret } = options({ publicUrl: 'https://app.example.com' });
    const refusal = (o: OAuthServerOptions) => {
      try {
        createOAuthServer(o);
      } catch (error) {
        return (error as Error).message;
      }
      return 'accepted';
    };
    expect(refusal(options({ publicUrl: 'https://example.com/tools' }))).toMatch(/publicUrl \(auth\.publicUrl or MCP_PUBLIC_URL\): must be an origin without a path \(got \/tools\)/);
    expect(refusal(options({ publicUrl: 'http://app.example.com' }))).toMatch(/publicUrl.*must be https/);
    expect(refusal(noSecret)).toMatch(/secret: set MCP_OAUTH_SECRET/);
    expect(refusal({ ...noSecret, publicUrl: 'http://127.0.0.1:3000' })).toBe('accepted');
    expect(refusal(options({ publicUrl: 'https://app.example.com/' }))).toBe('accepted');
    // The external mode's resource server refuses the same way.
    expect(() => resourceServer({ publicUrl: 'https://example.com/tools', authorizationServer: () => BASE, scopes: ['read'] })).toThrow(/auth\.publicUrl or MCP_PUBLIC_URL\) must be an origin without a path/);
  });

  it('registration can be turned off', async () => {
    const closed = createOAuthServer(options({ registration: false }));
    expect(await closed.routes(new Request(`${BASE}/oauth/register`, { method: 'POST', body: '{}' }))).toBeNull();
    const meta = (await (await call(closed, '/.well-known/oauth-authorization-server')).json()) as Record<string, unknown>;
    expect(meta.registration_endpoint).toBeUndefined();
  });
});

describe('the flow', () => {
  it('register → sign in with an API key → consent (narrowed) → code with iss → tokens → caller → refresh → revoke', async () => {
    const clientId = await register();
    const { verifier, challenge } = pkce();
    const back = await authorize(clientId, challenge, { allow: ['read'] });
    expect(back.origin + back.pathname).toBe(REDIRECT);
    expect(back.searchParams.get('state')).toBe('s-1');
    expect(back.searchParams.get('iss')).toBe(BASE);
    const code = back.searchParams.get('code')!;
    expect(code).toMatch(/^mcpo_c_/);

    const res = await exchange(clientId, code, verifier);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const tokens = (await res.json()) as { access_token: string; refresh_token: string; scope: string; expires_in: number; token_type: string };
    expect(tokens).toMatchObject({ token_type: 'Bearer', scope: 'read', expires_in: 900 });

    const who = await caller(tokens.access_token);
    // The grant holds the user's id (its foreign key proves the user exists); the row is loaded only for calls that read more.
    expect(who).toMatchObject({ user: { id: 1 }, scopes: ['read'], credential: { kind: 'oauth', clientId } });
    expect(await (who as { loadUser?: () => Promise<unknown> }).loadUser?.()).toEqual({ id: 1, email: 'alice@example.com' });
    // The token check is two SQL statements, the token (grant and client revocation checked in it) and
    // its grant, plus one for the API key this grant was signed in with (revoked or expired ends it).
    expect(await statements(() => caller(tokens.access_token))).toBe(3);

    // Only hashes are stored.
    const stored = await tables();
    for (const secret of [code, tokens.access_token, tokens.refresh_token]) expect(stored).not.toContain(secret);

    const next = await refresh(clientId, tokens.refresh_token);
    expect(next.status).toBe(200);
    const rotated = (await next.json()) as { access_token: string; refresh_token: string };
    expect(rotated.refresh_token).not.toBe(tokens.refresh_token);
    expect(await caller(rotated.access_token)).toMatchObject({ scopes: ['read'] });

    const revoked = await call(server, '/oauth/revoke', form(new URLSearchParams({ token: rotated.refresh_token, client_id: clientId }).toString()));
    expect(revoked.status).toBe(200);
    expect((await caller(rotated.access_token)) as Response).toHaveProperty('status', 401);
  });

  it('a key with only read offers only read on the consent page', async () => {
    const clientId = await register();
    const { challenge } = pkce();
    const signIn = await call(server, authorizeUrl(clientId, challenge));
    const cookie = cookieOf(signIn.headers.get('set-cookie'));
    const consent = await call(server, '/oauth/authorize', form(submit(readForm(await signIn.text()), [['api_key', readOnlyKey]]), cookie));
    expect(readForm(await consent.text()).checkboxes).toEqual(['read']);
  });

  it('an app session (login returns a user id) skips the sign-in form', async () => {
    const srv = createOAuthServer(options({ login: async () => 2 }));
    const clientId = await register(srv);
    const page = await call(srv, authorizeUrl(clientId, pkce().challenge));
    const html = await page.text();
    expect(html).toContain('as bob@example.com');
    expect(html).toContain('Test &lt;client&gt;');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('login may answer with its own Response (a redirect to the app\'s sign-in page)', async () => {
    const srv = createOAuthServer(options({ login: async () => Response.redirect('https://app.example.com/login?next=x', 302) }));
    const clientId = await register(srv);
    const page = await call(srv, authorizeUrl(clientId, pkce().challenge));
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toBe('https://app.example.com/login?next=x');
  });
});

describe('refused, with nothing written', () => {
  async function unchanged<T>(run: () => Promise<T>): Promise<T> {
    const before = await tables();
    const result = await run();
    expect(await tables()).toBe(before);
    return result;
  }

  it('PKCE plain or missing is sent back to the client as invalid_request', async () => {
    const clientId = await register();
    for (const extra of [{ code_challenge_method: 'plain' }, { code_challenge: '' }] as Record<string, string>[]) {
      const res = await unchanged(() => call(server, authorizeUrl(clientId, pkce().challenge, extra)));
      expect(res.status).toBe(302);
      const to = new URL(res.headers.get('location')!);
      expect(to.searchParams.get('error')).toBe('invalid_request');
      expect(to.searchParams.get('iss')).toBe(BASE);
    }
  });

  it('an unregistered redirect URI is shown an error page, never redirected to', async () => {
    const clientId = await register();
    const res = await unchanged(() => call(server, authorizeUrl(clientId, pkce().challenge, { redirect_uri: 'https://evil.example/cb' })));
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    expect(await res.text()).toContain('redirect_uri is not one this client registered');
  });

  it('a loopback redirect URI may use another port (RFC 8252), not another path', async () => {
    const clientId = await register();
    const ok = await call(server, authorizeUrl(clientId, pkce().challenge, { redirect_uri: 'http://127.0.0.1:45678/callback' }));
    expect(ok.status).toBe(200);
    const bad = await call(server, authorizeUrl(clientId, pkce().challenge, { redirect_uri: 'http://127.0.0.1:45678/other' }));
    expect(bad.status).toBe(400);
  });

  it('a wrong code verifier is invalid_grant and leaves the code usable', async () => {
    const clientId = await register();
    const { verifier, challenge } = pkce();
    const code = (await authorize(clientId, challenge)).searchParams.get('code')!;
    const res = await unchanged(() => exchange(clientId, code, pkce().verifier));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_grant' });
    expect((await exchange(clientId, code, verifier)).status).toBe(200);
  });

  it('a reused code is refused and revokes what it granted', async () => {
    const clientId = await register();
    const { verifier, challenge } = pkce();
    const code = (await authorize(clientId, challenge)).searchParams.get('code')!;
    const tokens = (await (await exchange(clientId, code, verifier)).json()) as { access_token: string };
    const again = await exchange(clientId, code, verifier);
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ error: 'invalid_grant' });
    expect((await caller(tokens.access_token)) as Response).toHaveProperty('status', 401);
  });

  it('an expired code is refused', async () => {
    const clientId = await register();
    const { verifier, challenge } = pkce();
    const code = (await authorize(clientId, challenge)).searchParams.get('code')!;
    clock += 61_000;
    try {
      const res = await unchanged(() => exchange(clientId, code, verifier));
      expect(await res.json()).toMatchObject({ error: 'invalid_grant', error_description: 'the code has expired' });
    } finally {
      clock -= 61_000;
    }
  });

  it('a reused refresh token revokes the whole grant', async () => {
    const clientId = await register();
    const first = await fullFlow(clientId);
    const second = (await (await refresh(clientId, first.refresh_token)).json()) as { access_token: string; refresh_token: string };
    const reuse = await refresh(clientId, first.refresh_token);
    expect(reuse.status).toBe(400);
    expect(await reuse.json()).toMatchObject({ error: 'invalid_grant' });
    expect((await caller(second.access_token)) as Response).toHaveProperty('status', 401);
    expect((await refresh(clientId, second.refresh_token)).status).toBe(400);
  });

  it('an expired access token and one for another resource are refused with 401', async () => {
    const clientId = await register();
    const tokens = await fullFlow(clientId);
    clock += 901_000;
    try {
      const res = (await caller(tokens.access_token)) as Response;
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toContain('error="invalid_token"');
    } finally {
      clock -= 901_000;
    }
    const elsewhere = createOAuthServer(options({ mcpPath: '/other' }));
    expect((await caller(tokens.access_token, elsewhere)) as Response).toHaveProperty('status', 401);
  });

  it('a revoked client can neither authorize nor use its tokens', async () => {
    const clientId = await register();
    const tokens = await fullFlow(clientId);
    await prisma.mcpOAuthClient!.updateMany({ where: { id: clientId }, data: { revokedAt: new Date() } });
    expect((await caller(tokens.access_token)) as Response).toHaveProperty('status', 401);
    expect((await refresh(clientId, tokens.refresh_token)).status).toBe(401);
    const page = await unchanged(() => call(server, authorizeUrl(clientId, pkce().challenge)));
    expect(page.status).toBe(400);
  });

  it('a consent forged without the CSRF cookie, or with a made-up request, is refused', async () => {
    const clientId = await register();
    const signIn = await call(server, authorizeUrl(clientId, pkce().challenge));
    const cookie = cookieOf(signIn.headers.get('set-cookie'));
    const consent = readForm(await (await call(server, '/oauth/authorize', form(submit(readForm(await signIn.text()), [['api_key', key]]), cookie))).text());
    const allow = submit(consent, [['scope', 'write'], ['decision', 'allow']]);
    const noCookie = await unchanged(() => call(server, '/oauth/consent', form(allow)));
    expect(noCookie.status).toBe(403);
    const otherCookie = await unchanged(() => call(server, '/oauth/consent', form(allow, 'mcp_oauth_csrf=someone-else')));
    expect(otherCookie.status).toBe(403);
    const forged = await unchanged(() => call(server, '/oauth/consent', form(new URLSearchParams({ request: 'eyJ2Ijp7fX0.AAAA', decision: 'allow' }).toString(), cookie)));
    expect(forged.status).toBe(403);
  });

  it('a wrong API key on the sign-in form is refused with the form again', async () => {
    const clientId = await register();
    const signIn = await call(server, authorizeUrl(clientId, pkce().challenge));
    const cookie = cookieOf(signIn.headers.get('set-cookie'));
    const signInForm = readForm(await signIn.text());
    const res = await unchanged(() => call(server, '/oauth/authorize', form(submit(signInForm, [['api_key', `mcpk_aaaaaaaa_${'b'.repeat(43)}`]]), cookie)));
    expect(res.status).toBe(401);
    expect(await res.text()).toContain('That API key is not valid.');
  });

  it('a client metadata document on a private address is refused before any connection', async () => {
    for (const id of ['https://127.0.0.1/client.json', 'https://10.1.2.3/client.json', 'https://[::1]/client.json', 'https://localhost/client.json', 'http://example.com/client.json']) {
      const res = await unchanged(() => call(server, authorizeUrl(id, pkce().challenge)));
      expect(res.status, id).toBe(400);
      expect(await res.text(), id).toMatch(/private or loopback|unknown client_id/);
    }
  });

  it('registration refuses non-loopback http, javascript: and confidential clients', async () => {
    for (const body of [{ redirect_uris: ['http://example.com/cb'] }, { redirect_uris: ['javascript:alert(1)'] }, { redirect_uris: [REDIRECT], token_endpoint_auth_method: 'client_secret_basic' }, {}]) {
      const res = await unchanged(() => call(server, '/oauth/register', { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }));
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error).toMatch(/^invalid_(redirect_uri|client_metadata)$/);
    }
  });

  it('an endless chunked body (no Content-Length) is read only up to each endpoint\'s limit, then refused', async () => {
    // 8 MiB offered in 64 KiB chunks; the stream counts what the endpoint actually pulled.
    const endless = () => {
      let pulled = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (pulled >= 8 * 1024 * 1024) return controller.close();
          pulled += 65536;
          controller.enqueue(new Uint8Array(65536).fill(0x61));
        },
      });
      return { body, pulled: () => pulled };
    };
    const post = (path: string, type: string, stream: ReadableStream<Uint8Array>) =>
      unchanged(() => call(server, path, { method: 'POST', body: stream, headers: { 'content-type': type }, duplex: 'half' } as RequestInit));
    const cases = [
      ['/oauth/register', 'application/json', 400, 'invalid_client_metadata'],
      ['/oauth/token', 'application/x-www-form-urlencoded', 400, 'invalid_request'],
      ['/oauth/authorize', 'application/x-www-form-urlencoded', 413, undefined],
    ] as const;
    for (const [path, type, status, error] of cases) {
      const sent = endless();
      const res = await post(path, type, sent.body);
      expect(res.status, path).toBe(status);
      if (error) expect(((await res.json()) as { error: string }).error, path).toBe(error);
      // At most the limit (64 KiB for the sign-in form) plus a chunk or two of read-ahead.
      expect(sent.pulled(), path).toBeLessThanOrEqual(4 * 65536);
    }
  });

  it('a token also sent in the URL is refused', async () => {
    const tokens = await fullFlow(await register());
    const res = (await server.verifier(new Request(`${BASE}/mcp?access_token=${tokens.access_token}`, { method: 'POST', headers: { authorization: `Bearer ${tokens.access_token}` } }))) as Response;
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain('error="invalid_request"');
  });

  it('a token of unknown kind or a guessed token is refused', async () => {
    const res = (await caller(`mcpo_at_${randomBytes(32).toString('base64url')}`)) as Response;
    expect(res.status).toBe(401);
    const code = await call(server, '/oauth/token', form(new URLSearchParams({ grant_type: 'password', username: 'a', password: 'b' }).toString()));
    expect(await code.json()).toMatchObject({ error: 'unsupported_grant_type' });
  });
});

describe('per-address limits (register, token, sign-in pages)', () => {
  const from = (srv: OAuthServer, ip: string, path: string, init: RequestInit = {}) => srv.routes(new Request(BASE + path, init), { remoteAddress: ip }) as Promise<Response>;
  const registration = (): RequestInit => ({ method: 'POST', body: JSON.stringify({ client_name: 'Flood', redirect_uris: [REDIRECT] }), headers: { 'content-type': 'application/json' } });

  it('are on by default: the 21st registration from one address in a burst is 429 with Retry-After and writes nothing', async () => {
    const srv = createOAuthServer(options());
    for (let i = 0; i < 20; i++) expect((await from(srv, '198.51.100.7', '/oauth/register', registration())).status).toBe(201);
    const before = await tables();
    const res = await from(srv, '198.51.100.7', '/oauth/register', registration());
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await res.json()).toMatchObject({ error: 'too_many_requests' });
    expect(await tables()).toBe(before);
    // Another address, and the IPv4-mapped IPv6 form of another one, have their own budgets.
    expect((await from(srv, '198.51.100.8', '/oauth/register', registration())).status).toBe(201);
    expect((await from(srv, '::ffff:198.51.100.9', '/oauth/register', registration())).status).toBe(201);
  });

  it('the token endpoint and the sign-in form (which accepts API keys) are limited per address', async () => {
    const srv = createOAuthServer(options({ rateLimits: { token: { limit: 3, per: 'minute' }, authorize: { limit: 2, per: 'hour' } } }));
    const guess = () => form(new URLSearchParams({ grant_type: 'refresh_token', refresh_token: `mcpo_rt_${randomBytes(32).toString('base64url')}`, client_id: 'x' }).toString());
    for (let i = 0; i < 3; i++) expect((await from(srv, '203.0.113.1', '/oauth/token', guess())).status).toBe(400);
    const token = await from(srv, '203.0.113.1', '/oauth/token', guess());
    expect(token.status).toBe(429);
    expect(token.headers.get('retry-after')).toBe('20');

    const clientId = await register(srv);
    const { challenge } = pkce();
    const signIn = await from(srv, '203.0.113.2', authorizeUrl(clientId, challenge));
    expect(signIn.status).toBe(200);
    const cookie = cookieOf(signIn.headers.get('set-cookie'));
    const wrongKey = form(submit(readForm(await signIn.text()), [['api_key', `mcpk_aaaaaaaa_${'c'.repeat(43)}`]]), cookie);
    expect((await from(srv, '203.0.113.2', '/oauth/authorize', wrongKey)).status).toBe(401);
    const limited = await from(srv, '203.0.113.2', '/oauth/authorize', wrongKey);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1800');
    // The person at the form gets a page saying so.
    expect(limited.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await limited.text()).toContain('Too many requests from this address: try again in 1800 s.');
  });

  it('can be turned off, and a request without a known address is not limited', async () => {
    const off = createOAuthServer(options({ rateLimits: false }));
    for (let i = 0; i < 12; i++) expect((await from(off, '198.51.100.20', '/oauth/register', registration())).status).toBe(201);
    const on = createOAuthServer(options({ rateLimits: { register: { limit: 1, per: 'hour' } } }));
    for (let i = 0; i < 3; i++) expect((await call(on, '/oauth/register', registration())).status).toBe(201);
  });
});
