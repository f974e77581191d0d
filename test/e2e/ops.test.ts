/**
 * Issue 11 (rate limits, audit, tracing) end to end: a project with API keys generates its server
 * from a config with `limits` and `audit: { sink: { model } }` (the audit model as docs/operations.md
 * gives it); the generated server runs in this process over real HTTP and a real SQLite database.
 * The limit cases run once per store: memory, and Redis when MCPGEN_TEST_REDIS_URL is set.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { trace } from '@opentelemetry/api';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKey } from '../../src/keys/commands.js';
import type { AuditRecord } from '../../templates/runtime/ops/audit.js';
import { stdoutSink } from '../../templates/runtime/ops/audit.js';
import { memoryStore, type RateStore } from '../../templates/runtime/ops/rate-store.js';
import { redisStore } from '../../templates/runtime/ops/redis-store.js';
import { blogKeyModel, createKeysProject, repoRoot, type KeysProject } from '../keys/project.js';
import { connectRedis, dropPrefix, redisUrl, uniquePrefix } from '../ops/redis.js';
import { typecheck } from '../helpers/tsc.js';
import { mcpGen } from './cli.js';
import { bearer, rpc } from './scoping/rpc.js';

/** The audit model exactly as docs/operations.md documents it. */
const README_AUDIT_MODEL = /```prisma\n(model McpAuditLog \{[\s\S]*?\n\})\n```/.exec(readFileSync(path.join(repoRoot, 'docs/operations.md'), 'utf8'))![1]!;

const CONFIG = `export default {
  auth: { apiKeys: true, user: { model: 'User', info: ['id', 'email'] } },
  toolsets: {
    blog: { models: { BlogPost: { operations: ['list', 'get', 'create', 'update', 'delete'], scope: { authorId: '$user.id' }, relations: [] } } },
    talk: { models: { Comment: { operations: ['list', 'count'], relations: [] } } },
  },
  limits: { perCaller: { limit: 3, per: 'hour' } },
  audit: { sink: { model: 'McpAuditLog' } },
};
`;

let project: KeysProject;
let gen: any;
let prisma: any;
let keys: { alice: string; aliceId: string; bob: string; reader: string };
const running: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  project = await createKeysProject('ops', { schemaExtra: README_AUDIT_MODEL });
  writeFileSync(path.join(project.dir, 'mcp-gen.config.ts'), CONFIG);
  const generated = await mcpGen(['generate'], project.dir);
  expect(generated.code, generated.stderr + generated.stdout).toBe(0);
  process.env['DATABASE_URL'] = project.url;
  ({ prisma } = await import(pathToFileURL(path.join(project.dir, 'src/mcp/db.ts')).href));
  gen = await import(pathToFileURL(path.join(project.dir, 'src/mcp/generated/index.ts')).href);
  await prisma.user.create({ data: { email: 'alice@example.com', passwordHash: 'x' } });
  await prisma.user.create({ data: { email: 'bob@example.com', passwordHash: 'x' } });
  const alice = await createKey(prisma, { user: 'alice@example.com', scopes: ['read', 'write'] }, blogKeyModel);
  const bob = await createKey(prisma, { user: 'bob@example.com', scopes: ['read', 'write'] }, blogKeyModel);
  const reader = await createKey(prisma, { user: 'alice@example.com', scopes: ['read'] }, blogKeyModel);
  keys = { alice: alice.key, aliceId: alice.id, bob: bob.key, reader: reader.key };
});

afterAll(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
  trace.disable();
  await prisma?.$disconnect();
  project?.remove();
});

/** The generated server on a free port; `options` go to the generated startServer. */
async function serve(options: Record<string, unknown> = {}): Promise<string> {
  const server = await gen.startServer({ prisma, port: 0, log: () => {}, ...options });
  running.push(server);
  return server.url as string;
}

const call = (url: string, key: string, name: string, args: Record<string, unknown> = {}) => rpc(url, 'tools/call', { name, arguments: args }, bearer(key));
const toolText = (answer: { body: unknown }) => ((answer.body as any)?.result?.content?.[0]?.text ?? '') as string;

