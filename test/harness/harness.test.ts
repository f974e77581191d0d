// Proves the e2e harness without mcp-gen's generator: a hand-written server over the blog fixture,
// real Prisma client + database, real HTTP, the official SDK client.
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { connectClient, callTool } from '../helpers/client.js';
import { freshDatabase, testDatabases } from '../helpers/databases.js';
import { generatePrismaClient } from '../helpers/prisma-generate.js';
import { pushSchema } from '../helpers/push-schema.js';
import { createScratchProject, removeScratch } from '../helpers/scratch.js';
import { startServer } from '../helpers/server.js';
import { setDatasourceProvider, stripDatasourceUrls } from '../helpers/strip-datasource-urls.js';
import { typecheck } from '../helpers/tsc.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const SCHEMA = 'prisma/schema.prisma';

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  console.log(`[harness] ${label}: ${Math.round(performance.now() - started)} ms`);
  return result;
}

// Minimal view of the generated client, enough for this test without importing its types.
interface BlogClient {
  user: { create(args: { data: { email: string; passwordHash: string; role?: string } }): Promise<{ id: number }> };
  $disconnect(): Promise<void>;
}

async function openClient(dir: string, provider: string, url: string): Promise<BlogClient> {
  const { PrismaClient } = (await import(pathToFileURL(path.join(dir, 'src/generated/prisma/client.ts')).href)) as {
    PrismaClient: new (opts: { adapter: unknown }) => BlogClient;
  };
  const adapter =
    provider === 'postgresql'
      ? new (await import('@prisma/adapter-pg')).PrismaPg({ connectionString: url })
      : provider === 'mysql'
        ? new (await import('@prisma/adapter-mariadb')).PrismaMariaDb(url.replace(/^mysql:/, 'mariadb:'))
        : new (await import('@prisma/adapter-better-sqlite3')).PrismaBetterSqlite3({ url });
  return new PrismaClient({ adapter });
}

describe.each(testDatabases)('harness on $label', ({ provider }) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('generates, pushes, type-checks, serves and answers a tool call', async () => {
    const dir = await createScratchProject(`harness-${provider}`, { fixtureDir: 'fixtures/blog' });
    cleanups.push(() => removeScratch(dir));
    // The fixture's seed script imports files only mcp-gen generates; this test has no generator.
    await rm(path.join(dir, 'prisma/seed.ts'), { force: true });
    const schemaPath = path.join(dir, SCHEMA);
    const schema = setDatasourceProvider(await readFile(schemaPath, 'utf8'), provider);
    // Prisma 5/6 style `url` line: generate and push must both cope with it.
    await writeFile(schemaPath, schema.replace(/(provider\s*=\s*"(?:sqlite|postgresql|mysql)")/, '$1\n  url      = env("DATABASE_URL")'));
    expect(stripDatasourceUrls(await readFile(schemaPath, 'utf8')).split('\n')).toHaveLength(schema.split('\n').length + 1);

    await timed(`${provider} prisma generate`, () => generatePrismaClient(dir, SCHEMA));
    const db = await freshDatabase(provider, dir);
    cleanups.push(() => db.drop());
    await timed(`${provider} push`, async () =>
      pushSchema({ files: [['schema.prisma', await readFile(schemaPath, 'utf8')]], url: db.url, provider }),
    );

    await mkdir(path.join(dir, 'src/mcp'), { recursive: true });
    await copyFile(path.join(here, 'fixture/server.ts.txt'), path.join(dir, 'src/mcp/server.ts'));

    if (provider === 'sqlite') {
      for (const compiler of ['ts7', 'ts5'] as const) {
        const result = await typecheck(dir, compiler);
        console.log(`[harness] tsc ${compiler}: ${result.ms} ms`);
        expect(result.output).toBe('');
        expect(result.ok).toBe(true);
      }
    }

    const server = await timed(`${provider} server start`, () =>
      startServer(dir, { env: { DATABASE_URL: db.url, DATABASE_PROVIDER: provider } }),
    );
    cleanups.push(() => server.stop());
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);

    const client = await connectClient(server.url);
    cleanups.push(() => client.close());
    const tools = await client.listTools();
    expect(tools.tools.map((t) => t.name)).toEqual(['count_users']);

    expect(await callTool(client, 'count_users', {})).toEqual({ isError: false, structured: { count: 0 }, text: '0' });

    const prisma = await openClient(dir, provider, db.url);
    cleanups.push(() => prisma.$disconnect());
    await prisma.user.create({ data: { email: 'ada@example.com', passwordHash: 'x', role: 'AUTHOR' } });
    await prisma.user.create({ data: { email: 'bob@example.com', passwordHash: 'x' } });

    expect((await callTool(client, 'count_users', {})).structured).toEqual({ count: 2 });
    expect((await callTool(client, 'count_users', { role: 'AUTHOR' })).structured).toEqual({ count: 1 });
    const invalid = await callTool(client, 'count_users', { role: 'NOPE' });
    expect(invalid.isError).toBe(true);
    expect(invalid.text).toMatch(/role/);
  });
});

describe('harness failure modes', () => {
  it('reports a server that never prints its listening line, with its output', async () => {
    const dir = await createScratchProject('harness-bad-server');
    try {
      await mkdir(path.join(dir, 'src/mcp'), { recursive: true });
      await writeFile(path.join(dir, 'src/mcp/server.ts'), "console.log('booting'); throw new Error('boom at startup');\n");
      await expect(startServer(dir)).rejects.toThrow(/exited[\s\S]*booting[\s\S]*boom at startup/);
    } finally {
      await removeScratch(dir);
    }
  });

  it('fails a schema push with the engine error', async () => {
    await expect(
      pushSchema({
        files: [['schema.prisma', 'datasource db {\n  provider = "sqlite"\n}\nmodel A {\n  id Int @id\n  b  Nope\n}\n']],
        url: 'file::memory:',
        provider: 'sqlite',
      }),
    ).rejects.toThrow(/pushSchema \(sqlite/);
  });

  it.each([
    ['postgresql', 'MCPGEN_TEST_POSTGRES_URL', 'postgresql://postgres:secret@127.0.0.1:1/test'],
    ['mysql', 'MCPGEN_TEST_MYSQL_URL', 'mysql://root:secret@127.0.0.1:1/test'],
  ] as const)('fails loudly when configured %s is unreachable, naming the env var and URL', async (provider, envVar, url) => {
    const failure = freshDatabase(provider, here, { [envVar]: url });
    await expect(failure).rejects.toThrow(new RegExp(`${envVar}=\\S*127\\.0\\.0\\.1:1`));
    await expect(failure).rejects.not.toThrow(/secret/);
  });
});
