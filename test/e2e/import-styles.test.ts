/**
 * Issue 27: the blog fixture in a project whose tsconfig.json asks for NodeNext resolution
 * (`./file.js`) and in one that asks for `bundler` (`./file`, create-next-app's setting, without
 * allowImportingTsExtensions): `mcp-gen init` and `generate` write the specifiers that resolution
 * accepts, in the generated code, the copied runtime and the user-owned files; the project
 * type-checks with TypeScript 5 and 7, `generate --check` is clean, and the standalone server runs
 * (tsx) and answers a real MCP client. (The shared scratch tsconfig, bundler with
 * allowImportingTsExtensions, is the `./file.ts` style every other e2e test runs.)
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ts } from 'ts-morph';
import { createScratchProject, removeScratch } from '../helpers/scratch.js';
import { generatePrismaClient } from '../helpers/prisma-generate.js';
import { pushSchema } from '../helpers/push-schema.js';
import { typecheck } from '../helpers/tsc.js';
import { startServer } from '../helpers/server.js';
import { connectClient } from '../helpers/client.js';
import { mcpGen, REPO } from './cli.js';

const STYLES = [
  ['nodenext', { module: 'NodeNext', moduleResolution: 'NodeNext' }, '.js'],
  ['bundler', { module: 'ESNext', moduleResolution: 'bundler' }, ''],
] as const;

/** Every relative specifier of the project's own .ts files whose ending is not `ext`. */
async function offStyle(dir: string, ext: string): Promise<string[]> {
  const off: string[] = [];
  for (const rel of (await fs.readdir(path.join(dir, 'src/mcp'), { recursive: true })).filter((f) => f.endsWith('.ts')).sort()) {
    for (const ref of ts.preProcessFile(await fs.readFile(path.join(dir, 'src/mcp', rel), 'utf8'), true, true).importedFiles) {
      if (ref.fileName.startsWith('.') && (/\.(js|ts)$/.exec(ref.fileName)?.[0] ?? '') !== ext) off.push(`${rel}: ${ref.fileName}`);
    }
  }
  return off;
}

describe.each(STYLES)('blog under a %s tsconfig', (_name, resolution, ext) => {
  let dir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    dir = await createScratchProject(`style-${_name}`, { fixtureDir: path.join(REPO, 'fixtures/blog') });
    const compilerOptions = { target: 'ES2022', ...resolution, strict: true, skipLibCheck: true, noEmit: true, esModuleInterop: true, types: ['node'] };
    await fs.writeFile(path.join(dir, 'tsconfig.json'), `${JSON.stringify({ compilerOptions, include: ['src/**/*.ts'] }, null, 2)}\n`);
    const init = await mcpGen(['init', '--yes', '--no-install', '--auth', 'none'], dir);
    expect(init.code, init.stderr).toBe(0);
    await generatePrismaClient(dir, 'prisma/schema.prisma');
    env = { DATABASE_URL: `file:${path.join(dir, 'dev.db')}` };
    const schema = await fs.readFile(path.join(dir, 'prisma/schema.prisma'), 'utf8');
    await pushSchema({ files: [['prisma/schema.prisma', schema]], url: env.DATABASE_URL!, provider: 'sqlite' });
  }, 300_000);

  afterAll(async () => {
    if (dir) await removeScratch(dir);
  });

  it(`generated code, runtime and init's files import with ${JSON.stringify(ext)}`, async () => {
    expect(await offStyle(dir, ext)).toEqual([]);
    expect(await fs.readFile(path.join(dir, 'src/mcp/generated/index.ts'), 'utf8')).toContain(`export { tools } from './tools${ext}';`);
    expect(await fs.readFile(path.join(dir, 'src/mcp/server.ts'), 'utf8')).toContain(`from './generated/index${ext}';`);
    const check = await mcpGen(['generate', '--check'], dir);
    expect(check.stdout + check.stderr).not.toMatch(/stale|missing|orphan/i);
    expect(check.code).toBe(0);
  });

  it.each(['ts5', 'ts7'] as const)('type-checks with %s', async (compiler) => {
    const r = await typecheck(dir, compiler);
    expect(r.output).toBe('');
    expect(r.ok).toBe(true);
  }, 120_000);

  it('the standalone server runs and lists its tools', async () => {
    const server = await startServer(dir, { env });
    try {
      const client = await connectClient(server.url);
      const names = (await client.listTools()).tools.map((t) => t.name);
      expect(names).toEqual(expect.arrayContaining(['list_blog_posts', 'get_blog_post']));
      await client.close();
    } finally {
      await server.stop();
    }
  }, 60_000);
});
