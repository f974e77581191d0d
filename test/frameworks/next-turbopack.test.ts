/**
 * Next.js with its defaults (issue 27): a create-next-app app (its own tsconfig.json with
 * `moduleResolution: bundler`, its empty next.config.ts and its package.json scripts; see
 * create-next-app/ORIGIN.md) gets `mcp-gen init`, and then runs the way its users run it, on
 * Turbopack: `npm run dev`, then `npm run build` and `npm run start`. No `--webpack`, no bundler
 * setting: the generated code imports its files without extensions, as the tsconfig resolves them.
 *
 * The scratch app lives under the repo's .scratch/ and resolves the repo's node_modules, like an
 * app in a monorepo whose dependencies are hoisted to the root: Turbopack takes the folder of the
 * nearest lockfile up the tree (the repo's package-lock.json) as its root, so it reaches them
 * without `turbopack.root` (a root at the app itself could not see ../../node_modules).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { callTool, connectClient } from '../helpers/client.js';
import { testDatabases } from '../helpers/databases.js';
import { repoRoot } from '../helpers/repo.js';
import { startServer, type RunningServer } from '../helpers/server.js';
import { createClinicProject, type ClinicProject, type CreatedKey } from '../e2e/scoping/project.js';
import { bearer } from '../e2e/scoping/rpc.js';

const TEMPLATE = path.join(repoRoot, 'test/frameworks/create-next-app');
const RUNNER = path.join(repoRoot, 'test/frameworks/next-run.ts');
const ROUTE = 'app/mcp/[[...path]]/route.ts';
const sqlite = testDatabases.find((d) => d.provider === 'sqlite')!;

/** tools/list and a row-scoped call through the app, as Ann; then the app's home page. */
async function expectServes(base: string, key: CreatedKey): Promise<void> {
  const ann: Client = await connectClient(`${base}/mcp`, { headers: bearer(key.key) });
  try {
    const names = (await ann.listTools()).tools.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['list_notes', 'list_patients', 'get_user_info']));
    const notes = await callTool(ann, 'list_notes', { take: 10 });
    expect(notes.isError).toBe(false);
    expect((notes.structured as { items: { title: string }[] }).items.map((n) => n.title).sort()).toEqual(['Ann 1', 'Ann 2', 'Ann 3']);
  } finally {
    await ann.close();
  }
  expect((await fetch(`${base}/`)).status).toBe(200);
}

async function waitFor(what: string, check: () => Promise<boolean>, ms = 120_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

describe('create-next-app on Turbopack (next dev, next build, next start)', () => {
  let project: ClinicProject;
  let key: CreatedKey;

  beforeAll(async () => {
    project = await createClinicProject(sqlite, 'full', {
      entry: RUNNER,
      startTimeoutMs: 600_000,
      // `npm run dev` first, without DATABASE_URL: the first /mcp request fails (below).
      serverEnv: { NEXT_RUN: 'dev', DATABASE_URL: '' },
      seed: 'prisma/seed.mts',
      prepare: async (dir) => {
        await fs.cp(TEMPLATE, dir, { recursive: true, filter: (src) => path.basename(src) !== 'ORIGIN.md' });
        // create-next-app's package.json has no "type": the fixture's seed (top-level await) runs as ESM.
        await fs.copyFile(path.join(dir, 'prisma/seed.ts'), path.join(dir, 'prisma/seed.mts'));
      },
    });
    key = await project.createKey('ann@example.com', ['--scopes', 'read']);
  }, 900_000);

  afterAll(async () => {
    await project?.close();
  });

  it('init wrote the route with extensionless imports, no next.config and no webpack advice', async () => {
    expect(project.initOutput).toContain(`created ${ROUTE} (next mount)`);
    expect(project.initOutput).not.toMatch(/webpack|next\.config/);
    const route = await fs.readFile(path.join(project.dir, ROUTE), 'utf8');
    expect(route).toContain("import('../../../src/mcp/generated/index')");
    expect(await fs.readFile(path.join(project.dir, 'next.config.ts'), 'utf8')).toBe(await fs.readFile(path.join(TEMPLATE, 'next.config.ts'), 'utf8'));
    const index = await fs.readFile(path.join(project.dir, 'src/mcp/generated/index.ts'), 'utf8');
    expect(index).toContain("export { tools } from './tools';");
    const handler = await fs.readFile(path.join(project.dir, 'src/mcp/generated/runtime/http/handler.ts'), 'utf8');
    expect(handler).not.toMatch(/from '\.\.?\/[^']*\.js'/);
  });

  it('npm run dev (Turbopack), no DATABASE_URL yet: the failed /mcp request stays local, / answers 200', async () => {
    const base = project.server.baseUrl;
    expect(project.server.output()).toMatch(/Next\.js 16\.\d+\.\d+ \(Turbopack\)/);
    // src/mcp/db.ts throws without DATABASE_URL: the route answers 500, and only the route.
    const failed = await fetch(`${base}/mcp`, { method: 'POST', headers: { ...bearer(key.key), 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: '{"jsonrpc":"2.0","id":1,"method":"tools/list"}' });
    expect(failed.status).toBe(500);
    await waitFor('the route error in the dev server output', async () => project.server.output().includes('DATABASE_URL is not set'), 10_000);
    for (const page of ['/', '/']) {
      const home = await fetch(`${base}${page}`);
      expect(home.status).toBe(200);
      expect(await home.text()).toContain('To get started, edit the');
    }
    expect(project.server.output()).not.toMatch(/Module not found|Can't resolve/);
  }, 600_000);

  describe('npm run dev with DATABASE_URL in .env', () => {
    let server: RunningServer;

    beforeAll(async () => {
      await project.server.stop();
      // Next.js loads .env itself; the process has no DATABASE_URL of its own.
      await fs.writeFile(path.join(project.dir, '.env'), `DATABASE_URL="${project.env.DATABASE_URL}"\n`);
      server = await startServer(project.dir, { entry: RUNNER, timeoutMs: 600_000, env: { NEXT_RUN: 'dev' } });
    }, 600_000);

    afterAll(async () => {
      await server?.stop();
    });

    it('serves tools/list and a scoped call; / still answers 200', async () => {
      await expectServes(server.baseUrl, key);
      expect(server.output()).toMatch(/Next\.js 16\.\d+\.\d+ \(Turbopack\)/);
      expect(server.output()).not.toMatch(/Module not found|Can't resolve/);
    }, 600_000);
  });

  describe('npm run build, then npm run start', () => {
    let server: RunningServer;

    beforeAll(async () => {
      server = await startServer(project.dir, { entry: RUNNER, timeoutMs: 900_000, env: { NEXT_RUN: 'start' } });
    }, 900_000);

    afterAll(async () => {
      await server?.stop();
    });

    it('built with Turbopack, without DATABASE_URL, with the route dynamic', () => {
      const output = server.output();
      expect(output).toMatch(/Next\.js 16\.\d+\.\d+ \(Turbopack\)/);
      expect(output).not.toContain('webpack');
      expect(output).toContain('ƒ /mcp/[[...path]]');
      expect(output).not.toContain('DATABASE_URL is not set');
    });

    it('serves tools/list and a scoped call; / still answers 200', () => expectServes(server.baseUrl, key));
  });
});
