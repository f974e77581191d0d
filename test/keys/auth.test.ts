import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { apiKeyVerifier, type ApiKeyAuthOptions } from '../../templates/runtime/auth/keys/verifier.js';
import { toWebRequest } from '../../templates/runtime/adapters/node.js';
import { createKey, revokeKey } from '../../src/keys/commands.js';
import { loadProjectDb, type ProjectDb } from '../../src/keys/load-db.js';
import { blogKeyModel, createKeysProject, type KeysProject } from './project.js';

interface KeyRow { id: string; lastUsedAt: Date | null }
interface Client {
  user: { create(a: unknown): Promise<{ id: number }> };
  mcpApiKey: { findUniqueOrThrow(a: unknown): Promise<KeyRow> };
  $extends(ext: unknown): unknown;
}

let db: ProjectDb;
let project: KeysProject;
let prisma: Client;
let alice: { id: number };
let clock = Date.now();
const servers: http.Server[] = [];
const logged: string[] = [];

/** A server that answers with what the verifier decided, through the real handler's authentication step. */
async function serve(overrides: Partial<ApiKeyAuthOptions> = {}): Promise<string> {
  const verify = apiKeyVerifier({
    prisma,
    keyDelegate: 'mcpApiKey',
    userIdField: 'id',
    userSelect: { id: true, email: true, name: true },
    now: () => new Date(clock),
    log: (m) => logged.push(m),
    ...overrides,
  });
  const server = http.createServer((req, res) => {
    const { request } = toWebRequest(req, res);
    verify(request).then(
      async (result) => {
        if (result === null) return void res.writeHead(204).end(); // not its kind: the next verifier is asked
        if (result instanceof Response) return void res.writeHead(result.status, Object.fromEntries(result.headers)).end(await result.text());
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ user: result.user, scopes: result.scopes, credential: result.credential }));
      },
      (err: unknown) => res.writeHead(500).end(String(err)),
    );
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function call(base: string, authorization?: string, pathAndQuery = '/mcp') {
  const res = await fetch(base + pathAndQuery, { method: 'POST', headers: authorization === undefined ? {} : { Authorization: authorization } });
  const text = await res.text();
  return { status: res.status, challenge: res.headers.get('www-authenticate'), body: (text ? JSON.parse(text) : null) as Record<string, unknown> };
}

async function newKey(opts: { scopes?: string[]; expiresIn?: string } = {}) {
  return createKey(prisma, { user: 'alice@example.com', ...opts }, blogKeyModel);
}

async function lastUsed(id: string): Promise<number | undefined> {
  return (await prisma.mcpApiKey.findUniqueOrThrow({ where: { id } })).lastUsedAt?.getTime();
}

async function waitFor(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('condition not met within 2 s');
}

beforeAll(async () => {
  project = await createKeysProject('auth');
  delete process.env.DATABASE_URL;
  db = await loadProjectDb(project.dir, 'src/mcp/db.ts');
  prisma = db.prisma as Client;
  alice = await prisma.user.create({ data: { email: 'alice@example.com', name: 'Alice', passwordHash: 'secret-hash' } });
});

afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  await db?.disconnect();
  project?.remove();
});

const INVALID = { error: 'invalid_token', error_description: 'Invalid API key.' };
const INVALID_CHALLENGE = 'Bearer realm="mcp", error="invalid_token"';

