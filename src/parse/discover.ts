import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { SchemaError } from './errors.js';
import { findPrismaConfig, readSchemaFromPrismaConfig } from './prisma-config.js';

export interface DiscoverOptions {
  readonly root: string;
  /** A file or folder, relative to root (or absolute). */
  readonly schema?: string;
}

/** Finds and reads the schema: [[pathRelativeToRoot, content], ...], sorted by path. */
export async function readSchemaFiles(opts: DiscoverOptions): Promise<[string, string][]> {
  const root = path.resolve(opts.root);
  if (opts.schema !== undefined) {
    const target = path.resolve(root, opts.schema);
    const files = await readTarget(target, root);
    if (!files) throw new SchemaError(`Schema not found: ${rel(root, target)} does not exist.`);
    return files;
  }
  const configFile = findPrismaConfig(root);
  if (configFile) {
    const fromConfig = await readSchemaFromPrismaConfig(configFile, root);
    if (fromConfig !== undefined) {
      const files = await readTarget(fromConfig, root);
      if (!files) {
        throw new SchemaError(`Schema not found: ${rel(root, configFile)} sets schema to ${rel(root, fromConfig)}, which does not exist.`);
      }
      return files;
    }
  }
  // Prisma 7's own defaults (getSchemaWithPath), then the common multi-file folder.
  const defaults = ['schema.prisma', path.join('prisma', 'schema.prisma'), path.join('prisma', 'schema')];
  for (const candidate of defaults) {
    const files = await readTarget(path.resolve(root, candidate), root);
    if (files) return files;
  }
  const looked = [...(configFile ? [`${rel(root, configFile)} (no \`schema\` key)`] : []), ...defaults.map(toPosix)];
  throw new SchemaError(
    `No Prisma schema found in ${root}. Looked at: ${looked.join(', ')}.\n` +
      `Pass --schema <file-or-folder> or set \`schema\` in mcp-gen.config.ts.`,
  );
}

/** undefined when the path does not exist; a folder is read recursively for `.prisma` files. */
async function readTarget(target: string, root: string): Promise<[string, string][] | undefined> {
  const info = await stat(target).catch(() => undefined);
  if (!info) return undefined;
  const paths = info.isDirectory() ? await listPrismaFiles(target) : [target];
  if (paths.length === 0) {
    throw new SchemaError(`Schema folder ${rel(root, target)} contains no .prisma files.`);
  }
  const sorted = paths.map((p) => [rel(root, p), p] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Promise.all(sorted.map(async ([shown, abs]): Promise<[string, string]> => [shown, await readFile(abs, 'utf8')]));
}

async function listPrismaFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.prisma'))
    .map((e) => path.join(e.parentPath, e.name));
}

function rel(root: string, abs: string): string {
  return toPosix(path.relative(root, abs)) || '.';
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
