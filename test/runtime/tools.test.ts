// The generated tools end to end: golden blog modules + runtime, real Prisma client on SQLite,
// official SDK client over Streamable HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { RunningServer } from '../../templates/runtime/adapters/node.js';
import { createBlogDb, seedBlog, type BlogDb } from './blog-db.js';
import { call, connect, startBlogServer } from './mcp-client.js';

let db: BlogDb;
let server: RunningServer;
let alice: Client;
let bob: Client;
let reader: Client;
let seed: Awaited<ReturnType<typeof seedBlog>>;

beforeAll(async () => {
  db = await createBlogDb('tools');
  seed = await seedBlog(db.prisma);
  const a = { id: seed.alice.id, email: seed.alice.email };
  const b = { id: seed.bob.id, email: seed.bob.email };
  server = await startBlogServer(db.prisma, {
    alice: { user: a, scopes: ['read', 'write'] },
    bob: { user: b, scopes: ['read', 'write'] },
    reader: { user: a, scopes: ['read'] },
  });
  [alice, bob, reader] = await Promise.all([connect(server.url, 'alice'), connect(server.url, 'bob'), connect(server.url, 'reader')]);
});

afterAll(async () => {
  await Promise.all([alice?.close(), bob?.close(), reader?.close()]);
  await server?.close();
  await db?.cleanup();
});

describe('tools/list', () => {
  it('offers lean schemas without hidden fields', async () => {
    const { tools } = await alice.listTools();
    expect(tools.map((t) => t.name)).toContain('delete_comment');
    const list = tools.find((t) => t.name === 'list_blog_posts')!;
    const json = JSON.stringify(list.inputSchema);
    expect(json).toContain('"$ref":"#/definitions/StringFilter"');
    expect(json).not.toMatch(/passwordHash|internalNotes/);
    expect(JSON.stringify(tools)).not.toMatch(/passwordHash|internalNotes/);
    // Related models are named, not inlined: their own tools list their fields.
    expect(json).not.toContain('WhereClause');
    expect(json.length).toBeLessThan(4_000);
    // orderBy names the sortable fields once (propertyNames), not one member per field.
    const orderBy = (list.inputSchema as unknown as { properties: { orderBy: { items: Record<string, unknown> } } }).properties.orderBy.items;
    expect(orderBy).toMatchObject({ propertyNames: { enum: expect.arrayContaining(['title', 'createdAt']) }, additionalProperties: { enum: ['asc', 'desc'] } });
    // The result's envelope is advertised; its rows are objects (the runtime checks them exactly).
    expect(list.outputSchema).toMatchObject({ type: 'object', required: ['items', 'nextCursor', 'hasMore'] });
    expect(list.annotations).toMatchObject({ readOnlyHint: true, idempotentHint: true, openWorldHint: false });
  });

  it('hides write tools from a read-only key', async () => {
    const names = (await reader.listTools()).tools.map((t) => t.name);
    expect(names).toContain('list_comments');
    expect(names).not.toContain('create_comment');
  });
});

