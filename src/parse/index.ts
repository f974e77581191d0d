/**
 * Reading the user's Prisma schema into the IR. Prisma's types stop here.
 */
import path from 'node:path';
import type { SchemaIR } from '../ir/types.js';
import { readSchemaFiles } from './discover.js';
import { parseWithPrisma } from './prisma-wasm.js';
import { toIR } from './to-ir.js';

export { SchemaError } from './errors.js';

export interface LoadSchemaOptions {
  /** The project root; schema paths in the IR and in errors are relative to it. */
  root: string;
  /** `--schema` or the config's `schema`: a file or a folder of `.prisma` files, relative to root. */
  schema?: string;
}

/** Finds the schema (explicit path, prisma.config.ts, Prisma's defaults), reads and parses it. */
export async function loadSchema(opts: LoadSchemaOptions): Promise<SchemaIR> {
  const root = path.resolve(opts.root);
  const files = await readSchemaFiles({ root, ...(opts.schema !== undefined ? { schema: opts.schema } : {}) });
  return parseSchemaFiles(files, { root });
}

/** Pure apart from Prisma's parser: parses already-read files, `[[pathRelativeToRoot, content], ...]`. */
export async function parseSchemaFiles(files: [string, string][], opts: { root: string }): Promise<SchemaIR> {
  const parsed = await parseWithPrisma(files);
  return toIR({ root: path.resolve(opts.root), files, datamodel: parsed.datamodel, config: parsed.config, notes: parsed.notes });
}
