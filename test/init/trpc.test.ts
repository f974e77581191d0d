// Issue 21 item 10: init notices a tRPC router (create-t3-app's layout and the other common ones),
// asks whether to publish from it (default yes), writes publish.trpc, and the generate it runs
// scaffolds createContext from the router's context type. Declined, or with a config of the user's
// already there, the config is left alone.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { init } from '../../src/init/index.js';
import { findTrpcRouter, ROUTER_FILES } from '../../src/init/trpc.js';
import { createScratchProject, removeScratch } from '../helpers/scratch.js';
import { mcpGen, REPO } from '../e2e/cli.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await removeScratch(dir);
});

/** fixtures/trpc-t3 (a create-t3-app–shaped app) before mcp-gen: no config, no src/mcp. */
async function t3App(): Promise<string> {
  const dir = await createScratchProject('init-trpc', { fixtureDir: path.join(REPO, 'fixtures/trpc-t3') });
  dirs.push(dir);
  await fs.rm(path.join(dir, 'mcp-gen.config.ts'));
  await fs.rm(path.join(dir, 'src/mcp'), { recursive: true });
  const pkg = { name: 't3-app', private: true, type: 'module', dependencies: { '@trpc/server': '^11.0.0', zod: '^4.0.0' } };
  await fs.writeFile(path.join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
  return dir;
}

describe('findTrpcRouter', () => {
  const project = async (files: Record<string, string>) => {
    const dir = await createScratchProject('find-trpc');
    dirs.push(dir);
    for (const [file, text] of Object.entries(files)) {
      await fs.mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await fs.writeFile(path.join(dir, file), text);
    }
    return dir;
  };
  const trpc = { dependencies: { '@trpc/server': '^11.0.0' } };

  it.each(ROUTER_FILES)('finds `export const appRouter` in %s', async (file) => {
    const dir = await project({ [file]: 'export const appRouter = createTRPCRouter({});\n' });
    expect(await findTrpcRouter(dir, trpc)).toEqual({ kind: 'router', router: `${file}#appRouter` });
  });

  it('finds `export { appRouter }`; the first layout wins', async () => {
    const dir = await project({ 'src/server/routers/_app.ts': 'const appRouter = router({});\nexport { appRouter };\n', 'src/router.ts': 'export const appRouter = 1;\n' });
    expect(await findTrpcRouter(dir, { devDependencies: { '@trpc/server': '11' } })).toEqual({ kind: 'router', router: 'src/server/routers/_app.ts#appRouter' });
  });

  it('@trpc/server without a router it can find: a note naming where it looked', async () => {
    const dir = await project({ 'src/server/api/root.ts': 'export const mainRouter = createTRPCRouter({});\n' });
    const found = await findTrpcRouter(dir, trpc);
    expect(found?.kind).toBe('not-found');
    expect(found?.kind === 'not-found' && found.note).toContain('no appRouter export in src/server/api/root.ts, src/server/routers/_app.ts');
  });

  it('a router file but no @trpc/server in package.json: nothing', async () => {
    const dir = await project({ 'src/server/api/root.ts': 'export const appRouter = 1;\n' });
    expect(await findTrpcRouter(dir, { dependencies: { next: '16' } })).toBeUndefined();
  });
});

describe('init in a create-t3-app project', () => {
  it('--yes: publish.trpc in the config, createContext scaffolded, and listing a procedure publishes it', async () => {
    const dir = await t3App();
    const r = await mcpGen(['init', '--yes', '--no-install'], dir);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('publish.trpc: src/server/api/root.ts#appRouter; list procedures in publish.trpc.include');
    expect(r.stdout).toContain('created src/mcp/trpc-context.ts (createContext for your tRPC procedures: yours to edit)');
    const configFile = path.join(dir, 'mcp-gen.config.ts');
    const config = await fs.readFile(configFile, 'utf8');
    expect(config).toContain("  publish: {\n    trpc: {\n      router: 'src/server/api/root.ts#appRouter',\n      createContext: 'src/mcp/trpc-context.ts#createContext',\n      include: [],\n    },\n  },\n});\n");
    const context = await fs.readFile(path.join(dir, 'src/mcp/trpc-context.ts'), 'utf8');
    expect(context).toContain('export async function createContext(');
    expect(context).toContain('    db: prisma,');
    expect(context).toContain('    session: user ?');
    expect((await fs.readdir(path.join(dir, 'src/mcp/generated/publish/trpc'))).sort()).toEqual(['router.ts', 'tools.ts']); // no procedure yet

    await fs.writeFile(configFile, config.replace('include: [],', "include: ['post.byId'],"));
    const gen = await mcpGen(['generate'], dir);
    expect(gen.code, gen.stdout + gen.stderr).toBe(0);
    expect(await fs.readdir(path.join(dir, 'src/mcp/generated/publish/trpc'))).toContain('post-by-id.ts');
  }, 300_000);

  it('answered "no": no publish block and no createContext', async () => {
    const dir = await t3App();
    const questions: string[] = [];
    await init({
      root: dir,
      install: false,
      ask: async (question, fallback) => {
        questions.push(question);
        return question.startsWith('Publish procedures of your tRPC router') ? 'no' : fallback;
      },
      log: () => {},
    });
    expect(questions).toContain('Publish procedures of your tRPC router (src/server/api/root.ts#appRouter) as MCP tools? You list which ones in publish.trpc.include; none are published until you do.');
    expect(await fs.readFile(path.join(dir, 'mcp-gen.config.ts'), 'utf8')).not.toContain('publish');
    await expect(fs.access(path.join(dir, 'src/mcp/trpc-context.ts'))).rejects.toThrow();
  }, 300_000);
});
