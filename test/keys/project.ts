// A scratch project for the keys tests: the blog schema with the key model added, pushed to a
// real SQLite file, its real Prisma client generated, and the same db module init writes.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { addKeyModel } from '../../src/init/key-model.js';
import { pushSchema } from '../helpers/push-schema.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const blogSchema = readFileSync(path.join(repoRoot, 'fixtures/blog/prisma/schema.prisma'), 'utf8');

export interface KeysProject {
  readonly dir: string;
  /** `file:` URL of the migrated database (also in the project's .env). */
  readonly url: string;
  /** Pushes the given schema (default: the blog schema without the key model) to a new database file. */
  databaseWith(name: string, schema?: string): Promise<string>;
  /** Deletes the project folder (after the clients are disconnected). */
  remove(): void;
}

/** `generatorExtra`: extra generator lines, e.g. `importFileExtension = "ts"`; `schemaExtra`: models appended to the schema. */
export async function createKeysProject(name: string, opts: { generatorExtra?: string; schemaExtra?: string } = {}): Promise<KeysProject> {
  const dir = path.join(repoRoot, '.scratch', 'test-keys', `${name}-${process.pid}-${randomBytes(3).toString('hex')}`);
  mkdirSync(path.join(dir, 'prisma'), { recursive: true });
  mkdirSync(path.join(dir, 'src/mcp'), { recursive: true });
  let schema = addKeyModel([['prisma/schema.prisma', blogSchema]], { userModel: 'User', provider: 'sqlite' }).files[0]![1];
  if (opts.schemaExtra) schema += `\n${opts.schemaExtra}\n`;
  if (opts.generatorExtra) schema = schema.replace('output   = "../src/generated/prisma"', `output   = "../src/generated/prisma"\n  ${opts.generatorExtra}`);
  writeFileSync(path.join(dir, 'prisma/schema.prisma'), schema);
  const url = `file:${path.join(dir, 'dev.db')}`;
  await pushSchema({ files: [['schema.prisma', schema]], url, provider: 'sqlite' });
  await promisify(execFile)(path.join(repoRoot, 'node_modules/.bin/prisma'), ['generate', '--schema', 'prisma/schema.prisma'], {
    cwd: dir,
    env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: '/bin/true', PRISMA_HIDE_UPDATE_MESSAGE: '1' },
  });
  writeFileSync(
    path.join(dir, 'src/mcp/db.ts'),
    [
      "import { PrismaClient } from '../generated/prisma/client.js';",
      "import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';",
      '',
      'const url = process.env.DATABASE_URL;',
      "if (!url) throw new Error('DATABASE_URL is not set');",
      'export const prisma = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url }) });',
      '',
    ].join('\n'),
  );
  writeFileSync(path.join(dir, '.env'), `DATABASE_URL="${url}"\n`);
  return {
    dir,
    url,
    async databaseWith(dbName, other = blogSchema) {
      const dbUrl = `file:${path.join(dir, `${dbName}.db`)}`;
      await pushSchema({ files: [['schema.prisma', other]], url: dbUrl, provider: 'sqlite' });
      return dbUrl;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export const blogKeyModel = {
  keyModel: 'McpApiKey',
  keyDelegate: 'mcpApiKey',
  userModel: 'User',
  userDelegate: 'user',
  userIdField: 'id',
  userIdType: 'Int',
  userLookupFields: ['email'],
} as const;
