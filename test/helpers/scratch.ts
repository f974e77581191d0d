// Scratch projects live inside the repo (.scratch/e2e/) so Node and TypeScript resolve the repo's
// node_modules — the generated code and Prisma client need zod, the SDK and @prisma/* from there.
import { cp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { repoRoot } from './repo.js';

export const scratchRoot = path.join(repoRoot, '.scratch', 'e2e');

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'ESNext',
    moduleResolution: 'bundler',
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    // Prisma 7's generated client imports sibling files with `.ts` extensions.
    allowImportingTsExtensions: true,
    esModuleInterop: true,
    resolveJsonModule: true,
    forceConsistentCasingInFileNames: true,
    types: ['node'],
  },
  include: ['**/*.ts'],
  exclude: ['node_modules'],
};

/** Copies `fixtureDir` (optional) into a fresh `.scratch/e2e/<name>-<random>/` and makes it a project. */
export async function createScratchProject(name: string, opts: { fixtureDir?: string } = {}): Promise<string> {
  const dir = path.join(scratchRoot, `${name}-${randomBytes(4).toString('hex')}`);
  await mkdir(dir, { recursive: true });
  if (opts.fixtureDir) await cp(path.resolve(repoRoot, opts.fixtureDir), dir, { recursive: true });
  await writeFile(path.join(dir, 'package.json'), `${JSON.stringify({ type: 'module', private: true }, null, 2)}\n`);
  await writeFile(path.join(dir, 'tsconfig.json'), `${JSON.stringify(TSCONFIG, null, 2)}\n`);
  // Lets a config `import { defineConfig } from 'mcp-gen'` (resolves to the repo's dist/ via exports).
  await mkdir(path.join(dir, 'node_modules'), { recursive: true });
  await symlink(repoRoot, path.join(dir, 'node_modules', 'mcp-gen'), 'dir');
  // …and the `mcp-gen` command, as npm links it: `prisma generate` runs `generator { provider = "mcp-gen" }` through it.
  await mkdir(path.join(dir, 'node_modules', '.bin'), { recursive: true });
  await symlink(path.join(repoRoot, 'bin', 'mcp-gen.js'), path.join(dir, 'node_modules', '.bin', 'mcp-gen'));
  return dir;
}

export async function removeScratch(dir: string): Promise<void> {
  if (!path.resolve(dir).startsWith(scratchRoot + path.sep)) throw new Error(`removeScratch: ${dir} is not under ${scratchRoot}`);
  await rm(dir, { recursive: true, force: true });
}
