/**
 * Issue 5: a multi-file schema (prisma/schema/*.prisma) and a schema only prisma.config.ts knows about,
 * end to end. The mcp-gen config names no `schema`, so discovery finds it: generate, the Prisma client,
 * tsc, a real server, tools/list and a list call.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createScratchProject, removeScratch } from '../helpers/scratch.js';
import { typecheck } from '../helpers/tsc.js';
import { startServer } from '../helpers/server.js';
import { callTool, connectClient } from '../helpers/client.js';
import { freshDatabase, testDatabases } from '../helpers/databases.js';
import { pushSchema } from '../helpers/push-schema.js';
import { repoBin } from '../helpers/repo.js';
import { run } from '../helpers/run.js';
import { mcpGen, REPO } from './cli.js';
import { skipExampleTool } from './corpus-project.js';

const CASES = [
  { fixture: 'multi-file', provider: 'sqlite', models: ['Post', 'User'], list: 'list_posts', schemaDir: 'prisma/schema' },
  { fixture: 'prisma-config', provider: 'postgresql', models: ['Account'], list: 'list_accounts', schemaDir: 'db' },
] as const;

const config = (models: readonly string[]) =>
  `import { defineConfig } from 'mcp-gen';\n\n// No \`schema\`: mcp-gen finds it the way Prisma does.\nexport default defineConfig({\n  output: 'src/mcp/generated',\n  auth: 'none',\n  toolsets: { all: { models: { ${models.map((m) => `${m}: {}`).join(', ')} } } },\n});\n`;

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await removeScratch(dir);
});

describe.each(CASES)('$fixture', ({ fixture, provider, models, list, schemaDir }) => {
  it('discovers the schema, generates, type-checks, serves', async () => {
    const dir = await createScratchProject(fixture, { fixtureDir: path.join(REPO, 'fixtures', fixture) });
    dirs.push(dir);
    await fs.writeFile(path.join(dir, 'mcp-gen.config.ts'), config(models));
    await skipExampleTool(dir);
    const init = await mcpGen(['init', '--yes', '--no-install', '--auth', 'none'], dir);
    expect(init.code, init.stdout + init.stderr).toBe(0);
    expect(init.stdout).toContain(`generated ${models.length} models`);
    const again = await mcpGen(['generate', '--check'], dir);
    expect(again.code, again.stdout + again.stderr).toBe(0);

    // Prisma reads prisma.config.ts itself; a schema folder it needs to be told about (Prisma 7 has no default for it).
    // node_modules/.bin on PATH as under npx: init's `generator mcp` block runs mcp-gen, in one of the schema's files.
    const schemaArgs = fixture === 'multi-file' ? ['--schema', schemaDir] : [];
    const prisma = await run(repoBin('.bin/prisma'), ['generate', ...schemaArgs], {
      cwd: dir,
      env: {
        ...process.env,
        PATH: [path.join(dir, 'node_modules/.bin'), process.env.PATH].join(path.delimiter),
        PRISMA_SCHEMA_ENGINE_BINARY: '/bin/true',
        PRISMA_HIDE_UPDATE_MESSAGE: '1',
        CHECKPOINT_DISABLE: '1',
      },
    });
    expect(prisma.code, prisma.output).toBe(0);
    expect(prisma.output).toContain('Generated MCP server (mcp-gen) to ./src/mcp/generated');
    const tsc = await typecheck(dir, 'ts7');
    expect(tsc.output).not.toMatch(/error TS/);
    expect(tsc.ok).toBe(true);

    const db = testDatabases.find((d) => d.provider === provider);
    const fresh = db ? await freshDatabase(db.provider, dir) : undefined;
    try {
      if (fresh) {
        const names = (await fs.readdir(path.join(dir, schemaDir))).filter((f) => f.endsWith('.prisma')).sort();
        const files = await Promise.all(names.map(async (n): Promise<[string, string]> => [n, await fs.readFile(path.join(dir, schemaDir, n), 'utf8')]));
        await pushSchema({ files, url: fresh.url, provider: db!.provider });
      }
      // Without that database configured, tools/list still works: the server connects on the first query.
      const server = await startServer(dir, { env: { DATABASE_URL: fresh?.url ?? 'postgresql://nobody@127.0.0.1:9/none' } });
      try {
        const client = await connectClient(server.url);
        const { tools } = await client.listTools();
        expect(tools.map((t) => t.name)).toContain(list);
        if (fresh) {
          const r = await callTool(client, list, {});
          expect(r.isError, r.text).toBe(false);
          expect(r.structured).toMatchObject({ items: [] });
        }
        await client.close();
      } finally {
        await server.stop();
      }
    } finally {
      await fresh?.drop();
    }
  }, 180_000);
});