describe('list', () => {
  it('returns lossless values and never unexposed columns', async () => {
    const r = await call(alice, 'list_blog_posts', { where: { slug: 'post-1' } });
    expect(r.isError).toBe(false);
    const [post] = r.data.items;
    expect(post).toMatchObject({ slug: 'post-1', views: '9007199254740994', rating: '4.25', publishedAt: '2024-01-01T00:00:00.000Z', cover: 'AQID/w==', meta: { tags: ['a', 1] } });
    expect(post).not.toHaveProperty('internalNotes');
    expect(JSON.parse(r.text)).toEqual(r.data);
  });

  it('filters with codecs, relations and logic', async () => {
    const r = await call(alice, 'list_blog_posts', {
      where: { views: { gt: '9007199254740995' }, publishedAt: { lt: '2024-01-05T00:00:00Z' }, author: { is: { email: 'alice@example.com' } }, OR: [{ published: true }, { title: 'Post 2' }] },
      orderBy: [{ title: 'desc' }],
      select: ['slug'],
    });
    expect(r.data.items).toEqual([{ slug: 'post-3' }]);
  });

  it('pages with cursors and reports a clamped take', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const r = await call(alice, 'list_blog_posts', { orderBy: [{ title: 'desc' }], take: 2, select: ['slug'], ...(cursor ? { cursor } : {}) });
      seen.push(...r.data.items.map((i: { slug: string }) => i.slug));
      cursor = r.data.nextCursor ?? undefined;
      expect(r.data.hasMore).toBe(cursor !== undefined);
    } while (cursor);
    expect(seen).toEqual(['post-5', 'post-4', 'post-3', 'post-2', 'post-1']);
    // A take above the limit (50) that every row fits: nothing was cut, and the answer does not say it was.
    const big = await call(alice, 'list_blog_posts', { take: 500 });
    expect(big.data.items).toHaveLength(5);
    expect(big.data.hasMore).toBe(false);
    expect(big.data.note).toBeUndefined();
    expect(big.text).not.toContain('cut short');
  });

  it('answers bad arguments with the path and the reason', async () => {
    const r = await call(alice, 'list_blog_posts', { where: { title: { contains: 5 } } });
    expect(r.isError).toBe(true);
    expect(r.text).toContain('where.title.contains: expected string, received number');
    expect(r.text).not.toMatch(/\bat .*\.(js|ts):\d+/);
    const hidden = await call(alice, 'list_users', { where: { passwordHash: { startsWith: 'a' } } });
    expect(hidden.text).toContain('where: unknown key "passwordHash"');
    const sortHidden = await call(alice, 'list_blog_posts', { orderBy: [{ internalNotes: 'asc' }] });
    expect(sortHidden.text).toContain('unknown key "internalNotes"');
    const date = await call(alice, 'list_blog_posts', { where: { createdAt: { gt: 'yesterday' } } });
    expect(date.text).toContain('where.createdAt.gt: expected an ISO-8601 date-time');
    const cursor = await call(alice, 'list_blog_posts', { cursor: 'garbage!' });
    expect(cursor.text).toBe('cursor is not valid');
  });
});

describe('get, count, aggregate', () => {
  it('gets by a composite unique key', async () => {
    const r = await call(alice, 'get_blog_post', { where: { authorId_title: { authorId: seed.alice.id, title: 'Post 2' } }, include: ['author'] });
    expect(r.data).toMatchObject({ slug: 'post-2', author: { email: 'alice@example.com' } });
    expect(r.data.author).not.toHaveProperty('passwordHash');
    const two = await call(alice, 'get_blog_post', { where: { id: 1, slug: 'post-1' } });
    expect(two.text).toContain('set exactly one of: id, slug, authorId_title');
  });

  it('counts and aggregates losslessly', async () => {
    expect((await call(alice, 'count_blog_posts', { where: { published: true } })).data).toEqual({ count: 3 });
    const agg = await call(alice, 'aggregate_blog_posts', { _sum: ['views'], _max: ['publishedAt'], _count: ['_all'] });
    expect(agg.data.groups).toEqual([{ _sum: { views: String(5n * 9007199254740993n + 15n) }, _max: { publishedAt: '2024-01-05T00:00:00.000Z' }, _count: { _all: 5 } }]);
    const grouped = await call(alice, 'aggregate_blog_posts', { by: ['authorId'], _count: ['_all'] });
    expect(grouped.data.groups).toEqual([
      { authorId: seed.alice.id, _count: { _all: 3 } },
      { authorId: seed.bob.id, _count: { _all: 2 } },
    ]);
  });
});

