// The fuzz target: the golden blog tools plus one custom tool, on a seeded SQLite database, served
// by the runtime's MCP server to the official SDK client. In process (the SDK's in-memory transport)
// for volume, or over real HTTP. Each call is checked against the promises of issue 11: an answer
// (never a thrown protocol error), no stack trace or internal error, nothing hidden or out of scope
// in the answer, and no database change from a refused call.
import fc from 'fast-check';
import { z } from 'zod';
import { Client, InMemoryTransport } from '@modelcontextprotocol/client';
import { compactTools } from '../../templates/runtime/tools/compact/tools.js';
import { createDefineTool, fromDefinition } from '../../templates/runtime/tools/custom.js';
import { createToolServer } from '../../templates/runtime/mcp/server.js';
import type { ToolDef } from '../../templates/runtime/core/spec.js';
import { defineRegistry } from '../../templates/runtime/data/validators.js';
import { models } from '../runtime/fixture/registry.js';
import { tools as blogTools } from '../runtime/fixture/tools.js';
import { createBlogDb, seedBlog, type BlogDb } from '../runtime/blog-db.js';
import { call, connect, startBlogServer } from '../runtime/mcp-client.js';
import type { RunningServer } from '../../templates/runtime/adapters/node.js';
import { argsFor, forgedCursor, hostileString, hostileValue } from './arbitraries.js';

const defineTool = createDefineTool<{ prisma: any; user: { id: number } }>();

/** A custom write tool the way a project writes one: zod input, Prisma inside. */
const renamePost = fromDefinition(
  defineTool({
    description: 'Rename one of your posts.',
    input: z.object({ id: z.number().int(), title: z.string().min(1).max(200) }),
    async handler({ id, title }, ctx) {
      const { count } = await ctx.prisma.blogPost.updateMany({ where: { id, authorId: ctx.user.id }, data: { title } });
      if (count === 0) throw new Error('post not found');
      return { renamed: id };
    },
  }),
  { name: 'rename_post', toolset: 'blog', title: 'Rename a post' },
);

/**
 * The specs as compact mode emits them: toolset, allowed operations and writable fields. Comment
 * allows every write (scoped: Bob's comment must stay out of reach); BlogPost is unscoped in the
 * fixture, so it is only updated (deleting a post would take Bob's comment with it).
 */
const compactModels = defineRegistry({
  BlogPost: { ...models['BlogPost']!, toolset: 'blog', operations: ['list', 'get', 'count', 'aggregate', 'update'], writable: ['title', 'body', 'published', 'views', 'rating'], createOptional: ['body', 'published', 'views', 'rating'] },
  Comment: { ...models['Comment']!, toolset: 'blog', operations: ['list', 'get', 'count', 'aggregate', 'create', 'update', 'delete'], writable: ['body', 'postId'], createOptional: [] },
  User: { ...models['User']!, toolset: 'blog' },
});

/** Full mode's per-model tools, a custom tool, and compact mode's describe_models / query / mutate. */
export const tools: readonly ToolDef[] = [...blogTools, renamePost, ...compactTools(compactModels, ['BlogPost', 'Comment', 'User'])];

/** Values that must never reach Alice: hidden fields' contents and Bob's comment. */
const SECRETS = ['secret-hash-a', 'secret-hash-b', 'do not leak', 'bob secret on alice'];

export interface Shape {
  readonly tool: string;
  /** Tells shapes of one tool apart (`query aggregate`); @default tool */
  readonly name?: string;
  readonly args: fc.Arbitrary<Record<string, unknown>>;
}

export interface FuzzTarget {
  readonly shapes: readonly Shape[];
  /** Calls `tool` and checks every promise; returns a failure description, or undefined. */
  check(tool: string, args: Record<string, unknown>): Promise<string | undefined>;
  /** Same target over real HTTP (createHandler + listen, SDK client). */
  overHttp(): Promise<{ check: FuzzTarget['check']; url: string; close(): Promise<void> }>;
  close(): Promise<void>;
}

function json(v: unknown): string {
  return JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? `${x}n` : x instanceof Uint8Array ? Buffer.from(x).toString('base64') : x));
}

