import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { createJiti } from 'jiti';
import { SchemaError } from './errors.js';

/** The candidates Prisma 7 itself tries (`@prisma/config` findPrismaConfigFile), in its order. */
const EXTENSIONS = ['.js', '.ts', '.mjs', '.cjs', '.mts', '.cts'];
const CANDIDATES = [
  ...['prisma7.config', path.join('.config', 'prisma7')].flatMap((b) => EXTENSIONS.map((e) => b + e)),
  ...['prisma.config', path.join('.config', 'prisma'), path.join('.config', 'prisma.config')].flatMap((b) => [
    ...EXTENSIONS.map((e) => b + e),
    ...EXTENSIONS.map((e) => path.join(b, `index${e}`)),
  ]),
];

export function findPrismaConfig(root: string): string | undefined {
  for (const candidate of CANDIDATES) {
    const file = path.resolve(root, candidate);
    if (existsSync(file) && statSync(file).isFile()) return file;
  }
  return undefined;
}

/**
 * Loads a Prisma config file and returns its `schema` path resolved against the config's
 * folder, or undefined when it sets none.
 */
export async function readSchemaFromPrismaConfig(configFile: string, root: string): Promise<string | undefined> {
  const shown = path.relative(root, configFile) || configFile;
  let config: unknown;
  try {
    // No module cache: a long-running process (watch mode, tests) must see edits to the config.
    const jiti = createJiti(import.meta.url, { moduleCache: false });
    config = await jiti.import(configFile, { default: true });
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new SchemaError(
      `Could not load ${shown}: ${reason}\n` +
        `mcp-gen reads it only to find the schema; set \`schema\` in mcp-gen.config.ts or pass --schema to skip it.`,
    );
  }
  if (typeof config !== 'object' || config === null) {
    throw new SchemaError(`${shown} must export a config object (export default defineConfig({ ... })).`);
  }
  const schema = (config as { schema?: unknown }).schema;
  if (schema === undefined) return undefined;
  if (typeof schema !== 'string' || schema === '') {
    throw new SchemaError(`${shown}: \`schema\` must be a path to a .prisma file or a folder, got ${JSON.stringify(schema)}.`);
  }
  return path.resolve(path.dirname(configFile), schema);
}
