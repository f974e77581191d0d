// On SQLite through better-sqlite3 a statement runs to completion on the server's own thread, so a
// create whose server-set values put the row in scope is one INSERT, with no transaction around
// it (model-write.ts). What must still hold: other creates keep their transaction, a time limit
// never answers "timed out" about an INSERT that then commits, and the answer a caller gets always
// matches what is in the database.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { delegate, runsInline } from '../../templates/runtime/data/db.js';
import { checkDeadline, uninterrupted, withDeadline } from '../../templates/runtime/data/deadline.js';
import { toolErrorMessage } from '../../templates/runtime/core/errors.js';
import * as t from '../../templates/runtime/tools/model-tools.js';
import type { ToolContext } from '../../templates/runtime/core/spec.js';
import { commentSpec } from './fixture/models/comment.js';
import { models } from './fixture/registry.js';
import { CommentCreate, CommentRow } from './fixture/schemas/comment.js';
import { sqliteStatements } from '../helpers/sqlite-statements.js';
import { createBlogDb, seedBlog, type BlogDb } from './blog-db.js';

let db: BlogDb;
let seed: Awaited<ReturnType<typeof seedBlog>>;

beforeAll(async () => {
  db = await createBlogDb('inline');
  seed = await seedBlog(db.prisma);
}, 120_000);
afterAll(() => db?.cleanup());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function ctx(signal = new AbortController().signal): ToolContext & { models: typeof models } {
  return { user: seed.alice, scopes: ['read', 'write'], prisma: db.prisma, models, signal, progress: async () => {}, log: async () => {} };
}

const create = (spec = commentSpec) => t.createTool(spec, { name: 'create_comment', toolset: 'blog', title: 'c', description: 'c', data: CommentCreate, row: CommentRow });

describe('creates on a driver that runs statements inline', () => {
  it('knows the better-sqlite3 client, and only it, runs inline', () => {
    // Read from the real client: a Prisma upgrade that moves this is noticed here, not in a slower bench.
    expect(runsInline(db.prisma)).toBe(true);
    expect(runsInline({})).toBe(false);
    expect(runsInline(null)).toBe(false);
  });

  it('sends one INSERT for a create its own values put in scope', async () => {
    let row: { id: number; authorId: number } | undefined;
    const sent = await sqliteStatements(async () => {
      row = (await create().handler({ data: { body: 'one statement', postId: seed.alicePost.id } } as never, ctx())) as never;
    });
    expect(sent).toEqual(['INSERT']);
    expect(row!.authorId).toBe(seed.alice.id);
    expect(await db.prisma.comment.findUnique({ where: { id: row!.id } })).toMatchObject({ body: 'one statement', authorId: seed.alice.id });
  });

  it('keeps the transaction when the values alone do not settle the scope', async () => {
    const strict: typeof commentSpec = { ...commentSpec, scope: (u) => ({ authorId: u.id, NOT: { body: 'forbidden' } }) };
    const sent = await sqliteStatements(() => create(strict).handler({ data: { body: 'checked', postId: seed.alicePost.id } } as never, ctx()));
    expect(sent[0]).toBe('BEGIN');
    expect(sent).toContain('INSERT');
    expect(sent.at(-1)).toBe('COMMIT');
  });

  it('answers what the database holds when the INSERT waits past the time limit', async () => {
    // Another process holds SQLite's write lock for 800 ms; the call's limit is 200 ms.
    const holder = spawn(process.execPath, ['-e', `
      const D = require('better-sqlite3'); const d = new D(${JSON.stringify(db.file)});
      d.exec('BEGIN EXCLUSIVE'); process.stdout.write('locked\\n');
      setTimeout(() => { d.exec('COMMIT'); d.close(); }, 800);`], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => holder.stdout!.once('data', () => resolve()));
    const body = `written under a lock ${Date.now()}`;
    const tool = create();
    let answer: string;
    try {
      const value = await withDeadline(200, new AbortController().signal, (signal) => tool.handler({ data: { body, postId: seed.alicePost.id } } as never, ctx(signal)));
      answer = `created ${(value as { id: number }).id}`;
    } catch (error) {
      answer = toolErrorMessage(error, tool.name);
    }
    await new Promise((resolve) => holder.once('exit', resolve));
    const stored = await db.prisma.comment.findFirst({ where: { body } });
    // Whichever way it went (written once the lock was free, or refused as busy), the answer says so.
    if (answer.startsWith('created')) expect(answer).toBe(`created ${stored?.id}`);
    else {
      expect(stored).toBeNull();
      expect(answer).not.toMatch(/internal error/);
    }
  });
});

describe('a section the time limit does not interrupt', () => {
  it('gets its real outcome when the limit passes while it runs', async () => {
    let seen: AbortSignal | undefined;
    const value = await withDeadline(30, new AbortController().signal, (signal) => {
      seen = signal;
      return uninterrupted(signal, () => sleep(120).then(() => 'written'));
    });
    expect(value).toBe('written');
    // Nothing new starts after it: the signal says the time is up.
    expect(seen!.aborted).toBe(true);
    expect(() => checkDeadline(seen)).toThrow(/timed out after 30 ms/);
  });

  it('still times out a call that keeps working after it', async () => {
    const started = Date.now();
    const late = withDeadline(30, new AbortController().signal, async (signal) => {
      await uninterrupted(signal, () => sleep(80));
      await sleep(2000);
      return 'too late';
    });
    await expect(late).rejects.toThrow(/timed out after 30 ms/);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('stops a statement that would start after the limit', async () => {
    const after = withDeadline(30, new AbortController().signal, async (signal) => {
      await uninterrupted(signal, () => sleep(80));
      return delegate(db.prisma, commentSpec, signal).findMany({});
    });
    await expect(after).rejects.toThrow(/timed out after 30 ms/);
  });
});