interface StoreCase {
  readonly name: string;
  store(): Promise<RateStore>;
}
const stores: StoreCase[] = [{ name: 'memory', store: async () => memoryStore() }];
const redisPrefixes: string[] = [];
const url = redisUrl;
if (url) {
  stores.push({
    name: 'redis',
    async store() {
      const prefix = uniquePrefix();
      redisPrefixes.push(prefix);
      return redisStore({ redis: url, prefix });
    },
  });
}
afterAll(async () => {
  if (!url || redisPrefixes.length === 0) return;
  const client = await connectRedis();
  for (const prefix of redisPrefixes) await dropPrefix(client, prefix);
  await client.close();
});

describe('generated code', () => {
  it('index.ts with limits on Redis and a model sink type-checks strictly (ts7)', async () => {
    writeFileSync(path.join(project.dir, 'mcp-gen.config.ts'), CONFIG.replace("limits: { perCaller", "limits: { store: { redis: '$REDIS_URL' }, perCaller"));
    const generated = await mcpGen(['generate'], project.dir);
    expect(generated.code, generated.stderr).toBe(0);
    const index = readFileSync(path.join(project.dir, 'src/mcp/generated/index.ts'), 'utf8');
    expect(index).toContain("store: redisStore({ redis: redisUrlFrom('$REDIS_URL') })");
    expect(index).toContain("audit: prismaSink(prisma, 'mcpAuditLog')");
    writeFileSync(path.join(project.dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'bundler', strict: true, skipLibCheck: true, noEmit: true, allowImportingTsExtensions: true, types: ['node'] },
      include: ['src/**/*.ts'],
    }));
    const r = await typecheck(project.dir, 'ts7');
    expect(r.output).toBe('');
    // Back to the in-memory store for the cases below (the module loaded in beforeAll is unchanged).
    writeFileSync(path.join(project.dir, 'mcp-gen.config.ts'), CONFIG);
    expect((await mcpGen(['generate'], project.dir)).code).toBe(0);
  });
});

describe('rate limits from the config', () => {
  it('the generated server applies `limits` of mcp-gen.config.ts (perCaller: 3 an hour)', async () => {
    const mcp = await serve({ audit: false });
    for (let i = 0; i < 3; i++) expect((await call(mcp, keys.bob, 'count_comments')).status).toBe(200);
    const refused = await call(mcp, keys.bob, 'count_comments');
    expect(refused.status).toBe(429);
    // One token every 1200 s, less the little that refilled while the three calls ran.
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(1190);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(1200);
  });
});

describe.each(stores.map((s) => [s.name, s] as const))('rate limits, %s store', (_name, kind) => {
  it('per caller: 429 with Retry-After once the key is over budget; another key is not affected', async () => {
    const mcp = await serve({ audit: false, limits: { perCaller: { limit: 2, per: 'minute' }, store: await kind.store() } });
    expect((await call(mcp, keys.alice, 'count_comments')).status).toBe(200);
    expect((await call(mcp, keys.alice, 'list_blog_posts')).status).toBe(200);
    const refused = await call(mcp, keys.alice, 'count_comments');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('30');
    expect((refused.body as any).error.message).toBe('Rate limit exceeded (requests for this credential): try again in 30 s');
    expect((await call(mcp, keys.bob, 'count_comments')).status).toBe(200);
  });

  it('per IP before authentication: requests with bad keys use up the budget and get 429, not 401', async () => {
    const mcp = await serve({ audit: false, limits: { perIp: { limit: 3, per: 'minute' }, store: await kind.store() } });
    const bad = 'mcpk_AAAAAAAA_' + 'A'.repeat(43);
    expect((await call(mcp, bad, 'count_comments')).status).toBe(401);
    expect((await call(mcp, bad, 'count_comments')).status).toBe(401);
    expect((await call(mcp, keys.alice, 'count_comments')).status).toBe(200);
    const refused = await call(mcp, bad, 'count_comments');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('20');
    // The address is over budget whoever it is: a valid key from it waits too.
    expect((await call(mcp, keys.alice, 'count_comments')).status).toBe(429);
  });

  it('writes and toolsets have their own budgets: reads go on while writes wait', async () => {
    const store = await kind.store();
    const mcp = await serve({ audit: false, limits: { writes: { limit: 1, per: 'minute' }, toolsets: { talk: { limit: 2, per: 'minute' } }, store } });
    const created = await call(mcp, keys.alice, 'create_blog_post', { data: { slug: `w-${kind.name}`, title: `Write budget ${kind.name}` } });
    expect(created.status).toBe(200);
    expect((created.body as any).result.isError).toBeFalsy();
    const second = await call(mcp, keys.alice, 'update_blog_post', { where: { slug: `w-${kind.name}` }, data: { title: 'x' } });
    expect(second.status).toBe(429);
    expect(second.headers.get('retry-after')).toBe('60');
    expect((await prisma.blogPost.findUnique({ where: { slug: `w-${kind.name}` } })).title).toBe(`Write budget ${kind.name}`);
    for (let i = 0; i < 3; i++) expect((await call(mcp, keys.alice, 'list_blog_posts')).status).toBe(200);
    expect((await call(mcp, keys.alice, 'count_comments')).status).toBe(200);
    expect((await call(mcp, keys.alice, 'list_comments')).status).toBe(200);
    expect((await call(mcp, keys.alice, 'count_comments')).status).toBe(429);
    // Bob's budgets are his own.
    expect((await call(mcp, keys.bob, 'count_comments')).status).toBe(200);
  });
});