export async function createFuzzTarget(name: string): Promise<FuzzTarget> {
  const db: BlogDb = await createBlogDb(`fuzz-${name}`);
  const seed = await seedBlog(db.prisma);
  const alice = { id: seed.alice.id, email: seed.alice.email };
  const bobComment = await db.prisma.comment.findUnique({ where: { id: seed.bobComment.id } });
  const bobCommentIds = new Set([seed.bobComment.id]);
  const seedCommentIds = (await db.prisma.comment.findMany({ select: { id: true } })).map((c: { id: number }) => c.id);

  // In process: one server instance over the SDK's in-memory transport (the 2025 handshake).
  const mcp = createToolServer({ name: 'fuzz', version: '0', tools, models, prisma: db.prisma })({
    caller: { user: alice, scopes: ['read', 'write'], credential: { kind: 'api-key', id: 'alice' } },
  });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await mcp.connect(serverSide);
  const client = new Client({ name: 'fuzz', version: '0' });
  await client.connect(clientSide);

  const dump = async () =>
    json(await Promise.all([
      db.prisma.user.findMany({ orderBy: { id: 'asc' } }),
      db.prisma.blogPost.findMany({ orderBy: { id: 'asc' } }),
      db.prisma.comment.findMany({ orderBy: { id: 'asc' } }),
    ]));

  const checkWith = (invoke: (tool: string, args: Record<string, unknown>) => Promise<{ isError: boolean; text: string; data: unknown }>) =>
    async (tool: string, args: Record<string, unknown>): Promise<string | undefined> => {
      // Only write tools can change the database; reads skip the (costly) before/after snapshot.
      const writes = tools.find((t) => t.name === tool)?.access === 'write';
      const before = writes ? await dump() : '';
      let r: { isError: boolean; text: string; data: unknown };
      try {
        r = await invoke(tool, args);
      } catch (error) {
        return `the call threw instead of answering: ${String(error).slice(0, 300)}`;
      }
      const answer = r.text + json(r.data ?? null);
      if (/\n\s+at |internal error/.test(r.text)) return `stack trace or internal error: ${r.text.slice(0, 300)}`;
      const leaked = SECRETS.find((s) => answer.includes(s));
      if (leaked) return `leaked "${leaked}"`;
      if (!r.isError && /"(passwordHash|internalNotes)"/.test(json(r.data))) return 'a hidden field in a result';
      const comments = tool.endsWith('comment') || tool.endsWith('comments') || ((tool === 'query' || tool === 'mutate') && args['model'] === 'Comment');
      if (!r.isError && comments) {
        const ids = [(r.data as any)?.id, ...((r.data as any)?.items ?? []).map((i: any) => i?.id)];
        if (ids.some((id) => bobCommentIds.has(id))) return `an out-of-scope comment in ${tool}`;
      }
      if (writes && r.isError && (await dump()) !== before) return `a refused call changed the database: ${r.text.slice(0, 200)}`;
      // Comments created by accepted calls are removed again: the before/after snapshot of write
      // calls then stays the seed's size instead of growing with every case.
      if (writes && !r.isError) await db.prisma.comment.deleteMany({ where: { id: { notIn: seedCommentIds } } });
      const bobNow = await db.prisma.comment.findUnique({ where: { id: seed.bobComment.id } });
      if (json(bobNow) !== json(bobComment)) return "Bob's comment changed";
      return undefined;
    };

  const ownComment = seed.aliceComment.id;
  const shapes: Shape[] = [
    { tool: 'list_comments', args: argsFor({ where: { body: { contains: 'a' }, post: { is: { published: true } } }, orderBy: [{ id: 'desc' }], take: 5, select: ['id', 'body'], include: ['post'] }, { cursor: forgedCursor }) },
    { tool: 'list_blog_posts', args: argsFor({ where: { OR: [{ title: { startsWith: 'P' } }, { comments: { some: { body: { contains: 'o' } } } }] }, take: 3, include: ['comments', 'author'] }, { cursor: forgedCursor }) },
    { tool: 'get_comment', args: argsFor({ where: { id: ownComment }, select: ['id', 'body'], include: ['author'] }) },
    { tool: 'count_comments', args: argsFor({ where: { postId: { in: [1, 2, 3] }, NOT: [{ body: 'x' }] } }) },
    { tool: 'aggregate_comments', args: argsFor({ where: { id: { gte: 1 } }, by: ['postId'], _count: ['_all'], _max: ['id'], orderBy: [{ _count: { id: 'desc' } }, { postId: 'asc' }], having: { id: { _count: { gte: 1 } } }, take: 5, skip: 1 }) },
    { tool: 'create_comment', args: argsFor({ data: { body: 'hello', postId: seed.bobPost.id } }) },
    { tool: 'update_comment', args: argsFor({ where: { id: ownComment }, data: { body: 'edited' } }, { where: hostileValue.map((v) => ({ id: v })) }) },
    { tool: 'delete_comment', args: argsFor({ where: { id: seed.bobComment.id } }) },
    { tool: 'rename_post', args: argsFor({ id: seed.alicePost.id, title: 'Renamed' }, { title: hostileString }) },
    { tool: 'describe_models', args: argsFor({ models: ['Comment', 'BlogPost'] }) },
    // Compact mode: every query and mutate operation with arguments close to valid ones, so the
    // hostile variations reach the per-model argument checks and the scoped queries behind them.
    ...([
      ['findMany', 'Comment', { where: { OR: [{ body: { contains: 'o' } }, { post: { is: { published: true } } }] }, orderBy: { id: 'desc' }, take: 5, include: { post: true } }],
      ['findFirst', 'BlogPost', { where: { comments: { some: { body: { contains: 'a' } } } }, select: { id: true, title: true } }],
      ['findUnique', 'Comment', { where: { id: ownComment }, select: { id: true, body: true, author: true } }],
      ['count', 'Comment', { where: { postId: { in: [1, 2, 3] }, NOT: [{ body: 'x' }] } }],
      ['aggregate', 'Comment', { where: { id: { gte: 1 } }, _count: { _all: true }, _max: { id: true } }],
      ['groupBy', 'Comment', { by: ['postId'], _count: { _all: true }, orderBy: { _count: { id: 'desc' } }, having: { postId: { _max: { gt: 0 } } }, take: 5, skip: 1 }],
    ] as const).map(([operation, model, a]): Shape => ({ tool: 'query', name: `query ${operation}`, args: argsFor({ model, operation, args: a }) })),
    ...([
      ['create', 'Comment', { data: { body: 'hello', postId: seed.bobPost.id } }],
      ['update', 'BlogPost', { where: { id: seed.alicePost.id }, data: { title: 'Renamed', published: true } }],
      ['delete', 'Comment', { where: { id: seed.bobComment.id } }],
    ] as const).map(([operation, model, a]): Shape => ({ tool: 'mutate', name: `mutate ${operation}`, args: argsFor({ model, operation, args: a }) })),
    {
      tool: 'query',
      args: argsFor(
        { model: 'Comment', operation: 'findMany', args: { where: { body: { contains: 'o' }, post: { is: { published: true } } }, orderBy: [{ id: 'desc' }], take: 5, select: { id: true, body: true } } },
        { operation: fc.constantFrom('findMany', 'findFirst', 'findUnique', 'count', 'aggregate', 'groupBy', 'deleteMany', '__proto__'), model: fc.constantFrom('Comment', 'BlogPost', 'User', 'McpApiKey', 'comment', '__proto__') },
      ),
    },
    {
      tool: 'mutate',
      args: argsFor(
        { model: 'Comment', operation: 'update', args: { where: { id: seed.bobComment.id }, data: { body: 'mine now' } } },
        { operation: fc.constantFrom('create', 'update', 'delete', 'upsert', 'updateMany', 'deleteMany'), model: fc.constantFrom('Comment', 'BlogPost', 'User', '__proto__') },
      ),
    },
  ];

  return {
    shapes,
    check: checkWith((tool, args) => call(client, tool, args)),
    async overHttp() {
      const server: RunningServer = await startBlogServer(db.prisma, { alice: { user: alice, scopes: ['read', 'write'] } }, models, { tools });
      const http = await connect(server.url, 'alice');
      return {
        url: server.url,
        check: checkWith((tool, args) => call(http, tool, args)),
        async close() {
          await http.close();
          await server.close();
        },
      };
    },
    async close() {
      await client.close();
      await mcp.close();
      await db.cleanup();
    },
  };
}
