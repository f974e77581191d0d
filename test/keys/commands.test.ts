import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKey, listKeys, revokeKey } from '../../src/keys/commands.js';
import { KeysError } from '../../src/keys/errors.js';
import { hashKey } from '../../src/keys/key-format.js';
import { loadProjectDb, type ProjectDb } from '../../src/keys/load-db.js';
import { blogKeyModel, createKeysProject, type KeysProject } from './project.js';

type Client = Record<string, { create(a: unknown): Promise<Record<string, unknown>>; count(a?: unknown): Promise<number> }>;

let project: KeysProject;
let db: ProjectDb;
let prisma: Client;
let alice: { id: number };
let bob: { id: number };
const opened: ProjectDb[] = [];

async function open(url?: string): Promise<ProjectDb> {
  if (url === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = url;
  const loaded = await loadProjectDb(project.dir, 'src/mcp/db.ts');
  opened.push(loaded);
  return loaded;
}

beforeAll(async () => {
  project = await createKeysProject('commands');
  db = await open(); // DATABASE_URL comes from the project's .env
  prisma = db.prisma as Client;
  alice = (await prisma.user!.create({ data: { email: 'alice@example.com', name: 'Alice', passwordHash: 'x' } })) as { id: number };
  bob = (await prisma.user!.create({ data: { email: 'bob@example.com', passwordHash: 'x' } })) as { id: number };
});

afterAll(async () => {
  await Promise.all(opened.map((d) => d.disconnect()));
  delete process.env.DATABASE_URL;
  project?.remove();
});

/** Every value in every column of the key table, as text. */
function keyTableDump(): string[] {
  const sqlite = new Database(path.join(project.dir, 'dev.db'), { readonly: true });
  try {
    return (sqlite.prepare('SELECT * FROM McpApiKey').all() as Record<string, unknown>[]).flatMap((row) => Object.values(row).map(String));
  } finally {
    sqlite.close();
  }
}

describe('createKey', () => {
  it('creates a key for a user given by email and stores only its hash', async () => {
    const now = new Date('2030-01-01T00:00:00Z');
    const created = await createKey(db.prisma, { user: 'alice@example.com', name: 'laptop', scopes: ['write', 'read'], expiresIn: '90d', now: () => now }, blogKeyModel);
    expect(created.key).toMatch(/^mcpk_[A-Za-z0-9]{8}_[A-Za-z0-9_-]{43}$/);
    expect(created.key.startsWith(created.prefix + '_')).toBe(true);
    expect(created).toMatchObject({ userId: alice.id, scopes: ['read', 'write'], expiresAt: new Date('2030-04-01T00:00:00Z') });

    const dump = keyTableDump();
    const secret = created.key.slice(created.prefix.length + 1);
    expect(dump.length).toBeGreaterThan(0);
    for (const value of dump) {
      expect(value).not.toContain(created.key);
      expect(value).not.toContain(secret);
    }
    expect(dump).toContain(hashKey(created.key));
    expect(dump).toContain(created.prefix);
  });

  it('accepts the user id and defaults to read scope, no expiry', async () => {
    const created = await createKey(db.prisma, { user: String(bob.id) }, blogKeyModel);
    expect(created).toMatchObject({ userId: bob.id, scopes: ['read'], expiresAt: null });
  });

  it.each([
    [{ user: 'nobody@example.com' }, "--user: no User with id or email 'nobody@example.com'"],
    [{ user: '999999' }, "--user: no User with id or email '999999'"],
    [{ user: 'alice@example.com', scopes: ['admin'] }, "--scopes: invalid scope 'admin'"],
    [{ user: 'alice@example.com', expiresIn: 'soon' }, "--expires-in: expected a positive number followed by m, h, d or w (e.g. 90d, 12h, 30m), got 'soon'"],
  ])('refuses %j without writing anything', async (opts, message) => {
    const before = await prisma.mcpApiKey!.count();
    const err = await createKey(db.prisma, opts, blogKeyModel).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KeysError);
    expect((err as Error).message).toContain(message);
    expect(await prisma.mcpApiKey!.count()).toBe(before);
  });
});

