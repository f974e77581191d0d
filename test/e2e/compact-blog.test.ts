/**
 * Issue 9, compact mode end to end: the blog fixture generated with `mode: 'compact'`, type-checked
 * (TS 5), served, and driven by the official SDK client through describe_models → query → mutate.
 * A refused mutate is checked against a direct snapshot of the SQLite database.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { createScratchProject, removeScratch } from '../helpers/scratch.js';
import { generatePrismaClient } from '../helpers/prisma-generate.js';
import { pushSchema } from '../helpers/push-schema.js';
import { typecheck } from '../helpers/tsc.js';
import { startServer } from '../helpers/server.js';
import { callTool, connectClient } from '../helpers/client.js';
import { openSql, type Sql } from './scoping/sql.js';
import { mcpGen, REPO, tsx } from './cli.js';

let dir: string;
let server: Awaited<ReturnType<typeof startServer>>;
let client: Client;
let sql: Sql;

beforeAll(async () => {
  dir = await createScratchProject('blog-compact', { fixtureDir: path.join(REPO, 'fixtures/blog') });
  const configFile = path.join(dir, 'mcp-gen.config.ts');
  await fs.writeFile(configFile, (await fs.readFile(configFile, 'utf8')).replace("auth: 'none',", "auth: 'none',\n  mode: 'compact',"));
  const init = await mcpGen(['init', '--yes', '--no-install', '--auth', 'none'], dir);
  expect(init.code, init.stderr).toBe(0);
  await generatePrismaClient(dir, 'prisma/schema.prisma');
  const schema = await fs.readFile(path.join(dir, 'prisma/schema.prisma'), 'utf8');
  const env = { DATABASE_URL: `file:${path.join(dir, 'dev.db')}` };
  await pushSchema({ files: [['prisma/schema.prisma', schema]], url: env.DATABASE_URL, provider: 'sqlite' });
  await tsx('prisma/seed.ts', dir, env);
  server = await startServer(dir, { env });
  client = await connectClient(server.url);
  sql = await openSql('sqlite', env.DATABASE_URL);
}, 180_000);

afterAll(async () => {
  await client?.close();
  await server?.stop();
  await sql?.close();
  if (dir) await removeScratch(dir);
});

const ok = async (name: string, args: Record<string, unknown>) => {
  const r = await callTool(client, name, args);
  expect(r.isError, `${name} ${JSON.stringify(args)}: ${r.text}`).toBe(false);
  return r.structured as Record<string, unknown>;
};
const refused = async (name: string, args: Record<string, unknown>) => {
  const r = await callTool(client, name, args);
  expect(r.isError, `${name} ${JSON.stringify(args)} should be refused: ${r.text}`).toBe(true);
  return r.text;
};

describe('compact mode on the blog fixture', () => {
  it('generates no per-model tools and type-checks (TS 5)', async () => {
    expect(await fs.readdir(path.join(dir, 'src/mcp/generated/runtime/tools/compact'))).toEqual(expect.arrayContaining(['tools.ts', 'describe.ts']));
    const r = await typecheck(dir, 'ts5');
    expect(r.output).toBe('');
    expect(r.ok).toBe(true);
  });

  it('lists describe_models, query and mutate only, with portable schemas', async () => {
    const { tools } = await client.listTools();
    // The fixture's custom tool (greet) stays; no per-model tool is generated.
    expect(tools.map((t) => t.name).sort()).toEqual(['describe_models', 'greet', 'mutate', 'query', 'view_rows']);
    const mutate = tools.find((t) => t.name === 'mutate')!;
    expect(mutate.annotations).toMatchObject({ destructiveHint: true, readOnlyHint: false });
    const json = JSON.stringify(tools.filter((t) => t.name !== 'greet'));
    expect(json).not.toMatch(/"type":\[/);
    expect(json).not.toMatch(/:\{\}/);
    expect(json).not.toMatch(/internalNotes|passwordHash/);
  });

  it('runs the chain: describe → findMany with a relation filter and include → next page → aggregate → create → findUnique', async () => {
    const list = (await ok('describe_models', {})).text as string;
    expect(list).toMatch(/^BlogPost: A blog post\. \[findMany findUnique findFirst count aggregate groupBy \| mutate: create update delete\]$/m);
    expect(list).toMatch(/^User.*\[findMany findUnique findFirst count\]$/m);
    const post = (await ok('describe_models', { models: ['BlogPost'] })).text as string;
    expect(post).toMatch(/^ {2}slug String — URL slug; unique\.$/m);
    expect(post).toMatch(/^ {2}author → User \(one\)$/m);
    expect(post).toMatch(/unique where \(findUnique, update, delete\): \{ id \} \| \{ slug \} \| \{ authorId_title: \{ authorId, title \} \}/);
    expect(post).toMatch(/create data: slug, title, authorId required; optional body/);
    expect(post).not.toMatch(/internalNotes/);

    // Ann's posts with a comment, through two relations, and their author included.
    const args = { where: { author: { email: 'ann@example.com' }, comments: { some: { author: { is: { name: 'Bob' } } } } }, orderBy: { id: 'asc' }, take: 2, select: { id: true, title: true, author: true } };
    const first = await ok('query', { model: 'BlogPost', operation: 'findMany', args });
    expect((first.items as { id: number; title: string; author: { name: string } }[]).map((p) => [p.id, p.title, p.author.name])).toEqual([
      [1, 'Post 0', 'Ann'],
      [2, 'Post 1', 'Ann'],
    ]);
    expect(first.items).toEqual([expect.not.objectContaining({ slug: expect.anything() }), expect.anything()]);
    expect(first.hasMore).toBe(true);
    const second = await ok('query', { model: 'BlogPost', operation: 'findMany', args: { ...args, cursor: first.nextCursor } });
    expect((second.items as { id: number }[]).map((p) => p.id)).toEqual([3]);
    expect(second).toMatchObject({ hasMore: false, nextCursor: null });

    const agg = await ok('query', { model: 'BlogPost', operation: 'aggregate', args: { where: { published: true }, _count: true, _max: { views: true }, _avg: { id: true } } });
    expect(agg).toEqual({ _count: { _all: 8 }, _max: { views: '9007199254741000' }, _avg: { id: 4.5 } });

    const created = await ok('mutate', { model: 'BlogPost', operation: 'create', args: { data: { slug: 'compact', title: 'Compact', authorId: 2, views: '12' } } });
    expect(created).toMatchObject({ slug: 'compact', title: 'Compact', authorId: 2, views: '12', published: false });
    const found = await ok('query', { model: 'BlogPost', operation: 'findUnique', args: { where: { slug: 'compact' }, include: { author: true } } });
    expect(found).toMatchObject({ id: created.id, title: 'Compact', author: { name: 'Bob' } });
    await ok('mutate', { model: 'BlogPost', operation: 'delete', args: { where: { id: created.id } } });
  });

  it('a refused mutate leaves the database unchanged, and says why', async () => {
    const before = await Promise.all(['posts', 'User', 'Comment'].map((t) => sql.rows(t)));
    expect(await refused('mutate', { model: 'BlogPost', operation: 'create', args: { data: { slug: 'x', title: 'X', authorId: 1, internalNotes: 'n' } } })).toMatch(
      /^mutate BlogPost\.create: args\.data: unknown key "internalNotes"\nBlogPost create data: slug, title, .*authorId/,
    );
    expect(await refused('mutate', { model: 'User', operation: 'create', args: { data: { email: 'x@example.com' } } })).toMatch(/User does not allow create; it allows: findMany, findUnique, findFirst, count/);
    expect(await refused('mutate', { model: 'BlogPost', operation: 'update', args: { where: { id: 1, slug: 'post-0' }, data: { title: 'T' } } })).toMatch(/args\.where: set exactly one of: id, slug, authorId_title/);
    expect(await refused('mutate', { model: 'BlogPost', operation: 'delete', args: { where: { id: 9999 } } })).toMatch(/BlogPost not found/);
    expect(await refused('mutate', { model: 'Secret', operation: 'delete', args: { where: { id: 1 } } })).toMatch(/unknown model "Secret"; models you may change: BlogPost, Comment/);
    expect(await Promise.all(['posts', 'User', 'Comment'].map((t) => sql.rows(t)))).toEqual(before);
  });

  it('names the model, the path inside args and the valid names on a mistake', async () => {
    expect(await refused('query', { model: 'BlogPost', operation: 'findMany', args: { where: { titel: 'x' } } })).toMatch(
      /^query BlogPost\.findMany: args\.where: unknown key "titel"\nBlogPost filters on: id, slug, title, .*; relations: author, comments, tags/,
    );
    expect(await refused('query', { model: 'BlogPost', operation: 'findMany', args: { where: { author: { is: { emial: 'x' } } } } })).toMatch(/args\.where\.author\.is: unknown key "emial"\nUser filters on: id, email/);
    expect(await refused('query', { model: 'BlogPost', operation: 'findMany', args: { where: { views: { contains: 'x' } } } })).toMatch(/BlogPost\.views takes: equals not in notIn lt lte gt gte/);
    expect(await refused('query', { model: 'BlogPost', operation: 'groupBy', args: { by: ['meta'] } })).toMatch(/args\.by\[0\].*\nBlogPost by: id, slug/);
    expect(await refused('query', { model: 'BlogPost', operation: 'findMany', args: { skip: 3 } })).toMatch(/unknown key "skip"\nBlogPost findMany args: where, orderBy, take, cursor, select, include/);
    expect(await refused('query', { model: 'BlogPost', operation: 'findMany', args: { include: { likes: true } } })).toMatch(/args\.include: unknown key "likes"\nBlogPost include: author, comments, tags/);
  });

  it('findFirst and groupBy go through the same scoped runtime', async () => {
    expect(await ok('query', { model: 'BlogPost', operation: 'findFirst', args: { where: { published: false }, orderBy: { id: 'desc' }, select: { id: true } } })).toEqual({ item: { id: 12 } });
    const groups = await ok('query', { model: 'BlogPost', operation: 'groupBy', args: { by: 'authorId', _count: { _all: true } } });
    expect(groups).toEqual({ groups: [{ authorId: 1, _count: { _all: 9 } }, { authorId: 2, _count: { _all: 3 } }] });
  });
});
