/**
 * Loads the project's own database module (`src/mcp/db.ts`, written by init), so `mcp-gen keys`
 * reaches the database exactly the way the server does, whatever driver adapter it uses.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createJiti } from 'jiti';
import { KeysError } from './errors.js';

export interface ProjectDb {
  /** The module's `prisma` export (a PrismaClient). */
  readonly prisma: unknown;
  disconnect(): Promise<void>;
}

export interface LoadDbOptions {
  /** Load `<root>/.env` into process.env first (variables already set win). @default true */
  readonly loadEnv?: boolean;
}

export async function loadProjectDb(root: string, dbModule: string, opts: LoadDbOptions = {}): Promise<ProjectDb> {
  const file = path.resolve(root, dbModule);
  if (!fs.existsSync(file)) {
    throw new KeysError(`db: the database module ${dbModule} does not exist in ${root} (run \`npx mcp-gen init\` or set db in mcp-gen.config.ts)`);
  }
  const envFile = path.join(root, '.env');
  if ((opts.loadEnv ?? true) && fs.existsSync(envFile)) process.loadEnvFile(envFile);
  // The Prisma 7 client is TypeScript (with `.js` or `.ts` imports); jiti transpiles it on the fly.
  // Prisma's runtime must load natively: through jiti's interop require its bundled
  // `__toESM(require('node:path'))` loses `default`, and every query error turns into a TypeError.
  const jiti = createJiti(pathToFileURL(file).href, {
    moduleCache: false,
    fsCache: false,
    interopDefault: false,
    nativeModules: ['@prisma'],
  });
  let mod: Record<string, unknown>;
  try {
    mod = (await jiti.import(file)) as Record<string, unknown>;
  } catch (err) {
    const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new KeysError(`db: cannot load ${dbModule}: ${why}`, { cause: err });
  }
  const prisma = mod.prisma ?? (mod.default as Record<string, unknown> | undefined)?.prisma;
  const disconnect = (prisma as { $disconnect?: unknown } | undefined)?.$disconnect;
  if (!prisma || typeof disconnect !== 'function') {
    throw new KeysError(`db: ${dbModule} must export \`prisma\` (a PrismaClient); it exports ${Object.keys(mod).sort().join(', ') || 'nothing'}`);
  }
  return { prisma, disconnect: () => (disconnect as () => Promise<void>).call(prisma) };
}