describe('listKeys and revokeKey', () => {
  it('lists keys without hashes, filtered by user, with their status', async () => {
    const mine = await createKey(db.prisma, { user: 'alice@example.com', name: 'ci' }, blogKeyModel);
    const soon = await createKey(db.prisma, { user: 'alice@example.com', name: 'short', expiresIn: '30m' }, blogKeyModel);
    const rows = await listKeys(db.prisma, { user: 'alice@example.com', now: () => new Date(Date.now() + 3_600_000) }, blogKeyModel);
    expect(rows.every((r) => r.userId === alice.id)).toBe(true);
    expect(rows.map((r) => r.prefix)).toEqual(expect.arrayContaining([mine.prefix, soon.prefix]));
    expect(rows.find((r) => r.prefix === soon.prefix)!.status).toBe('expired');
    expect(rows.find((r) => r.prefix === mine.prefix)).toMatchObject({ status: 'active', name: 'ci', scopes: ['read'], lastUsedAt: null });
    for (const row of rows) {
      expect(Object.keys(row)).not.toContain('hash');
      expect(JSON.stringify(row)).not.toMatch(/[0-9a-f]{64}/);
    }
    const all = await listKeys(db.prisma, {}, blogKeyModel);
    expect(all.some((r) => r.userId === bob.id) && all.some((r) => r.userId === alice.id)).toBe(true);
  });

  it('revokes by prefix, by the prefix without mcpk_, and by id; a second revoke changes nothing', async () => {
    const a = await createKey(db.prisma, { user: 'bob@example.com' }, blogKeyModel);
    const b = await createKey(db.prisma, { user: 'bob@example.com' }, blogKeyModel);
    const c = await createKey(db.prisma, { user: 'bob@example.com' }, blogKeyModel);
    const at = new Date('2031-05-05T00:00:00Z');
    expect(await revokeKey(db.prisma, a.prefix, blogKeyModel, { now: () => at })).toEqual({ id: a.id, prefix: a.prefix, revokedAt: at, alreadyRevoked: false });
    expect((await revokeKey(db.prisma, b.prefix.slice('mcpk_'.length), blogKeyModel)).id).toBe(b.id);
    expect((await revokeKey(db.prisma, c.id, blogKeyModel)).prefix).toBe(c.prefix);
    const again = await revokeKey(db.prisma, a.prefix, blogKeyModel);
    expect(again).toMatchObject({ alreadyRevoked: true, revokedAt: at });
    const rows = await listKeys(db.prisma, { user: 'bob@example.com' }, blogKeyModel);
    expect(rows.filter((r) => [a.id, b.id, c.id].includes(r.id)).map((r) => r.status)).toEqual(['revoked', 'revoked', 'revoked']);
  });

  it('says which key it could not find', async () => {
    await expect(revokeKey(db.prisma, 'mcpk_NoSuchKy', blogKeyModel)).rejects.toThrow("keys revoke: no API key with id or prefix 'mcpk_NoSuchKy'");
  });
});

describe('database problems', () => {
  it('tells the user to migrate when the key table is missing', async () => {
    const bare = await open(await project.databaseWith('unmigrated'));
    await (bare.prisma as Client).user!.create({ data: { email: 'carol@example.com', passwordHash: 'x' } });
    const migrate = /The database has no McpApiKey table .*run `npx prisma migrate dev` \(or `npx prisma db push`\) to create the McpApiKey table/;
    await expect(createKey(bare.prisma, { user: 'carol@example.com' }, blogKeyModel)).rejects.toThrow(migrate);
    await expect(listKeys(bare.prisma, {}, blogKeyModel)).rejects.toThrow(migrate);
    await expect(revokeKey(bare.prisma, 'mcpk_AbC12xYz', blogKeyModel)).rejects.toThrow(migrate);
  });

  it('says the database cannot be reached', async () => {
    const gone = await open(`file:${path.join(project.dir, 'no-such-dir', 'x.db')}`);
    await expect(listKeys(gone.prisma, {}, blogKeyModel)).rejects.toThrow(/^Cannot reach the database \(.*\)\. Check DATABASE_URL/);
  });

  it('says what is wrong with the database module', async () => {
    await expect(loadProjectDb(project.dir, 'src/mcp/nope.ts')).rejects.toThrow(/db: the database module src\/mcp\/nope\.ts does not exist/);
  });
});