describe('audit records', () => {
  const auditRows = async (tool?: string) =>
    prisma.mcpAuditLog.findMany({ where: tool ? { tool } : {}, orderBy: { id: 'asc' } }) as Promise<Record<string, unknown>[]>;

  it('one row per write, in the configured Prisma model, with ids and outcome; reads leave none', async () => {
    await prisma.mcpAuditLog.deleteMany({});
    // No limits here (the config's perCaller allows 3 calls an hour); the audit sink is the config's.
    const mcp = await serve({ limits: false });
    const created = await call(mcp, keys.alice, 'create_blog_post', { data: { slug: 'audited', title: 'Audited 9f1c' } });
    const id = JSON.parse(toolText(created)).id as number;
    await call(mcp, keys.alice, 'update_blog_post', { where: { id }, data: { title: 'Audited again 9f1c' } });
    await call(mcp, keys.alice, 'list_blog_posts');
    const deleted = await call(mcp, keys.alice, 'delete_blog_post', { where: { id } });
    expect(toolText(deleted)).toContain('Audited again');
    const rows = await auditRows();
    expect(rows.map((r) => [r['tool'], r['action'], r['model'], JSON.parse(r['ids'] as string), r['outcome']])).toEqual([
      ['create_blog_post', 'create', 'BlogPost', [id], 'ok'],
      ['update_blog_post', 'update', 'BlogPost', [id], 'ok'],
      ['delete_blog_post', 'delete', 'BlogPost', [id], 'ok'],
    ]);
    const alice = await prisma.user.findUnique({ where: { email: 'alice@example.com' } });
    for (const r of rows) {
      expect(r).toMatchObject({ userId: String(alice.id), credentialKind: 'api-key', credentialId: keys.aliceId, toolset: 'blog', error: null });
      expect(r['time']).toBeInstanceOf(Date);
    }
    // Neither the key nor argument values are in the trail.
    expect(JSON.stringify(rows)).not.toContain(keys.alice);
    expect(JSON.stringify(rows)).not.toContain('9f1c');
  });

  it('failed and refused writes are recorded with their outcome, once each', async () => {
    await prisma.mcpAuditLog.deleteMany({});
    const mcp = await serve({ limits: { writes: { limit: 3, per: 'hour' }, store: memoryStore() } });
    // error: the row is not there (or not the caller's)
    const missing = await call(mcp, keys.alice, 'delete_blog_post', { where: { id: 999_999 } });
    expect((missing.body as any).result.isError).toBe(true);
    // error: a unique violation
    await call(mcp, keys.alice, 'create_blog_post', { data: { slug: 'dup', title: 'Dup one' } });
    await call(mcp, keys.alice, 'create_blog_post', { data: { slug: 'dup', title: 'Dup two' } });
    // forbidden: a read-only key (403, nothing runs)
    expect((await call(mcp, keys.reader, 'create_blog_post', { data: { slug: 'ro', title: 'ro' } })).status).toBe(403);
    // rate_limited: the fourth write in the hour
    expect((await call(mcp, keys.alice, 'create_blog_post', { data: { slug: 'late', title: 'Late' } })).status).toBe(429);
    const rows = await auditRows();
    expect(rows.map((r) => [r['tool'], r['outcome'], JSON.parse(r['ids'] as string)])).toEqual([
      ['delete_blog_post', 'error', [{ id: 999_999 }]],
      ['create_blog_post', 'ok', [expect.any(Number)]],
      ['create_blog_post', 'error', []],
      ['create_blog_post', 'forbidden', []],
      ['create_blog_post', 'rate_limited', []],
    ]);
    expect(rows.map((r) => r['error'])).toEqual([
      'BlogPost not found',
      null,
      expect.stringMatching(/^a row with the same .*slug.* already exists$/),
      'this tool needs the "write" scope',
      expect.stringMatching(/^Rate limit exceeded \(write tool calls for this credential\): try again in \d+ s$/),
    ]);
    expect((await prisma.blogPost.findMany({ where: { slug: { in: ['ro', 'late'] } } })).length).toBe(0);
  });

  it('writes refused for invalid arguments are recorded once each, as invalid_arguments; nothing is written', async () => {
    await prisma.mcpAuditLog.deleteMany({});
    const mcp = await serve({ limits: false });
    const before = await prisma.blogPost.count();
    const attempts: [string, Record<string, unknown>][] = [
      ['create_blog_post', { data: { slug: 'bad', title: 42 } }],
      ['update_blog_post', { where: { id: 'one' }, data: { title: 'x' } }],
      ['delete_blog_post', {}],
    ];
    for (const [tool, args] of attempts) {
      const r = await call(mcp, keys.alice, tool, args);
      expect((r.body as any).result.isError, tool).toBe(true);
      expect(toolText(r)).toMatch(new RegExp(`^Invalid arguments for ${tool}:`));
    }
    const rows = await auditRows();
    expect(rows.map((r) => [r['tool'], r['model'], r['action'], JSON.parse(r['ids'] as string), r['outcome']])).toEqual([
      ['create_blog_post', 'BlogPost', 'create', [], 'invalid_arguments'],
      ['update_blog_post', 'BlogPost', 'update', [], 'invalid_arguments'],
      ['delete_blog_post', 'BlogPost', 'delete', [], 'invalid_arguments'],
    ]);
    expect(rows.map((r) => r['error'])).toEqual(attempts.map(([tool]) => expect.stringMatching(new RegExp(`^Invalid arguments for ${tool}:`))));
    expect(await prisma.blogPost.count()).toBe(before);
  });

  it('a sink of your own (stdout JSON lines by default) gets the same records', async () => {
    const lines: string[] = [];
    const mcp = await serve({ limits: false, audit: stdoutSink((l) => lines.push(l)) });
    await call(mcp, keys.alice, 'create_blog_post', { data: { slug: 'stdout', title: 'To stdout' } });
    const records = lines.map((l) => JSON.parse(l) as AuditRecord);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ type: 'mcp.audit', tool: 'create_blog_post', model: 'BlogPost', action: 'create', outcome: 'ok', credential: { kind: 'api-key', id: keys.aliceId } });
    expect(lines[0]!.endsWith('\n')).toBe(true);
  });
});

