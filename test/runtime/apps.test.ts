// MCP Apps in the runtime (issue 24): what read tools with a view list and return for it, the
// app-only view_rows tool (same validator, handler and scopes as the tool it reruns; no state),
// and the data budget of a page. Golden blog modules + runtime, real Prisma client on SQLite,
// official SDK client over Streamable HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { RunningServer } from '../../templates/runtime/adapters/node.js';
import * as t from './fixture/runtime/tools/model-tools.js';
import { listRows } from './fixture/runtime/data/read.js';
import { VIEW_META_KEY } from './fixture/runtime/apps/meta.js';
import { VIEW_ROWS_TOOL, withViewRows } from './fixture/runtime/apps/view-rows.js';
import { viewResources } from './fixture/runtime/apps/resources.js';
import { models } from './fixture/registry.js';
import { blogPostSpec, BlogPostWhere } from './fixture/models/blog-post.js';
import { BlogPostOrderBy, BlogPostRow } from './fixture/schemas/blog-post.js';
import { CommentRow } from './fixture/schemas/comment.js';
import { UserRow } from './fixture/schemas/user.js';
import { commentSpec } from './fixture/models/comment.js';
import { createBlogDb, seedBlog, type BlogDb } from './blog-db.js';
import { call, connect, startBlogServer } from './mcp-client.js';

const meta = (name: string, title: string) => ({ name, toolset: 'blog', title, description: title, view: true });
const tools = withViewRows([
  t.listTool(commentSpec, meta('list_comments', 'List comments')),
  // The fixture's hand-written spec leaves nullability to these schemas.
  t.listTool(blogPostSpec, { ...meta('list_blog_posts', 'List posts'), where: BlogPostWhere, orderBy: BlogPostOrderBy, row: BlogPostRow, related: { author: UserRow, comments: CommentRow } }),
  t.aggregateTool(blogPostSpec, meta('aggregate_blog_posts', 'Aggregate posts')),
  t.deleteTool(commentSpec, meta('delete_comment', 'Delete comment')),
  t.countTool(commentSpec, { ...meta('count_comments', 'Count comments'), view: false }),
]);

let db: BlogDb;
let server: RunningServer;
let alice: Client;
let bob: Client;
let writer: Client;
let seed: Awaited<ReturnType<typeof seedBlog>>;

beforeAll(async () => {
  db = await createBlogDb('apps');
  seed = await seedBlog(db.prisma);
  const a = { id: seed.alice.id, email: seed.alice.email };
  const b = { id: seed.bob.id, email: seed.bob.email };
  server = await startBlogServer(db.prisma, {
    alice: { user: a, scopes: ['read', 'write'] },
    bob: { user: b, scopes: ['read'] },
    writer: { user: a, scopes: ['write'] },
  }, models, { tools });
  [alice, bob, writer] = await Promise.all([connect(server.url, 'alice'), connect(server.url, 'bob'), connect(server.url, 'writer')]);
});

afterAll(async () => {
  await Promise.all([alice?.close(), bob?.close(), writer?.close()]);
  await server?.close();
  await db?.cleanup();
});

const raw = (client: Client, name: string, args: Record<string, unknown>) => client.callTool({ name, arguments: args }) as Promise<{ structuredContent?: any; _meta?: any; isError?: boolean; content: any[] }>;

describe('tools/list', () => {
  it('read tools with a view name it in _meta.ui; view_rows is app-only; writes and tools without a view carry nothing', async () => {
    const byName = new Map((await alice.listTools()).tools.map((x) => [x.name, x]));
    expect(byName.get('list_comments')!._meta).toEqual({ ui: { resourceUri: 'ui://mcp-gen/table.html' } });
    expect(byName.get('aggregate_blog_posts')!._meta).toEqual({ ui: { resourceUri: 'ui://mcp-gen/chart.html' } });
    expect(byName.get(VIEW_ROWS_TOOL)!._meta).toEqual({ ui: { visibility: ['app'] } });
    expect(byName.get('delete_comment')!._meta).toBeUndefined();
    expect(byName.get('count_comments')!._meta).toBeUndefined();
  });
});