describe('apiKeyVerifier over real HTTP', () => {
  it('accepts a valid key and returns the user (selected fields only) and scopes', async () => {
    const base = await serve();
    const { key } = await newKey({ scopes: ['read', 'blog:write'] });
    const ok = await call(base, `Bearer ${key}`);
    const { id } = await prisma.mcpApiKey.findUniqueOrThrow({ where: { hash: createHash('sha256').update(key).digest('hex') } });
    expect(ok).toEqual({
      status: 200,
      challenge: null,
      body: { user: { id: alice.id, email: 'alice@example.com', name: 'Alice' }, scopes: ['blog:write', 'read'], credential: { kind: 'api-key', id } },
    });
    expect((await call(base, `bearer ${key}`)).status).toBe(200);
  });

  it('leaves a request without credentials to the next verifier (the handler asks for them last)', async () => {
    const base = await serve();
    expect(await call(base)).toEqual({ status: 204, challenge: null, body: null });
    expect((await call(base, '')).status).toBe(204);
  });

  it('authenticates with one query: the key row and its user together', async () => {
    const queries: string[] = [];
    const counted = prisma.$extends({ query: { $allOperations: ({ model, operation, args, query }: { model?: string; operation: string; args: unknown; query: (a: unknown) => Promise<unknown> }) => (queries.push(`${model}.${operation}`), query(args)) } });
    const base = await serve({ prisma: counted, touchIntervalMs: 3_600_000 });
    const { key } = await newKey();
    expect((await call(base, `Bearer ${key}`)).status).toBe(200); // first use also writes lastUsedAt
    queries.length = 0;
    expect((await call(base, `Bearer ${key}`)).status).toBe(200);
    expect(queries).toEqual(['McpApiKey.findUnique']);
  });

  it('with userKey (what generate emits): the key row alone gives the user id, and loadUser reads the selected fields', async () => {
    const verify = apiKeyVerifier({ prisma, keyDelegate: 'mcpApiKey', userKey: 'userId', userDelegate: 'user', userIdField: 'id', userSelect: { id: true, email: true, name: true } });
    const { key } = await newKey({ scopes: ['read'] });
    const caller = await verify(new Request('http://127.0.0.1/mcp', { method: 'POST', headers: { authorization: `Bearer ${key}` } }));
    if (!caller || caller instanceof Response) throw new Error(`expected a caller, got ${String(caller)}`);
    expect(caller.user).toEqual({ id: alice.id });
    expect(await caller.loadUser?.()).toEqual({ id: alice.id, email: 'alice@example.com', name: 'Alice' });
    // When the id is all auth.user.info names, it is the whole user: nothing left to load.
    const idOnly = apiKeyVerifier({ prisma, keyDelegate: 'mcpApiKey', userKey: 'userId', userDelegate: 'user', userIdField: 'id', userSelect: { id: true } });
    const bare = await idOnly(new Request('http://127.0.0.1/mcp', { method: 'POST', headers: { authorization: `Bearer ${key}` } }));
    expect(bare).toMatchObject({ user: { id: alice.id } });
    expect((bare as { loadUser?: unknown }).loadUser).toBeUndefined();
    // Revocation still takes effect on the very next request.
    await revokeKey(prisma, key, blogKeyModel);
    const after = await verify(new Request('http://127.0.0.1/mcp', { method: 'POST', headers: { authorization: `Bearer ${key}` } }));
    expect(after instanceof Response && after.status).toBe(401);
  });

  // Only what is recognisably an API key is judged here, so the verifier's place in the list does not matter.
  it.each(['Basic YWxpY2U6c2VjcmV0', 'Token mcpk_x', 'Bearer not-a-key', 'Bearer mcpo_at_' + 'a'.repeat(43), 'Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln'])(
    'leaves the header %j (another scheme, another kind of token) to the next verifier',
    async (header) => {
      expect(await call(await serve(), header)).toEqual({ status: 204, challenge: null, body: null });
    },
  );

  it.each(['Bearer', 'Bearer ', 'Bearer a b', 'mcpk_AbC12xYz_' + 'a'.repeat(43), 'Bearer mcpk_short'])('refuses the header %j', async (header) => {
    const res = await call(await serve(), header);
    expect(res.status).toBe(401);
    expect(res.challenge).toBe(INVALID_CHALLENGE);
    expect(res.body.error_description).toMatch(/Authorization: Bearer <key>|Invalid API key/);
  });

  it('answers unknown, malformed, revoked and expired keys identically', async () => {
    const base = await serve();
    const revoked = await newKey();
    const expiring = await newKey({ expiresIn: '1h' });
    expect((await call(base, `Bearer ${revoked.key}`)).status).toBe(200);
    expect((await call(base, `Bearer ${expiring.key}`)).status).toBe(200);
    await revokeKey(prisma, revoked.prefix, blogKeyModel);
    const answers = [
      await call(base, `Bearer ${revoked.key}`), // the very next request after revoking
      await call(base, `Bearer ${revoked.prefix}_${'A'.repeat(43)}`), // unknown key, real prefix
      await call(base, 'Bearer mcpk_NoSuchKy_' + 'B'.repeat(43)),
      await call(base, 'Bearer mcpk_not-a-key'),
    ];
    clock += 2 * 3_600_000;
    answers.push(await call(base, `Bearer ${expiring.key}`));
    for (const a of answers) expect(a).toEqual({ status: 401, challenge: INVALID_CHALLENGE, body: INVALID });
  });

  it.each(['api_key', 'key', 'access_token', 'token'])('refuses a key in the query string (?%s=), even with a valid header', async (param) => {
    const base = await serve();
    const { key } = await newKey();
    const res = await call(base, `Bearer ${key}`, `/mcp?${param}=${encodeURIComponent(key)}`);
    expect(res.status).toBe(401);
    expect(res.challenge).toBe(INVALID_CHALLENGE);
    expect(res.body.error_description).toMatch(/not accepted in the URL: send the key in the Authorization header/);
    expect((await call(base, undefined, `/mcp?x=${key}`)).status).toBe(401);
  });

  it('writes lastUsedAt once per interval, not on every call', async () => {
    const writes: unknown[] = [];
    const counted = prisma.$extends({
      query: { mcpApiKey: { updateMany: ({ args, query }: { args: unknown; query: (a: unknown) => Promise<unknown> }) => (writes.push(args), query(args)) } },
    });
    const base = await serve({ prisma: counted, touchIntervalMs: 60_000 });
    const { key, id } = await newKey();
    const t0 = clock;
    expect((await call(base, `Bearer ${key}`)).status).toBe(200);
    await waitFor(async () => (await lastUsed(id)) === t0);
    for (let i = 0; i < 5; i++) {
      clock += 10_000;
      expect((await call(base, `Bearer ${key}`)).status).toBe(200);
    }
    expect(writes).toHaveLength(1);
    expect(await lastUsed(id)).toBe(t0);
    clock += 15_000; // 65 s after the first use
    expect((await call(base, `Bearer ${key}`)).status).toBe(200);
    await waitFor(async () => (await lastUsed(id)) === clock);
    expect(writes).toHaveLength(2);
  });

  it('still authenticates when the lastUsedAt write fails, and logs it without the key', async () => {
    const failing = prisma.$extends({
      query: { mcpApiKey: { updateMany: () => Promise.reject(new Error('disk full')) } },
    });
    const consoleSpy = vi.spyOn(console, 'error');
    const base = await serve({ prisma: failing });
    const { key, id } = await newKey();
    expect((await call(base, `Bearer ${key}`)).status).toBe(200);
    await waitFor(async () => logged.some((m) => m.includes('disk full')));
    expect(logged.find((m) => m.includes('disk full'))).toBe(`mcp auth: could not update lastUsedAt of API key ${id}: disk full`);
    for (const m of logged) expect(m).not.toContain(key.slice(14));
    expect(consoleSpy).not.toHaveBeenCalled();
    consoleSpy.mockRestore();
  });
});