describe('audit records, compact mode', () => {
  // The same project served through describe_models / query / mutate, generated next to the full server.
  let compact: any;
  beforeAll(async () => {
    const config = CONFIG.replace('  auth: {', "  mode: 'compact',\n  output: 'src/mcp/compact',\n  auth: {");
    writeFileSync(path.join(project.dir, 'mcp-gen.config.ts'), config);
    const generated = await mcpGen(['generate'], project.dir);
    writeFileSync(path.join(project.dir, 'mcp-gen.config.ts'), CONFIG);
    expect(generated.code, generated.stderr + generated.stdout).toBe(0);
    compact = await import(pathToFileURL(path.join(project.dir, 'src/mcp/compact/index.ts')).href);
  });

  it('every mutate attempt is one record with its model, action and outcome; query leaves none', async () => {
    await prisma.mcpAuditLog.deleteMany({});
    const lines: string[] = [];
    const server = await compact.startServer({ prisma, port: 0, log: () => {}, limits: false, audit: stdoutSink((l) => lines.push(l)) });
    running.push(server);
    const mcp = server.url as string;
    const mutate = (key: string, args: Record<string, unknown>) => call(mcp, key, 'mutate', args);

    const created = await mutate(keys.alice, { model: 'BlogPost', operation: 'create', args: { data: { slug: 'compact', title: 'Compact 7e3a' } } });
    expect((created.body as any).result.isError).toBeFalsy();
    const id = JSON.parse(toolText(created)).id as number;
    expect((await call(mcp, keys.alice, 'query', { model: 'BlogPost', operation: 'findMany', args: {} })).status).toBe(200);
    // invalid_arguments: `args` fails the model's schema (checked inside mutate), and the call's own shape
    const badArgs = await mutate(keys.alice, { model: 'BlogPost', operation: 'update', args: { where: { id }, data: { title: 7 } } });
    expect((badArgs.body as any).result.isError).toBe(true);
    const badShape = await mutate(keys.alice, { model: 'BlogPost', operation: 'explode', args: {} });
    expect(toolText(badShape)).toMatch(/^Invalid arguments for mutate:/);
    // error: the row is not there
    expect((await mutate(keys.alice, { model: 'BlogPost', operation: 'delete', args: { where: { id: 999_999 } } })).body).toMatchObject({ result: { isError: true } });
    // forbidden: a read-only key (403, nothing runs), recorded once
    expect((await mutate(keys.reader, { model: 'BlogPost', operation: 'create', args: { data: { slug: 'ro-c', title: 'ro' } } })).status).toBe(403);
    const updated = await mutate(keys.alice, { model: 'BlogPost', operation: 'update', args: { where: { id }, data: { title: 'Compact again 7e3a' } } });
    expect((updated.body as any).result.isError).toBeFalsy();

    const records = lines.map((l) => JSON.parse(l) as AuditRecord);
    expect(records.map((r) => [r.tool, r.toolset, r.model, r.action, r.ids, r.outcome])).toEqual([
      ['mutate', 'blog', 'BlogPost', 'create', [id], 'ok'],
      ['mutate', 'blog', 'BlogPost', 'update', [{ id }], 'invalid_arguments'],
      ['mutate', 'blog', null, null, [], 'invalid_arguments'],
      ['mutate', 'blog', 'BlogPost', 'delete', [{ id: 999_999 }], 'error'],
      ['mutate', 'blog', null, null, [], 'forbidden'],
      ['mutate', 'blog', 'BlogPost', 'update', [id], 'ok'],
    ]);
    expect(records.map((r) => r.error)).toEqual([
      undefined,
      expect.stringMatching(/^mutate BlogPost\.update: args\.data\.title/),
      expect.stringMatching(/^Invalid arguments for mutate:/),
      'BlogPost not found',
      'this tool needs the "write" scope',
      undefined,
    ]);
    for (const r of records) expect(r.credential.kind).toBe('api-key');
    expect(JSON.stringify(records)).not.toMatch(/7e3a/);
    expect(await prisma.blogPost.findMany({ where: { slug: 'ro-c' } })).toEqual([]);
  });
});

