// A scratch project for the OAuth runtime tests: the blog schema with the API key model and the
// OAuth models init adds, pushed to a real SQLite file, its real Prisma client generated.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { addKeyModel } from '../../src/init/key-model.js';
import { loadProjectDb, type ProjectDb } from '../../src/keys/load-db.js';
import { addOAuthModels } from '../../src/oauth/models.js';
import { pushSchema } from '../helpers/push-schema.js';
import { repoRoot } from '../helpers/repo.js';

export function blogSchemaWithOAuth(provider = 'sqlite'): string {
  const blog = readFileSync(path.join(repoRoot, 'fixtures/blog/prisma/schema.prisma'), 'utf8');
  const withKeys = addKeyModel([['schema.prisma', blog]], { userModel: 'User', provider }).files[0]![1];
  return addOAuthModels([['schema.prisma', withKeys]], { userModel: 'User', provider }).files[0]![1];
}

export interface OAuthProject {
  readonly dir: string;
  readonly db: ProjectDb;
  remove(): Promise<void>;
}

export async function createOAuthProject(name: string): Promise<OAuthProject> {
  const dir = path.join(repoRoot, '.scratch', 'test-oauth', `${name}-${process.pid}-${randomBytes(3).toString('hex')}`);
  mkdirSync(path.join(dir, 'prisma'), { recursive: true });
  mkdirSync(path.join(dir, 'src/mcp'), { recursive: true });
  const schema = blogSchemaWithOAuth();
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
      `export const prisma = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: ${JSON.stringify(url)} }) });`,
      '',
    ].join('\n'),
  );
  const db = await loadProjectDb(dir, 'src/mcp/db.ts', { loadEnv: false });
  return {
    dir,
    db,
    async remove() {
      await db.disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
