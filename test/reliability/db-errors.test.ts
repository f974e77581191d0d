/**
 * Issue 11, part 1: every database failure a caller can cause is a clear tool error, on each
 * database, through the real Prisma 7 client and driver adapter, the golden blog tools and the
 * official SDK client over HTTP. Messages name visible fields only, never hidden ones (internalNotes,
 * passwordHash), and never quote the database's own text.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { RunningServer } from '../../templates/runtime/adapters/node.js';
import { delegate, transaction } from '../../templates/runtime/data/db.js';
import { testDatabases } from '../helpers/databases.js';
import { blogPostSpec } from '../runtime/fixture/models/blog-post.js';
import { call, connect, startBlogServer } from '../runtime/mcp-client.js';
import { createBlogOn, type BlogOn } from './blog-on.js';
import { rebuildSqliteTable } from './sqlite-rebuild.js';

const INTERNAL = /internal error|\n\s+at |Prisma|SQL|constraint failed|violates/;

describe.each(testDatabases)('database errors on $label', ({ provider }) => {
  let blog: BlogOn;
  let server: RunningServer;
  let client: Client;
  let alice: { id: number };

  beforeAll(async () => {
    blog = await createBlogOn(provider);
    alice = await blog.prisma.user.create({ data: { email: 'alice@example.com', name: 'Alice', passwordHash: 'h' } });
    await blog.prisma.blogPost.create({ data: { slug: 'p1', title: 'First', authorId: alice.id, internalNotes: 'n' } });
    server = await startBlogServer(blog.prisma, { alice: { user: { id: alice.id, email: 'alice@example.com' }, scopes: ['read', 'write'] } });
    client = await connect(server.url, 'alice');
  }, 120_000);

  afterAll(async () => {
    await client?.close();
    await server?.close();
    await blog?.cleanup();
  });

  const refused = async (tool: string, args: Record<string, unknown>) => {
    const r = await call(client, tool, args);
    expect(r.isError, `${tool} should fail: ${r.text}`).toBe(true);
    expect(r.text).not.toMatch(INTERNAL);
    expect(r.text).not.toMatch(/internalNotes|passwordHash/);
    return r.text;
  };
  const posts = async () => (await blog.prisma.blogPost.findMany({ orderBy: { id: 'asc' }, select: { slug: true, title: true, body: true } })) as unknown[];

  /** Adds (or removes) NOT NULL on a posts column, the way each database allows. */
  const notNull = async (column: string, on: boolean) => {
    const q = provider === 'mysql' ? '`' : '"';
    if (on) await blog.sql(`UPDATE posts SET ${q}${column}${q} = 'x' WHERE ${q}${column}${q} IS NULL`);
    if (provider === 'sqlite') {
      rebuildSqliteTable(blog.url, 'posts', (sql) =>
        on ? sql.replace(`"${column}" TEXT,`, `"${column}" TEXT NOT NULL,`) : sql.replace(`"${column}" TEXT NOT NULL,`, `"${column}" TEXT,`));
    } else if (provider === 'postgresql') {
      await blog.sql(`ALTER TABLE posts ALTER COLUMN "${column}" ${on ? 'SET' : 'DROP'} NOT NULL`);
    } else {
      await blog.sql(`ALTER TABLE posts MODIFY \`${column}\` VARCHAR(191) ${on ? 'NOT NULL' : 'NULL'}`);
    }
  };

  it('unique violations name the visible fields of the key', async () => {
    const before = await posts();
    expect(await refused('create_blog_post', { data: { slug: 'p1', title: 'Other', authorId: alice.id } })).toBe('a row with the same slug already exists');
    expect(await refused('create_blog_post', { data: { slug: 'p2', title: 'First', authorId: alice.id } })).toBe('a row with the same authorId, title already exists');
    expect(await posts()).toEqual(before);
  });

  it('foreign-key violations say the related row is missing', async () => {
    const text = await refused('create_blog_post', { data: { slug: 'orphan', title: 'Orphan', authorId: 999_999 } });
    expect(text).toMatch(/^the related row does not exist or is still referenced \(foreign key/);
    // SQLite reports no column for a foreign-key failure; the others name it.
    if (provider !== 'sqlite') expect(text).toContain('authorId');
  });

  it('a NOT NULL column the schema calls optional (drift) names the visible field', async () => {
    await notNull('body', true);
    try {
      expect(await refused('create_blog_post', { data: { slug: 'nobody', title: 'No body', authorId: alice.id } })).toBe('a value is required for body');
      expect(await refused('update_blog_post', { where: { slug: 'p1' }, data: { body: null } })).toMatch(/^a value is required for body$|^update_blog_post/);
    } finally {
      await notNull('body', false);
    }
  });

  it('a NOT NULL hidden column is reported without its name', async () => {
    await notNull('internalNotes', true);
    try {
      expect(await refused('create_blog_post', { data: { slug: 'hidden', title: 'Hidden', authorId: alice.id } })).toBe(
        'a required value is missing (the database refused an empty value)',
      );
    } finally {
      await notNull('internalNotes', false);
    }
  });

  it('check constraints are reported as a broken rule', async () => {
    if (provider === 'sqlite') {
      rebuildSqliteTable(blog.url, 'posts', (sql) => sql.replace(/\)\s*$/, ', CONSTRAINT "posts_title_check" CHECK (length("title") > 2))'));
    } else {
      const len = provider === 'postgresql' ? 'length(title)' : 'CHAR_LENGTH(title)';
      await blog.sql(`ALTER TABLE posts ADD CONSTRAINT posts_title_check CHECK (${len} > 2)`);
    }
    const before = await posts();
    expect(await refused('create_blog_post', { data: { slug: 'short', title: 'ab', authorId: alice.id } })).toBe(
      'a value breaks a rule of the database (check constraint on title)',
    );
    expect(await posts()).toEqual(before);
  });

  it.skipIf(provider === 'sqlite')('values too long or out of range for the column', async () => {
    await blog.sql(provider === 'postgresql' ? 'ALTER TABLE posts ALTER COLUMN slug TYPE varchar(12)' : 'ALTER TABLE posts MODIFY slug VARCHAR(12) NOT NULL');
    expect(await refused('create_blog_post', { data: { slug: 'x'.repeat(40), title: 'Long', authorId: alice.id } })).toMatch(/^a value is too long for its column/);
    const big = `1${'0'.repeat(40)}`;
    expect(await refused('create_blog_post', { data: { slug: 'big', title: 'Big', authorId: alice.id, rating: big } })).toMatch(
      /^a number is out of range for its column/,
    );
  });

  /** A server whose calls have 500 ms, and its client as alice. */
  async function timedServer() {
    const keys = { alice: { user: { id: alice.id, email: 'alice@example.com' }, scopes: ['read', 'write'] } };
    const timed = await startBlogServer(blog.prisma, keys, undefined, { callTimeoutMs: 500 });
    const client = await connect(timed.url, 'alice');
    return {
      client,
      close: async () => {
        await client.close();
        await timed.close();
      },
    };
  }

  /** Runs `run` while another connection holds the row lock `lockSql` takes, then releases it. */
  async function underLock<T>(lockSql: string, run: () => Promise<T>): Promise<T> {
    let release!: () => void;
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const held = blog.client().$transaction(async (tx: any) => {
      await tx.$executeRawUnsafe(lockSql);
      locked();
      await new Promise<void>((resolve) => (release = resolve));
    }, { timeout: 30_000 });
    try {
      await isLocked;
      return await run();
    } finally {
      release();
      await held;
    }
  }

  // better-sqlite3 is synchronous: a locked SQLite file blocks the process itself, so no time limit can run.
  it.skipIf(provider === 'sqlite')('a call over its time limit is answered, rolled back, and leaves the pool free', async () => {
    const timed = await timedServer();
    await underLock(`SELECT id FROM posts WHERE slug = 'p1' FOR UPDATE`, async () => {
      const started = Date.now();
      const r = await call(timed.client, 'update_blog_post', { where: { slug: 'p1' }, data: { title: 'Changed under lock' } });
      expect(r.text).toMatch(/^timed out after 500 ms/);
      expect(Date.now() - started).toBeLessThan(3000);
    });
    // The blocked UPDATE finishes once the lock is gone, but its transaction has expired: rolled back.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await blog.prisma.blogPost.findUnique({ where: { slug: 'p1' } })).title).toBe('First');
    // Nothing is left holding a connection, and the same process serves the next call.
    const r = await call(timed.client, 'get_blog_post', { where: { slug: 'p1' }, select: ['title'] });
    expect(r.data).toEqual({ title: 'First' });
    await timed.close();
  });

  // A single INSERT blocked on the row it refers to (its foreign-key check waits for a lock) must
  // not commit after the caller was told it timed out: that is why creates keep their transaction.
  it.skipIf(provider === 'sqlite')('a create blocked past its time limit is answered and rolled back, not committed later', async () => {
    const timed = await timedServer();
    // An exclusive row lock on the author: the INSERT's foreign-key check has to wait for it.
    const user = provider === 'postgresql' ? '"User"' : 'User';
    await underLock(`SELECT id FROM ${user} WHERE id = ${alice.id} FOR UPDATE`, async () => {
      const r = await call(timed.client, 'create_blog_post', { data: { slug: 'blocked', title: 'Blocked', authorId: alice.id } });
      expect(r.text).toMatch(/^timed out after 500 ms/);
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await blog.prisma.blogPost.findUnique({ where: { slug: 'blocked' } })).toBeNull();
    await timed.close();
  });

  // PostgreSQL aborts the transaction that waited first once its deadlock check runs (deadlock_timeout,
  // 1 s): ours is made to wait first, so ours is the victim, and the runtime must run it again.
  it.runIf(provider === 'postgresql')('a deadlock victim is retried and its write lands once', async () => {
    const a = (await blog.prisma.blogPost.create({ data: { slug: 'dl-a', title: 'Alpha', authorId: alice.id } })).id;
    const b = (await blog.prisma.blogPost.create({ data: { slug: 'dl-b', title: 'Bravo', authorId: alice.id } })).id;
    const other = blog.client();
    let oursLocked!: () => void;
    let theirsLocked!: () => void;
    const oursHasA = new Promise<void>((resolve) => (oursLocked = resolve));
    const theirsHasB = new Promise<void>((resolve) => (theirsLocked = resolve));
    let attempts = 0;
    const ours = transaction(blog.prisma, async (tx) => {
      attempts++;
      const posts = delegate(tx, blogPostSpec);
      await posts.update({ where: { id: a }, data: { title: 'ours A' }, select: { id: true } });
      if (attempts === 1) {
        oursLocked();
        await theirsHasB;
      }
      await posts.update({ where: { id: b }, data: { title: 'ours B' }, select: { id: true } });
    });
    const theirs = other.$transaction(async (tx: any) => {
      await oursHasA;
      await tx.blogPost.update({ where: { id: b }, data: { title: 'theirs B' } });
      theirsLocked();
      await new Promise((resolve) => setTimeout(resolve, 300));
      await tx.blogPost.update({ where: { id: a }, data: { title: 'theirs A' } });
    }, { timeout: 20_000 });
    await Promise.all([ours, theirs]);
    expect(attempts).toBe(2);
    const titles = await blog.prisma.blogPost.findMany({ where: { id: { in: [a, b] } }, orderBy: { id: 'asc' }, select: { title: true } });
    expect(titles).toEqual([{ title: 'ours A' }, { title: 'ours B' }]);
  });

  it('an unreachable database answers "database unavailable, try again"', async () => {
    // A port that refuses connections: the adapter cannot reach the server.
    const closed = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const port = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(port));
      });
    });
    const url =
      provider === 'sqlite' ? 'file:/nonexistent-dir/for-mcp-gen/test.db' : blog.url.replace(/127\.0\.0\.1:\d+/, `127.0.0.1:${closed}`);
    // Short pool time-outs: MariaDB's pool otherwise waits 10 s per call before giving up.
    const down = blog.client(url, provider === 'mysql' ? { acquireTimeout: 1500, connectTimeout: 1000 } : provider === 'postgresql' ? { connectionTimeoutMillis: 1000 } : {});
    const downServer = await startBlogServer(down, { alice: { user: { id: alice.id, email: 'alice@example.com' }, scopes: ['read', 'write'] } });
    const downClient = await connect(downServer.url, 'alice');
    try {
      for (const [tool, args] of [['list_blog_posts', {}], ['count_users', {}], ['create_comment', { data: { body: 'x', postId: 1 } }]] as const) {
        const r = await call(downClient, tool, args);
        expect(r.isError, `${tool}: ${r.text}`).toBe(true);
        expect(r.text).toBe('database unavailable, try again');
      }
    } finally {
      await downClient.close();
      await downServer.close();
    }
  });
});