describe('tracing', () => {
  it('a span per tool call with its database spans, attribute names only', async () => {
    const exporter = new InMemorySpanExporter();
    trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
    const lines: string[] = [];
    const mcp = await serve({ limits: false, audit: stdoutSink((l) => lines.push(l)) });
    const created = await call(mcp, keys.alice, 'create_blog_post', { data: { slug: 'traced', title: 'Secret title 51d2' } });
    const id = JSON.parse(toolText(created)).id;
    await call(mcp, keys.alice, 'update_blog_post', { where: { id }, data: { title: 'Secret title 51d2 v2' } });
    const spans = exporter.getFinishedSpans();
    const tool = spans.find((s) => s.name === 'tools/call update_blog_post')!;
    expect(tool.attributes).toMatchObject({
      'mcp.method.name': 'tools/call',
      'gen_ai.tool.name': 'update_blog_post',
      'mcpgen.toolset': 'blog',
      'mcpgen.tool.access': 'write',
      'mcpgen.credential.kind': 'api-key',
      'mcpgen.credential.id': keys.aliceId,
      'mcpgen.outcome': 'ok',
    });
    const inTrace = spans.filter((s) => s.spanContext().traceId === tool.spanContext().traceId).map((s) => s.name).sort();
    // update_blog_post finds the row in scope and updates it; the updated row's authorId shows it is
    // still in scope (an owner scope needs no second query).
    expect(inTrace).toEqual(['$transaction', 'findFirst blogPost', 'tools/call update_blog_post', 'update blogPost']);
    expect(JSON.stringify(spans.map((s) => [s.name, s.attributes]))).not.toMatch(/51d2|traced/);
    // The audit record names the trace.
    expect(JSON.parse(lines[1]!).traceId).toBe(tool.spanContext().traceId);
  });
});
