/**
 * Issue 13 end to end: a create-t3-app–shaped project (tRPC v11 from npm, Prisma, an Auth.js-style
 * session) publishes its procedures. generate scaffolds the createContext, the project type-checks
 * with TypeScript 5 and 7, and the official SDK client calls the tools over HTTP with API keys:
 * the caller is the procedures' session user, scopes gate mutations, the procedure's own zod
 * schema names bad arguments, and editing the router rewrites exactly the affected tool file.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { createScratchProject, removeScratch } from '../helpers/scratch.js';
import { generatePrismaClient } from '../helpers/prisma-generate.js';
import { pushSchema } from '../helpers/push-schema.js';
import { typecheck, typecheckRuntime } from '../helpers/tsc.js';
import { startServer, type RunningServer } from '../helpers/server.js';
import { callTool, connectClient } from '../helpers/client.js';
import { repoRoot } from '../helpers/repo.js';
import { mcpGen, tsx } from '../e2e/cli.js';
import { generate, type GenerateResult } from '../../src/generate.js';

let dir: string;
let env: Record<string, string>;
let generated: GenerateResult;
let server: RunningServer;
const clients: Record<'annRw' | 'annRo' | 'bobRw', Client> = {} as never;

async function key(user: string, scopes: string): Promise<string> {
  const r = await mcpGen(['keys', 'create', '--user', user, '--scopes', scopes, '--json'], dir, env);
  if (r.code !== 0) throw new Error(r.stdout + r.stderr);
  return (JSON.parse(r.stdout) as { key: string }).key;
}

function sql<T>(query: string): T[] {
  const db = new Database(path.join(dir, 'dev.db'), { readonly: true });
  try {
    return db.prepare(query).all() as T[];
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  dir = await createScratchProject('trpc-t3', { fixtureDir: path.join(repoRoot, 'fixtures/trpc-t3') });
  await generatePrismaClient(dir, 'prisma/schema.prisma');
  generated = await generate({ root: dir });
  const url = `file:${path.join(dir, 'dev.db')}`;
  env = { DATABASE_URL: url };
  await pushSchema({ files: [['prisma/schema.prisma', await fs.readFile(path.join(dir, 'prisma/schema.prisma'), 'utf8')]], url, provider: 'sqlite' });
  await tsx('prisma/seed.ts', dir, env);
  const [annRw, annRo, bobRw] = [await key('ann@example.com', 'read,write'), await key('ann@example.com', 'read'), await key('bob@example.com', 'read,write')];
  server = await startServer(dir, { env });
  const connect = (k: string) => connectClient(server.url, { headers: { authorization: `Bearer ${k}` } });
  [clients.annRw, clients.annRo, clients.bobRw] = await Promise.all([connect(annRw), connect(annRo), connect(bobRw)]);
}, 240_000);

afterAll(async () => {
  await Promise.all(Object.values(clients).map((c) => c?.close()));
  await server?.stop();
  if (dir) await removeScratch(dir);
});

const TOOLS = ['latest_post', 'post_broken', 'post_by_id', 'post_create', 'post_hello', 'post_mine', 'post_rename', 'util_math_double', 'util_when_is'];

describe('generate', () => {
  it('writes one file per procedure, scaffolds createContext, skips the subscription with a note', async () => {
    const files = generated.files.map((f) => f.path).filter((p) => p.startsWith('publish/trpc/'));
    expect(files).toEqual([...TOOLS.map((t) => `publish/trpc/${t.replace(/_/g, '-')}.ts`), 'publish/trpc/router.ts', 'publish/trpc/tools.ts'].sort());
    expect(generated.scaffolded).toEqual(['src/mcp/trpc-context.ts']);
    const context = await fs.readFile(path.join(dir, 'src/mcp/trpc-context.ts'), 'utf8');
    expect(context).toContain('db: prisma,');
    expect(context).toContain('session: user ?');
    expect(generated.notes.some((n) => n.includes('post.onAdd') && n.includes('subscription'))).toBe(true);
    expect(files.some((f) => f.includes('secret'))).toBe(false); // excluded
  });

  it.each(['ts7', 'ts5'] as const)('the project type-checks with %s', async (compiler) => {
    const r = await typecheck(dir, compiler);
    expect(r.output).toBe('');
    expect(r.ok).toBe(true);
  });

  it('the runtime type-checks under strict settings', async () => {
    const r = await typecheckRuntime(dir, 'ts7');
    expect(r.output).toBe('');
  });
});

describe('tools/list', () => {
  it('lists queries as read-only and mutations as write tools, with descriptions and the validator\'s schema', async () => {
    const { tools } = await clients.annRw.listTools();
    const byName = new Map(tools.map((t) => [t.name, t]));
    expect([...byName.keys()].filter((n) => TOOLS.includes(n)).sort()).toEqual(TOOLS);
    expect(byName.get('post_hello')!.annotations).toMatchObject({ readOnlyHint: true });
    expect(byName.get('post_create')!.annotations).toMatchObject({ readOnlyHint: false });
    expect(byName.get('post_create')!.description).toBe('Create a post as the signed-in user');
    expect(byName.get('post_hello')!.description).toBe('Greets whoever asks.');
    // From the procedure's own zod schema: its length limits are listed.
    expect(byName.get('post_hello')!.inputSchema.properties).toMatchObject({ text: { type: 'string', minLength: 2, maxLength: 40 } });
    expect(byName.get('latest_post')!.inputSchema).toMatchObject({ type: 'object', properties: {} });
    expect(byName.get('post_create')!.outputSchema?.properties).toHaveProperty('createdAt');
    // MCP Apps: a query returning rows (an array of objects) points at the table view; others at none.
    expect(byName.get('post_mine')!._meta).toEqual({ ui: { resourceUri: 'ui://mcp-gen/table.html' } });
    for (const name of ['post_hello', 'latest_post', 'post_create']) expect(byName.get(name)!._meta, name).toBeUndefined();
  });

  it('a read-only key is not offered the mutations', async () => {
    const names = (await clients.annRo.listTools()).tools.map((t) => t.name);
    expect(names).toContain('post_hello');
    expect(names).not.toContain('post_create');
    expect(names).not.toContain('post_rename');
  });
});

describe('calls', () => {
  it('a public query answers', async () => {
    expect((await callTool(clients.annRo, 'post_hello', { text: 'MCP' })).structured).toEqual({ greeting: 'Hello MCP' });
  });

  it("the protected procedure answers for the key's user, with only that user's data", async () => {
    const ann = await callTool(clients.annRo, 'post_mine');
    const bob = await callTool(clients.bobRw, 'post_mine');
    expect(ann.structured).toEqual({ result: [expect.objectContaining({ name: 'Ann 1' }), expect.objectContaining({ name: 'Ann 2' })] });
    expect(bob.structured).toEqual({ result: [expect.objectContaining({ name: 'Bob 1' })] });
    expect((await callTool(clients.bobRw, 'latest_post')).structured).toMatchObject({ result: { name: 'Bob 1', createdById: 'bob' } });
  });

  it('a mutation writes through Prisma as the caller', async () => {
    const r = await callTool(clients.annRw, 'post_create', { name: 'From MCP' });
    expect(r.isError, r.text).toBe(false);
    expect(r.structured).toMatchObject({ name: 'From MCP', createdById: 'ann', createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    expect(sql<{ createdById: string }>("SELECT createdById FROM Post WHERE name = 'From MCP'")).toEqual([{ createdById: 'ann' }]);
  });

  it('a read-only key cannot call a mutation; nothing is written', async () => {
    const before = sql<{ n: number }>('SELECT count(*) AS n FROM Post')[0]!.n;
    await expect(callTool(clients.annRo, 'post_create', { name: 'sneaky' })).rejects.toThrow(/403|insufficient_scope/);
    expect(sql<{ n: number }>('SELECT count(*) AS n FROM Post')[0]!.n).toBe(before);
  });

  it("bad input is refused naming the argument path, from the procedure's own zod schema", async () => {
    const empty = await callTool(clients.annRw, 'post_create', { name: '' });
    expect(empty.isError).toBe(true);
    expect(empty.text).toMatch(/^Invalid arguments for post_create:\nname: Too small: expected string to have >=1 characters?$/);
    const big = await callTool(clients.annRo, 'util_math_double', { input: 5000 });
    expect(big.text).toMatch(/^Invalid arguments for util_math_double:\ninput: Too big/);
    const type = await callTool(clients.annRo, 'post_hello', { text: 5 });
    expect(type.text).toMatch(/text: expected string, received number/);
  });

  it('TRPCError codes become tool errors with the app message', async () => {
    const [mine] = sql<{ id: number }>("SELECT id FROM Post WHERE createdById = 'ann' ORDER BY id LIMIT 1");
    const notFound = await callTool(clients.bobRw, 'post_by_id', { id: mine!.id });
    expect(notFound).toMatchObject({ isError: true, text: `NOT_FOUND: post ${mine!.id} not found` });
    const forbidden = await callTool(clients.bobRw, 'post_rename', { id: mine!.id, name: 'mine now' });
    expect(forbidden).toMatchObject({ isError: true, text: 'refused (FORBIDDEN): only the author may rename a post' });
    expect(sql<{ name: string }>(`SELECT name FROM Post WHERE id = ${mine!.id}`)[0]!.name).not.toBe('mine now');
  });

  it('an unexpected error is logged with a reference and answered without its message or stack', async () => {
    const r = await callTool(clients.annRo, 'post_broken');
    expect(r.isError).toBe(true);
    const ref = /^post_broken failed: internal error \(reference ([0-9a-f]+)\)$/.exec(r.text)?.[1];
    expect(ref, r.text).toBeDefined();
    await expect.poll(() => server.output()).toContain(`ref ${ref}`);
    expect(server.output()).not.toContain('postgres://secret');
  });

  it('a non-object input is the `input` argument; Date arguments and defaults reach the procedure', async () => {
    expect((await callTool(clients.annRo, 'util_math_double', { input: 21 })).structured).toEqual({ result: 42 });
    const at = '2026-03-01T10:00:00.000Z';
    expect((await callTool(clients.annRo, 'util_when_is', { at })).structured).toEqual({ iso: at, label: 'start' });
  });
});

describe('regenerate', () => {
  it('editing a procedure rewrites exactly its tool file; --check catches it first', async () => {
    const file = path.join(dir, 'src/server/api/routers/post.ts');
    const source = await fs.readFile(file, 'utf8');
    const edited = source.replace('z.object({ text: z.string().min(2).max(40) })', 'z.object({ text: z.string().min(2).max(40), shout: z.boolean().optional() })');
    expect(edited).not.toBe(source);
    await fs.writeFile(file, edited);
    const check = await mcpGen(['generate', '--check'], dir, env);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('stale:    src/mcp/generated/publish/trpc/post-hello.ts');
    expect(check.stdout.match(/^stale:/gm)).toHaveLength(1);
    const again = await generate({ root: dir });
    expect([...again.written, ...again.created, ...again.removed]).toEqual(['publish/trpc/post-hello.ts']);
    expect(again.scaffolded).toEqual([]);
    expect(await fs.readFile(path.join(dir, 'src/mcp/generated/publish/trpc/post-hello.ts'), 'utf8')).toContain('shout: z.boolean().optional()');
  }, 120_000);

  it('in compact mode the procedures sit behind describe_procedures and call_procedure, and the project type-checks', async () => {
    const config = path.join(dir, 'mcp-gen.config.ts');
    await fs.writeFile(config, (await fs.readFile(config, 'utf8')).replace("app: { description: 'The app', models: {} }", "app: { description: 'The app', models: {}, mode: 'compact' }"));
    const again = await generate({ root: dir });
    expect([...again.written, ...again.created, ...again.removed]).toEqual(['publish/trpc/tools.ts']);
    expect(await fs.readFile(path.join(dir, 'src/mcp/generated/publish/trpc/tools.ts'), 'utf8')).toMatch(/compactProcedureTools\(\[[\s\S]*postCreate,[\s\S]*\], 'app'\)/);
    const r = await typecheck(dir, 'ts7');
    expect(r.output).toBe('');
  }, 120_000);
});
