import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { listKeys } from '../../src/keys/commands.js';
import { loadProjectDb, type ProjectDb } from '../../src/keys/load-db.js';
import { blogKeyModel, createKeysProject } from './project.js';

const opened: ProjectDb[] = [];
const cleanup: (() => void)[] = [];
afterAll(async () => {
  await Promise.all(opened.map((d) => d.disconnect()));
  for (const remove of cleanup) remove();
  delete process.env.DATABASE_URL;
});

it('loads a db module whose Prisma client uses .ts imports (importFileExtension = "ts")', async () => {
  const project = await createKeysProject('ts-imports', { generatorExtra: 'importFileExtension = "ts"' });
  cleanup.push(project.remove);
  const client = readFileSync(path.join(project.dir, 'src/generated/prisma/client.ts'), 'utf8');
  expect(client).toMatch(/from "\.\/internal\/class\.ts"/);
  // The db module imports the client the same way.
  const dbFile = path.join(project.dir, 'src/mcp/db.ts');
  writeFileSync(dbFile, readFileSync(dbFile, 'utf8').replace("'../generated/prisma/client.js'", "'../generated/prisma/client.ts'"));
  delete process.env.DATABASE_URL;
  const db = await loadProjectDb(project.dir, 'src/mcp/db.ts');
  opened.push(db);
  await (db.prisma as { user: { create(a: unknown): Promise<unknown> } }).user.create({ data: { email: 'a@example.com', passwordHash: 'x' } });
  expect(await listKeys(db.prisma, { user: 'a@example.com' }, blogKeyModel)).toEqual([]);
});

it('names what the db module exports when it has no prisma', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mcp-gen-keys-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(path.join(dir, 'other.ts'), 'export const db: number = 1;\nexport default {};\n');
  await expect(loadProjectDb(dir, 'other.ts')).rejects.toThrow('db: other.ts must export `prisma` (a PrismaClient); it exports db, default');
  writeFileSync(path.join(dir, 'broken.ts'), "import './missing.js';\nexport const prisma = {};\n");
  await expect(loadProjectDb(dir, 'broken.ts')).rejects.toThrow(/^db: cannot load broken\.ts: .*missing/);
});
