/**
 * `init`'s framework step: for every framework package.json lists, the user-owned mount file
 * (never overwritten) and the line that mounts it, added to the app's entry when that is
 * unambiguous, else printed.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { detectFrameworks, type PackageJson, type ScaffoldContext } from './frameworks/index.js';
import { writeNewFiles } from './files.js';
import { PATHS } from './view-model.js';
import type { ImportExtension } from '../plan/types.js';

/** Scaffolds the mounts; returns the lines to show under "Next:". */
export async function scaffoldMounts(root: string, pkg: PackageJson, log: (line: string) => void, oauth: boolean, ext: ImportExtension): Promise<string[]> {
  const frameworks = detectFrameworks(pkg);
  if (frameworks.length === 0) return [];
  const dir = path.posix.dirname(PATHS.server);
  const ctx: ScaffoldContext = {
    root,
    pkg,
    oauth,
    dir,
    generatedImport: `./${path.posix.relative(dir, PATHS.output)}`,
    dbImport: `./${path.posix.relative(dir, PATHS.db).replace(/\.ts$/, '')}`,
    ext,
    readFile: (rel) => fs.readFile(path.join(root, rel), 'utf8').catch(() => undefined),
  };
  const next: string[] = [];
  for (const framework of frameworks) {
    const scaffold = await framework.scaffold(ctx);
    const { written, skipped } = await writeNewFiles(root, scaffold.files);
    for (const f of written) log(`created ${f} (${framework.name} mount)`);
    for (const f of skipped) log(`skipped ${f} (exists; left as it is)`);
    for (const [file, content] of scaffold.edits ?? []) {
      await fs.writeFile(path.join(root, file), content);
      log(`updated ${file}: mounted the MCP server (${framework.name})`);
    }
    next.push(...scaffold.note.map((line) => `  ${line}`));
  }
  next.push(`  behind your app's own host name, allow it: MCP_ALLOWED_HOSTS=app.example.com (mcp-gen docs/mounting.md, "Your host name")`);
  return next;
}

export async function readPackageJson(root: string): Promise<PackageJson> {
  try {
    return JSON.parse(await fs.readFile(path.join(root, 'package.json'), 'utf8')) as PackageJson;
  } catch {
    return {};
  }
}
