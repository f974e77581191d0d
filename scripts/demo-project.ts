// The demo's project: created once in .scratch/demo as a new user would (init, generate, Prisma
// client, SQLite database, seed), then kept. A rerun leaves every file as the user edited it and
// brings it up to date the way they would: `mcp-gen generate` and `prisma generate` again, the schema
// pushed (the data stays). `--fresh` starts over. A rerun that asks for options the project does not
// have (read from its files: src/mcp/login.ts, the config's mode) says so instead of wiping edits.
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { generatePrismaClient } from '../test/helpers/prisma-generate.js';
import { pushSchema } from '../test/helpers/push-schema.js';
import { mcpGen, tsx } from '../test/e2e/cli.js';

export interface DemoOptions {
  oauth: boolean;
  mode: 'full' | 'compact';
}

const SCHEMA = 'prisma/schema.prisma';

async function must(p: Promise<{ code: number; stdout: string; stderr: string }>, what: string): Promise<string> {
  const r = await p;
  if (r.code !== 0) throw new Error(`${what} failed:\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

/** What an existing demo project has now (edits included), or undefined when there is none. */
export async function existingDemo(dir: string): Promise<DemoOptions | undefined> {
  const config = path.join(dir, 'mcp-gen.config.ts');
  if (!existsSync(config)) return undefined;
  const compact = /^\s*mode: 'compact'/m.test(await fs.readFile(config, 'utf8'));
  return { oauth: existsSync(path.join(dir, 'src/mcp/login.ts')), mode: compact ? 'compact' : 'full' };
}

/** A new project from the blog fixture: init, the chosen mode, Prisma client, database and seed. */
export async function createDemo(repo: string, dir: string, options: DemoOptions, step: (s: string) => void): Promise<void> {
  step(`a fresh project in ${path.relative(repo, dir)} with the blog fixture's Prisma schema`);
  await fs.rm(dir, { recursive: true, force: true });
  await fs.mkdir(path.join(dir, 'node_modules/.bin'), { recursive: true });
  await fs.cp(path.join(repo, 'fixtures/blog/prisma'), path.join(dir, 'prisma'), { recursive: true });
  await fs.writeFile(path.join(dir, 'package.json'), JSON.stringify({ name: 'blog', private: true, type: 'module' }, null, 2));
  await fs.writeFile(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'bundler', strict: true, skipLibCheck: true, noEmit: true, allowImportingTsExtensions: true, types: ['node'] } }, null, 2),
  );
  await fs.symlink(repo, path.join(dir, 'node_modules/mcp-gen'));
  // The `mcp-gen` command as npm links it: init's `generator mcp` block makes `prisma generate` run it.
  await fs.symlink(path.join(repo, 'bin/mcp-gen.js'), path.join(dir, 'node_modules/.bin/mcp-gen'));

  step(`npx mcp-gen init --yes --no-install${options.oauth ? ' --auth oauth' : ''}`);
  console.log(await must(mcpGen(['init', '--yes', '--no-install', ...(options.oauth ? ['--auth', 'oauth'] : [])], dir), 'init'));
  if (options.mode === 'compact') {
    step("mode: 'compact' in mcp-gen.config.ts, then npx mcp-gen generate");
    const config = path.join(dir, 'mcp-gen.config.ts');
    const text = await fs.readFile(config, 'utf8');
    if (!/^ {2}mode: /m.test(text)) await fs.writeFile(config, text.replace('defineConfig({\n', "defineConfig({\n  mode: 'compact',\n"));
    console.log(await must(mcpGen(['generate'], dir), 'generate'));
  }
  await prepareDatabase(dir, true, step);
}

/** An existing project, as the user left it: generate, Prisma client and schema again; data kept. */
export async function refreshDemo(repo: string, dir: string, step: (s: string) => void): Promise<void> {
  step(`${path.relative(repo, dir)} exists: keeping your edits (npm run demo -- --fresh starts over)`);
  step('npx mcp-gen generate');
  console.log(await must(mcpGen(['generate'], dir), 'generate'));
  await prepareDatabase(dir, !existsSync(path.join(dir, 'dev.db')), step);
}

export function databaseUrl(dir: string): string {
  return `file:${path.join(dir, 'dev.db')}`;
}

async function prepareDatabase(dir: string, seed: boolean, step: (s: string) => void): Promise<void> {
  step(`npx prisma generate, the SQLite database (WebAssembly schema engine)${seed ? ', and the seed' : ''}`);
  await generatePrismaClient(dir, SCHEMA);
  const url = databaseUrl(dir);
  await pushSchema({ files: [[SCHEMA, await fs.readFile(path.join(dir, SCHEMA), 'utf8')]], url, provider: 'sqlite' });
  if (seed) await tsx('prisma/seed.ts', dir, { DATABASE_URL: url });
}