describe('row scoping (Comment: authorId = user.id)', () => {
  it('list, get, count and aggregate see only own rows', async () => {
    const list = await call(alice, 'list_comments');
    expect(list.data.items.map((c: { body: string }) => c.body)).toEqual(['alice on bob']);
    const other = await call(alice, 'get_comment', { where: { id: seed.bobComment.id } });
    const missing = await call(alice, 'get_comment', { where: { id: 999_999 } });
    expect(other.isError).toBe(true);
    expect(other.text).toBe(missing.text);
    expect((await call(alice, 'count_comments')).data.count).toBe(1);
    expect((await call(alice, 'aggregate_comments', { _count: ['_all'] })).data.groups).toEqual([{ _count: { _all: 1 } }]);
  });

  it('includes and relation filters carry the scope', async () => {
    const posts = await call(alice, 'list_blog_posts', { where: { slug: 'post-1' }, include: ['comments'] });
    expect(posts.data.items[0].comments).toEqual([]);
    const some = await call(alice, 'count_blog_posts', { where: { comments: { some: { body: { contains: 'secret' } } } } });
    expect(some.data.count).toBe(0);
    // Bob's comment on post-1 says nothing about "every" for Alice: she has none there.
    const every = await call(alice, 'list_blog_posts', { where: { comments: { every: { body: { startsWith: 'alice' } } } }, select: ['slug'] });
    expect(every.data.items.map((p: { slug: string }) => p.slug)).toContain('post-1');
    const users = await call(alice, 'list_users', { include: ['comments'], where: { email: 'bob@example.com' } });
    expect(users.data.items[0].comments).toEqual([]);
  });

  it("refuses another user's cursor", async () => {
    for (let i = 0; i < 3; i++) await db.prisma.comment.create({ data: { body: `bob ${i}`, postId: seed.bobPost.id, authorId: seed.bob.id } });
    const page = await call(bob, 'list_comments', { take: 1 });
    expect(page.data.nextCursor).toBeTruthy();
    const reused = await call(alice, 'list_comments', { cursor: page.data.nextCursor });
    expect(reused.text).toBe('cursor is not valid');
  });

  it('writes only own rows and sets the owner on create', async () => {
    const created = await call(alice, 'create_comment', { data: { body: 'new', postId: seed.bobPost.id } });
    expect(created.data).toMatchObject({ body: 'new', authorId: seed.alice.id });
    const spoof = await call(alice, 'create_comment', { data: { body: 'x', postId: seed.bobPost.id, authorId: seed.bob.id } });
    expect(spoof.text).toContain('data: unknown key "authorId"');
    const before = await db.prisma.comment.findUnique({ where: { id: seed.bobComment.id } });
    const update = await call(alice, 'update_comment', { where: { id: seed.bobComment.id }, data: { body: 'hacked' } });
    expect(update.text).toBe('Comment not found');
    const del = await call(alice, 'delete_comment', { where: { id: seed.bobComment.id } });
    expect(del.text).toBe('Comment not found');
    expect(await db.prisma.comment.findUnique({ where: { id: seed.bobComment.id } })).toEqual(before);
    const own = await call(alice, 'update_comment', { where: { id: created.data.id }, data: { body: 'edited' } });
    expect(own.data.body).toBe('edited');
    expect((await call(alice, 'delete_comment', { where: { id: created.data.id } })).data.body).toBe('edited');
  });
});

describe('writes', () => {
  it('maps unique and foreign-key violations to clear tool errors', async () => {
    const dup = await call(alice, 'update_blog_post', { where: { slug: 'post-2' }, data: { slug: 'post-1' } });
    expect(dup.isError).toBe(true);
    expect(dup.text).toMatch(/same slug already exists/);
    const fk = await call(alice, 'create_blog_post', { data: { slug: 'orphan', title: 'Orphan', authorId: 999_999 } });
    expect(fk.text).toMatch(/foreign key/);
    const ok = await call(alice, 'create_blog_post', { data: { slug: 'new', title: 'New', authorId: seed.bob.id, views: '1234567890123456789', rating: 1.5, cover: 'AAE=' } });
    expect(ok.data).toMatchObject({ views: '1234567890123456789', rating: '1.5', cover: 'AAE=', published: false });
  });
});