describe('results for the view', () => {
  it('carry column types, the sortable columns and how to page in _meta, outside structuredContent', async () => {
    const r = await raw(alice, 'list_blog_posts', { take: 2, include: ['author'] });
    const view = r._meta[VIEW_META_KEY];
    expect(view).toMatchObject({ model: 'BlogPost', shape: 'page', page: { tool: 'list_blog_posts', at: [] } });
    const kinds = Object.fromEntries(view.columns.map((c: any) => [c.name, c.kind]));
    expect(kinds).toMatchObject({ views: 'BigInt', rating: 'Decimal', publishedAt: 'DateTime', meta: 'Json', cover: 'Bytes', published: 'Boolean', author: 'relation' });
    expect(view.columns.find((c: any) => c.name === 'author')).toEqual({ name: 'author', kind: 'relation', model: 'User', label: 'name' });
    expect(view.columns.find((c: any) => c.name === 'title').sortable).toBe(true);
    expect(JSON.stringify(view)).not.toMatch(/internalNotes|passwordHash/);
    expect(r.structuredContent).not.toHaveProperty(VIEW_META_KEY);
    expect(r.structuredContent.items).toHaveLength(2);
  });
});

describe('view_rows', () => {
  it('reruns the list tool with the changed order: the same page the tool gives, with the same _meta', async () => {
    const args = { take: 3, orderBy: [{ title: 'desc' }] };
    const direct = await raw(alice, 'list_blog_posts', args);
    const viaView = await raw(alice, VIEW_ROWS_TOOL, { tool: 'list_blog_posts', arguments: args });
    expect(viaView.isError).toBeFalsy();
    expect(viaView.structuredContent).toEqual(direct.structuredContent);
    expect(viaView.structuredContent.items.map((p: any) => p.title)).toEqual(['Post 5', 'Post 4', 'Post 3']);
    expect(viaView._meta[VIEW_META_KEY]).toEqual(direct._meta[VIEW_META_KEY]);
  });

  it('pages with the list tool\'s own cursor and keeps no state: each call stands alone', async () => {
    const first = await raw(alice, VIEW_ROWS_TOOL, { tool: 'list_blog_posts', arguments: { take: 2 } });
    const cursor = first.structuredContent.nextCursor;
    // A second client (another "session") continues from the cursor alone.
    const next = await raw(bob, VIEW_ROWS_TOOL, { tool: 'list_blog_posts', arguments: { take: 2, cursor } });
    expect(next.structuredContent.items.map((p: any) => p.slug)).toEqual(['post-3', 'post-4']);
  });

  it('holds the scope of the tool it reruns: Alice and Bob each see only their comments', async () => {
    const mine = await call(alice, VIEW_ROWS_TOOL, { tool: 'list_comments', arguments: {} });
    const his = await call(bob, VIEW_ROWS_TOOL, { tool: 'list_comments', arguments: { where: { body: { contains: 'secret' } } } });
    expect(mine.data.items.map((c: any) => c.body)).toEqual(['alice on bob']);
    expect(his.data.items.map((c: any) => c.body)).toEqual(['bob secret on alice']);
    // A relation filter cannot reach the other user's comment either.
    const probe = await call(alice, VIEW_ROWS_TOOL, { tool: 'list_comments', arguments: { where: { post: { is: { slug: 'post-1' } } } } });
    expect(probe.data.items).toEqual([]);
  });

  it('refuses a caller without the read scope before anything runs (403), as the tool itself does', async () => {
    await expect(writer.callTool({ name: VIEW_ROWS_TOOL, arguments: { tool: 'list_comments', arguments: {} } })).rejects.toThrow(/403|insufficient_scope|read/);
    await expect(writer.callTool({ name: 'list_comments', arguments: {} })).rejects.toThrow(/403|insufficient_scope|read/);
  });

  it('validates the arguments with the tool\'s own validator, and names the path', async () => {
    const bad = await call(alice, VIEW_ROWS_TOOL, { tool: 'list_blog_posts', arguments: { orderBy: [{ internalNotes: 'asc' }] } });
    expect(bad.isError).toBe(true);
    expect(bad.text).toMatch(/^Invalid arguments for list_blog_posts:\narguments\.orderBy\[0\]/);
    const extra = await call(alice, VIEW_ROWS_TOOL, { tool: 'list_blog_posts', arguments: { take: 2, sql: 'x' } });
    expect(extra.text).toMatch(/arguments: unknown key "sql"/);
  });

  it('runs only read tools that have a view: not writes, not tools without a view', async () => {
    const before = await db.prisma.comment.count();
    for (const tool of ['delete_comment', 'count_comments', 'view_rows', 'nope']) {
      const r = await call(alice, VIEW_ROWS_TOOL, { tool, arguments: { where: { id: seed.aliceComment.id } } });
      expect(r.isError, tool).toBe(true);
      expect(r.text).toMatch(/tool: expected one of list_comments, list_blog_posts, aggregate_blog_posts/);
    }
    expect(await db.prisma.comment.count()).toBe(before);
  });
});

