// The blog fixture's Prisma client on any test database (SQLite, PostgreSQL, MariaDB): the schema's
// provider is swapped, the client generated into a scratch folder and the schema pushed. Reliability
// tests drive the golden blog tools (test/runtime/fixture) against it.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaMariaDb } from '@prisma/adapter-mariadb';
import { PrismaPg } from '@prisma/adapter-pg';
import { freshDatabase, type TestProvider } from '../helpers/databases.js';
import { generatePrismaClient } from '../helpers/prisma-generate.js';
import { pushSchema } from '../helpers/push-schema.js';
import { repoRoot } from '../helpers/repo.js';

export interface BlogOn {
  readonly provider: TestProvider;
  readonly url: string;
  readonly prisma: any;
  /** Another client on the same database, with its own adapter options (pool size, statement time-outs…). */
  client(url?: string, options?: Record<string, unknown>): any;
  /** Runs SQL on the database through a client of its own. */
  sql(statement: string): Promise<void>;
  cleanup(): Promise<void>;
}

const clients = new Map<string, Promise<new (o: object) => any>>();

/** Generates the blog client for `provider` once per process. */
function clientClass(provider: TestProvider): Promise<new (o: object) => any> {
  let entry = clients.get(provider);
  if (!entry) {
    entry = (async () => {
      const dir = path.join(repoRoot, '.scratch', 'reliability', `client-${provider}-${process.pid}`);
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, 'schema.prisma'), blogSchema(provider));
      await generatePrismaClient(dir, 'schema.prisma');
      const mod = (await import(pathToFileURL(path.join(dir, 'client/client.ts')).href)) as { PrismaClient: new (o: object) => any };
      return mod.PrismaClient;
    })();
    clients.set(provider, entry);
  }
  return entry;
}

export function blogSchema(provider: TestProvider): string {
  return readFileSync(path.join(repoRoot, 'fixtures/blog/prisma/schema.prisma'), 'utf8')
    .replace('output   = "../src/generated/prisma"', 'output   = "./client"')
    .replace('provider = "sqlite"', `provider = "${provider}"`);
}

export function adapterFor(provider: TestProvider, url: string, options: Record<string, unknown> = {}): unknown {
  if (provider === 'sqlite') return new PrismaBetterSqlite3({ url, ...options });
  if (provider === 'postgresql') return new PrismaPg({ connectionString: url, ...options });
  const u = new URL(url.replace(/^mysql:/, 'mariadb:'));
  for (const [k, v] of Object.entries(options)) u.searchParams.set(k, String(v));
  return new PrismaMariaDb(u.toString());
}

export async function createBlogOn(provider: TestProvider): Promise<BlogOn> {
  const PrismaClient = await clientClass(provider);
  const dir = path.join(repoRoot, '.scratch', 'reliability');
  mkdirSync(dir, { recursive: true });
  const db = await freshDatabase(provider, dir);
  await pushSchema({ files: [['schema.prisma', blogSchema(provider)]], url: db.url, provider });
  const opened: any[] = [];
  const client = (url = db.url, options: Record<string, unknown> = {}) => {
    const c = new PrismaClient({ adapter: adapterFor(provider, url, options) });
    opened.push(c);
    return c;
  };
  const prisma = client();
  const admin = client();
  return {
    provider,
    url: db.url,
    prisma,
    client,
    sql: async (statement) => void (await admin.$executeRawUnsafe(statement)),
    async cleanup() {
      await Promise.allSettled(opened.map((c) => c.$disconnect()));
      await db.drop();
    },
  };
}
