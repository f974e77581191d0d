// Scope checks that need a scope the fixture does not have: a created row outside the scope is
// rolled back, and a to-one include into a scoped model comes back as null.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as t from '../../templates/runtime/tools/model-tools.js';
import type { Registry, ToolContext, ToolDef } from '../../templates/runtime/core/spec.js';
import { toolErrorMessage } from '../../templates/runtime/core/errors.js';
import { blogPostSpec } from './fixture/models/blog-post.js';
import { commentSpec, CommentWhere } from './fixture/models/comment.js';
import { models } from './fixture/registry.js';
import { BlogPostRow } from './fixture/schemas/blog-post.js';
import { CommentCreate, CommentOrderBy, CommentRow, CommentUnique, CommentUpdate } from './fixture/schemas/comment.js';
import { createBlogDb, seedBlog, type BlogDb } from './blog-db.js';

let db: BlogDb;
let seed: Awaited<ReturnType<typeof seedBlog>>;

beforeAll(async () => {
  db = await createBlogDb('scope');
  seed = await seedBlog(db.prisma);
});
afterAll(() => db?.cleanup());

function ctx(user: { id: number }, registry: Registry = models): ToolContext & { models: Registry } {
  return { user, scopes: ['read', 'write'], prisma: db.prisma, models: registry, signal: new AbortController().signal, progress: async () => {}, log: async () => {} };
}

async function run(tool: ToolDef, args: unknown, c: ReturnType<typeof ctx>): Promise<unknown> {
  try {
    return await tool.handler(tool.input.parse(args), c);
  } catch (error) {
    return { error: toolErrorMessage(error, tool.name) };
  }
}

describe('scope on writes and includes', () => {
  it('rolls back a create whose row ends up outside the scope', async () => {
    // A scope the server-set authorId alone cannot satisfy: own comments, but none saying "forbidden".
    const strict: typeof commentSpec = { ...commentSpec, scope: (u) => ({ authorId: u.id, NOT: { body: 'forbidden' } }) };
    const create = t.createTool(strict, { name: 'create_comment', toolset: 'blog', title: 'c', description: 'c', data: CommentCreate, row: CommentRow });
    const before = await db.prisma.comment.count();
    const refused = await run(create, { data: { body: 'forbidden', postId: seed.alicePost.id } }, ctx(seed.alice));
    expect(refused).toEqual({ error: 'the new Comment would be outside the rows you may access; nothing was saved' });
    expect(await db.prisma.comment.count()).toBe(before);
    const update = t.updateTool(strict, { name: 'update_comment', toolset: 'blog', title: 'u', description: 'u', unique: CommentUnique, data: CommentUpdate, row: CommentRow });
    const moved = await run(update, { where: { id: seed.aliceComment.id }, data: { body: 'forbidden' } }, ctx(seed.alice));
    expect(moved).toEqual({ error: 'the updated Comment would be outside the rows you may access; nothing was saved' });
    expect((await db.prisma.comment.findUnique({ where: { id: seed.aliceComment.id } })).body).toBe('alice on bob');
  });

  it('hides a to-one include into a scoped model', async () => {
    const scopedPosts: Registry = { ...models, BlogPost: { ...blogPostSpec, scope: (u: { id: number }) => ({ authorId: u.id }) } };
    const list = t.listTool(commentSpec, { name: 'list_comments', toolset: 'blog', title: 'l', description: 'l', where: CommentWhere, orderBy: CommentOrderBy, row: CommentRow, related: { post: BlogPostRow } });
    // Bob commented on Alice's post: with posts scoped by author, Bob may not see it.
    const page = (await run(list, { include: ['post'], where: { id: seed.bobComment.id } }, ctx(seed.bob, scopedPosts))) as { items: { post: unknown }[] };
    expect(page.items).toHaveLength(1);
    expect(page.items[0]!.post).toBeNull();
    const own = (await run(list, { include: ['post'] }, ctx(seed.alice, scopedPosts))) as { items: { post: { slug: string } | null }[] };
    expect(own.items[0]!.post).toBeNull(); // Alice's comment is on Bob's post
    const visible = (await run(list, { include: ['post'] }, ctx(seed.alice))) as { items: { post: { slug: string } | null }[] };
    expect(visible.items[0]!.post?.slug).toBe('post-4');
  });
});