describe('the data budget', () => {
  const ctx = (user: unknown) => ({ user, scopes: ['read'], prisma: db.prisma, models, signal: new AbortController().signal, progress: async () => {}, log: async () => {} });

  it('cuts a page below maxBytes, says so, and its cursor continues with the next row: every row once, in order', async () => {
    const all = (await listRows(blogPostSpec, { take: 50 }, ctx(null))).items.map((p) => p['slug']);
    const rowBytes = Buffer.byteLength(JSON.stringify((await listRows(blogPostSpec, { take: 1 }, ctx(null))).items[0]));
    const seen: unknown[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listRows(blogPostSpec, { take: 4, ...(cursor ? { cursor } : {}) }, ctx(null), rowBytes * 2 + 20);
      expect(page.items.length).toBeLessThanOrEqual(2);
      if (page.hasMore && page.items.length < 4) expect(page.note).toMatch(/cut to \d rows to stay under \d+ bytes; pass nextCursor/);
      seen.push(...page.items.map((p) => p['slug']));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toEqual(all);
    expect(pages).toBe(3);
  });

  it('always keeps one row, so paging moves on even past a row larger than the budget', async () => {
    const page = await listRows(blogPostSpec, { take: 3 }, ctx(null), 10);
    expect(page.items).toHaveLength(1);
    expect(page.hasMore).toBe(true);
  });
});

describe('the view resources (a provider for the resources capability)', () => {
  const sources = { table: '<!doctype html><title>t</title>', chart: '<!doctype html><title>c</title>' };

  it('lists the views the tools point at, reads each byte for byte, and owns exactly its URIs', async () => {
    const provider = viewResources(sources, tools);
    expect(provider.list().map((r) => [r.uri, r.mimeType])).toEqual([
      ['ui://mcp-gen/chart.html', 'text/html;profile=mcp-app'],
      ['ui://mcp-gen/table.html', 'text/html;profile=mcp-app'],
    ]);
    expect(await provider.read('ui://mcp-gen/table.html')).toEqual([{ uri: 'ui://mcp-gen/table.html', mimeType: 'text/html;profile=mcp-app', text: sources.table, _meta: { ui: { prefersBorder: true } } }]);
    expect(provider.owns('ui://mcp-gen/other.html')).toBe(false);
    expect(provider.need()).toBeUndefined();
    expect([provider.serves(undefined), provider.serves('blog'), provider.serves('shop')]).toEqual([true, true, false]);
  });

  it('serves nothing when no tool has a view', () => {
    const provider = viewResources(sources, [t.deleteTool(commentSpec, { ...meta('delete_comment', 'Delete'), view: false })]);
    expect(provider.list()).toEqual([]);
    expect(provider.serves(undefined)).toBe(false);
  });
});
