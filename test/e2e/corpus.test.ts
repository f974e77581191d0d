/**
 * Issue 5 (and issue 2's "every real-world schema generates"): each real-world schema (../helpers/real-world.ts;
 * skipped when absent, as in a fresh clone: `npm run corpus:fetch` gets them)
 * gets a scratch project exposing every model read-only, `mcp-gen init` + generate, the Prisma client,
 * and a strict type check. Against its own kind of database (SQLite always; PostgreSQL and MariaDB when
 * configured) the schema is pushed, the server started, and every list tool called once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusNamesOrPinned, corpusProvider, createCorpusProject, REAL_WORLD, SCHEMA_PATH, type CorpusProject } from './corpus-project.js';
import { corpusManifest } from '../helpers/real-world.js';
import { mcpGen } from './cli.js';
import { removeScratch } from '../helpers/scratch.js';
import { generatePrismaClient } from '../helpers/prisma-generate.js';
import { typecheck } from '../helpers/tsc.js';
import { freshDatabase, testDatabases } from '../helpers/databases.js';
import { pushSchema } from '../helpers/push-schema.js';
import { startServer } from '../helpers/server.js';
import { callTool, connectClient } from '../helpers/client.js';

const names = corpusNamesOrPinned();
/** The largest schema also type-checks under TypeScript 5 (slow): that is where size would hurt. */
const TS5_TOO = new Set(['trigger.dev']);

it.skipIf(!REAL_WORLD)('finds every schema of fixtures/real-world.json in the real-world corpus', () => {
  expect(names).toEqual(expect.arrayContaining(corpusManifest().map((s) => s.name)));
  expect(names).toEqual(expect.arrayContaining(['epic-stack', 'hoppscotch', 'trigger.dev', 'umami', 'umami-mysql']));
});

describe.skipIf(!REAL_WORLD).each(names)('%s', (name) => {
  let project: CorpusProject;
  let initOutput = '';

  beforeAll(async () => {
    project = await createCorpusProject(name);
    const init = await mcpGen(['init', '--yes', '--no-install', '--auth', 'none'], project.dir);
    initOutput = init.stdout + init.stderr;
    if (init.code !== 0) throw new Error(`mcp-gen init failed for ${name}:\n${initOutput}`);
    await generatePrismaClient(project.dir, SCHEMA_PATH);
  });

  afterAll(async () => {
    if (project) await removeScratch(project.dir);
  });

  it('generates every model read-only, and a second generate writes nothing', async () => {
    expect(initOutput).toContain(`generated ${project.ir.models.length} models`);
    const again = await mcpGen(['generate'], project.dir);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/0 created, 0 updated, 0 removed/);
  });

  it.each(TS5_TOO.has(name) ? (['ts7', 'ts5'] as const) : (['ts7'] as const))('type-checks strictly with %s', async (compiler) => {
    const r = await typecheck(project.dir, compiler);
    expect(r.output).not.toMatch(/error TS/);
    expect(r.ok).toBe(true);
  });

  // Tests are collected before beforeAll runs, so the provider comes from the schema text.
  const db = testDatabases.find((d) => d.provider === corpusProvider(name));
  it.runIf(db !== undefined)(`pushes into ${db?.label ?? 'its database'} and every list tool answers`, async () => {
    const fresh = await freshDatabase(db!.provider, project.dir);
    const server = { current: undefined as Awaited<ReturnType<typeof startServer>> | undefined };
    try {
      await pushSchema({ files: [[SCHEMA_PATH, project.schema]], url: fresh.url, provider: db!.provider });
      server.current = await startServer(project.dir, { env: { DATABASE_URL: fresh.url } });
      const client = await connectClient(server.current.url);
      try {
        const { tools } = await client.listTools();
        const lists = tools.map((t) => t.name).filter((t) => t.startsWith('list_')).sort();
        expect(lists).toHaveLength(project.ir.models.length);
        // list, count, aggregate for every model; get only where the model has a unique key
        expect(tools.length).toBeGreaterThanOrEqual(3 * project.ir.models.length);
        const failures: string[] = [];
        for (const tool of lists) {
          const r = await callTool(client, tool, {});
          if (r.isError) failures.push(`${tool}: ${r.text}`);
          else expect(r.structured).toMatchObject({ items: [] });
        }
        expect(failures).toEqual([]);
      } finally {
        await client.close();
      }
    } finally {
      await server.current?.stop();
      await fresh.drop();
    }
  }, 300_000);
});
