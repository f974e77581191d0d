// A real Prisma client on a fresh SQLite database for the blog fixture: the schema is copied to a
// scratch folder inside the repo (so the generated client resolves @prisma/client), generated
// with the WASM compiler (no engine binaries here) and pushed with the WASM schema engine.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { pushSchema } from '../helpers/push-schema.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface BlogDb {
  // The generated client's type lives in a scratch folder; tests use it structurally.
  readonly prisma: any;
  /** The SQLite database file. */
  readonly file: string;
  cleanup(): Promise<void>;
}

export async function createBlogDb(name: string): Promise<BlogDb> {
  const dir = path.join(root, '.scratch', 'runtime-tests', `${name}-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const schema = readFileSync(path.join(root, 'fixtures/blog/prisma/schema.prisma'), 'utf8').replace(
    'output   = "../src/generated/prisma"',
    'output   = "./client"',
  );
  const schemaPath = path.join(dir, 'schema.prisma');
  writeFileSync(schemaPath, schema);
  execFileSync(path.join(root, 'node_modules/.bin/prisma'), ['generate', '--schema', schemaPath], {
    cwd: dir,
    env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: '/bin/true' },
    stdio: 'pipe',
  });
  const file = path.join(dir, 'test.db');
  const url = `file:${file}`;
  await pushSchema({ files: [['schema.prisma', schema]], url, provider: 'sqlite' });
  const { PrismaClient } = (await import(pathToFileURL(path.join(dir, 'client/client.ts')).href)) as { PrismaClient: new (o: object) => any };
  const prisma = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url }) });
  return {
    prisma,
    file,
    async cleanup() {
      await prisma.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Two users with posts; comments by both on each other's posts. */
export async function seedBlog(prisma: any) {
  const alice = await prisma.user.create({ data: { email: 'alice@example.com', name: 'Alice', role: 'AUTHOR', passwordHash: 'secret-hash-a' } });
  const bob = await prisma.user.create({ data: { email: 'bob@example.com', name: 'Bob', passwordHash: 'secret-hash-b' } });
  for (let i = 1; i <= 5; i++) {
    await prisma.blogPost.create({
      data: {
        slug: `post-${i}`,
        title: `Post ${i}`,
        published: i % 2 === 1,
        views: 9007199254740993n + BigInt(i),
        rating: i === 1 ? '4.25' : null,
        publishedAt: new Date(Date.UTC(2024, 0, i)),
        meta: { tags: ['a', i] },
        cover: i === 1 ? new Uint8Array([1, 2, 3, 255]) : null,
        internalNotes: 'do not leak',
        authorId: i <= 3 ? alice.id : bob.id,
      },
    });
  }
  const alicePost = await prisma.blogPost.findUnique({ where: { slug: 'post-1' } });
  const bobPost = await prisma.blogPost.findUnique({ where: { slug: 'post-4' } });
  const aliceComment = await prisma.comment.create({ data: { body: 'alice on bob', postId: bobPost.id, authorId: alice.id } });
  const bobComment = await prisma.comment.create({ data: { body: 'bob secret on alice', postId: alicePost.id, authorId: bob.id } });
  return { alice, bob, alicePost, bobPost, aliceComment, bobComment };
}
