/**
 * Issue 5, type coverage: the same scenarios on every configured database (SQLite always; PostgreSQL
 * and MariaDB/MySQL when their URLs are set). fixtures/types-<provider> holds one schema per provider,
 * because lists, enums and native types differ. create → get → list with filters → orderBy →
 * aggregate, with exact equality wherever the database stores values exactly.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { createScratchProject, removeScratch } from '../helpers/scratch.js';
import { generatePrismaClient } from '../helpers/prisma-generate.js';
import { pushSchema } from '../helpers/push-schema.js';
import { typecheck } from '../helpers/tsc.js';
import { startServer } from '../helpers/server.js';
import { callTool, connectClient } from '../helpers/client.js';
import { freshDatabase, testDatabases, type TestProvider } from '../helpers/databases.js';
import { mcpGen, REPO } from './cli.js';
import { skipExampleTool } from './corpus-project.js';
import { execSql, VIEW_SQL, JOIN_TABLE_SQL } from './types-sql.js';

const BIG = '9007199254740993'; // 2^53 + 1: a JavaScript number would round it
const NEG_BIG = '-9223372036854775808'; // BigInt's minimum
/** Exact on PostgreSQL and MariaDB (DECIMAL(20,6)); SQLite stores Decimal as a double (see docs/databases.md). */
const AMOUNT: Record<TestProvider, [string, string]> = {
  postgresql: ['12345678901234.123456', '-0.000001'],
  mysql: ['12345678901234.123456', '-0.000001'],
  sqlite: ['1234.5', '-0.25'],
};
const BYTES = Buffer.from([0, 1, 2, 254, 255, 128]).toString('base64');
const DATA = { nested: { list: [1, 'two', { three: [true, null] }], unicode: 'é🙂' } };

describe.each(testDatabases)('$label', ({ provider }) => {
  let dir: string;
  let url: string;
  let drop: () => Promise<void> = async () => {};
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  let client: Client;
  let generateOutput = '';
  const [amountA, amountB] = AMOUNT[provider];
  const lists = provider === 'postgresql';

  beforeAll(async () => {
    dir = await createScratchProject(`types-${provider}`, { fixtureDir: path.join(REPO, `fixtures/types-${provider}`) });
    await skipExampleTool(dir);
    const init = await mcpGen(['init', '--yes', '--no-install', '--auth', 'none'], dir);
    if (init.code !== 0) throw new Error(`init failed:\n${init.stdout}${init.stderr}`);
    const gen = await mcpGen(['generate'], dir);
    generateOutput = gen.stdout + gen.stderr;
    await generatePrismaClient(dir, 'prisma/schema.prisma');
    const db = await freshDatabase(provider, dir);
    url = db.url;
    drop = db.drop;
    const schema = await fs.readFile(path.join(dir, 'prisma/schema.prisma'), 'utf8');
    // Views are not created by a push: drop the view block for the push, create the view with SQL.
    const tablesOnly = schema.replace(/\nview \w+ \{[^}]*\}\n/g, '\n');
    await pushSchema({ files: [['prisma/schema.prisma', tablesOnly]], url, provider });
    await execSql(provider, url, [VIEW_SQL[provider]]);
    server = await startServer(dir, { env: { DATABASE_URL: url } });
    client = await connectClient(server.url);
  });

  afterAll(async () => {
    await client?.close();
    await server?.stop();
    await drop();
    if (dir) await removeScratch(dir);
  });

  const call = async (tool: string, args: Record<string, unknown>) => {
    const r = await callTool(client, tool, args);
    expect(r.isError, `${tool} ${JSON.stringify(args)}: ${r.text}`).toBe(false);
    return r.structured as Record<string, unknown>;
  };
  const items = async (tool: string, args: Record<string, unknown>) => (await call(tool, args)).items as Record<string, unknown>[];

  it('generate notes the skipped Unsupported and @ignore fields', () => {
    expect(generateOutput).toMatch(/Sample\.geo skipped \(Unsupported/);
    expect(generateOutput).toMatch(/@ignore'd field Sample\.secret/);
  });

  it('type-checks strictly (ts7)', async () => {
    const r = await typecheck(dir, 'ts7');
    expect(r.output).not.toMatch(/error TS/);
    expect(r.ok).toBe(true);
  });

  it('create and get round-trip every scalar type exactly', async () => {
    const a = {
      label: 'a', note: null, count: 2147483647, ratio: 0.1, flag: true,
      at: '2026-03-01T23:30:00.123+05:30', big: BIG, amount: amountA, data: DATA, blob: BYTES, level: 'HIGH',
      ...(lists ? { tags: ['x', 'y'], levels: ['LOW', 'HIGH'], numbers: [-1, 0, 1] } : {}),
    };
    const created = await call('create_sample', { data: a });
    const expected = { ...a, at: '2026-03-01T18:00:00.123Z' };
    expect(created).toMatchObject(expected);
    const got = await call('get_sample', { where: { id: created.id } });
    expect(got).toEqual({ ...expected, id: created.id, createdAt: expect.stringMatching(/Z$/) });

    const b = {
      label: 'b', note: 'n', count: -2147483648, ratio: -1.5e300, flag: false,
      at: '1999-12-31T23:59:59.999-08:00', big: NEG_BIG, amount: amountB, data: [1, { a: null }], blob: '', level: 'LOW',
      ...(lists ? { tags: [], levels: [], numbers: [] } : {}),
    };
    expect(await call('create_sample', { data: b })).toMatchObject({ ...b, at: '2000-01-01T07:59:59.999Z' });
    expect(await call('create_sample', { data: { ...b, label: 'c', big: '-9007199254740993', amount: amountA, level: 'HIGH' } })).toMatchObject({
      big: '-9007199254740993',
    });
  });

  it('list filters on every type', async () => {
    const labels = async (where: unknown) => (await items('list_samples', { where, orderBy: [{ label: 'asc' }], select: ['label'] })).map((i) => i.label);
    expect(await labels({ big: { gt: '9007199254740992' } })).toEqual(['a']);
    expect(await labels({ big: { lt: '-9007199254740992' } })).toEqual(['b', 'c']);
    expect(await labels({ big: NEG_BIG })).toEqual(['b']);
    expect(await labels({ amount: { equals: amountA } })).toEqual(['a', 'c']);
    expect(await labels({ amount: { lt: '0' } })).toEqual(['b']);
    expect(await labels({ at: { gte: '2026-03-01T18:00:00.123Z' } })).toEqual(['a']);
    expect(await labels({ at: { lt: '2000-01-01T09:00:00+01:00' } })).toEqual(['b', 'c']);
    expect(await labels({ level: { in: ['HIGH'] } })).toEqual(['a', 'c']);
    expect(await labels({ flag: true, count: { gt: 0 }, ratio: { gt: 0 } })).toEqual(['a']);
    expect(await labels({ note: null })).toEqual(['a']);
    // Case-insensitive everywhere: PostgreSQL by `mode`, MariaDB by its _ci collation, SQLite because LIKE
    // ignores ASCII case.
    expect(await labels({ label: { startsWith: 'A', ...(provider === 'postgresql' ? { mode: 'insensitive' } : {}) } })).toEqual(['a']);
    if (provider === 'postgresql') {
      // PostgreSQL compares case-sensitively unless asked.
      expect(await labels({ label: { startsWith: 'A' } })).toEqual([]);
      expect(await labels({ label: { startsWith: 'A', mode: 'default' } })).toEqual([]);
    } else {
      // `mode` exists only where the database has it; elsewhere it is refused by name.
      const r = await callTool(client, 'list_samples', { where: { label: { startsWith: 'A', mode: 'insensitive' } } });
      expect(r.isError).toBe(true);
      expect(r.text).toMatch(/where\.label.*mode/);
    }
    if (lists) {
      expect(await labels({ tags: { has: 'y' } })).toEqual(['a']);
      expect(await labels({ levels: { hasSome: ['LOW'] } })).toEqual(['a']);
      expect(await labels({ numbers: { isEmpty: true } })).toEqual(['b', 'c']);
    }
  });

  it('orderBy BigInt, Decimal and DateTime', async () => {
    const order = async (orderBy: unknown) => (await items('list_samples', { orderBy, select: ['label'] })).map((i) => i.label);
    expect(await order([{ big: 'desc' }])).toEqual(['a', 'c', 'b']);
    expect(await order([{ amount: 'asc' }, { label: 'desc' }])).toEqual(['b', 'c', 'a']);
    expect(await order([{ at: 'asc' }, { label: 'asc' }])).toEqual(['b', 'c', 'a']);
  });

  it('aggregates exactly', async () => {
    const agg = await call('aggregate_samples', { _count: ['_all'], _sum: ['big', 'count'], _min: ['big', 'amount', 'at'], _max: ['big', 'amount'] });
    const sumBig = (BigInt(BIG) + BigInt(NEG_BIG) - 9007199254740993n).toString();
    expect(agg).toEqual({
      groups: [
        {
          _count: { _all: 3 },
          _sum: { big: sumBig, count: -2147483649 },
          _min: { big: NEG_BIG, amount: amountB, at: '2000-01-01T07:59:59.999Z' },
          _max: { big: BIG, amount: amountA },
        },
      ],
    });
    const by = await call('aggregate_samples', { by: ['level'], _count: ['_all'], _max: ['amount'] });
    const groups = (by.groups as { level: string; _count: { _all: number }; _max: { amount: string } }[]).sort((x, y) => x.level.localeCompare(y.level));
    expect(groups).toEqual([
      { level: 'HIGH', _count: { _all: 2 }, _max: { amount: amountA } },
      { level: 'LOW', _count: { _all: 1 }, _max: { amount: amountB } },
    ]);
  });

  it('composite @@id, compound @@unique on a model without @id', async () => {
    await call('create_pair', { data: { a: 'k', b: 1, value: 'one' } });
    await call('create_pair', { data: { a: 'k', b: 2, value: 'two' } });
    expect(await call('get_pair', { where: { a_b: { a: 'k', b: 2 } } })).toEqual({ a: 'k', b: 2, value: 'two' });
    await call('create_keyless', { data: { x: 'p', y: 'q', val: 7 } });
    expect(await call('get_keyless', { where: { xy: { x: 'p', y: 'q' } } })).toEqual({ x: 'p', y: 'q', val: 7 });
    expect((await call('count_keylesses', {})).count).toBe(1);
  });

  it('self-relation, one-to-one, implicit and explicit many-to-many, @map columns', async () => {
    const boss = await call('create_person', { data: { name: 'Boss' } });
    const worker = await call('create_person', { data: { name: 'Worker', managerId: boss.id } });
    await call('create_profile', { data: { bio: 'hi', personId: worker.id } });
    const group = await call('create_group', { data: { name: 'g1' } });
    await call('create_membership', { data: { personId: worker.id, groupId: group.id, role: 'lead' } });
    await execSql(provider, url, [JOIN_TABLE_SQL[provider](group.id as number, worker.id as number)]);

    const [w] = await items('list_people', { where: { manager: { is: { name: 'Boss' } } }, include: ['manager', 'profile', 'groups', 'members'] });
    expect(w).toMatchObject({
      name: 'Worker',
      manager: { name: 'Boss' },
      profile: { bio: 'hi' },
      groups: [{ name: 'g1' }],
      members: [{ role: 'lead', groupId: group.id }],
    });
    const bosses = await items('list_people', { where: { reports: { some: { name: 'Worker' } } }, select: ['name'] });
    expect(bosses).toEqual([{ name: 'Boss' }]);
    expect(await call('get_membership', { where: { personId_groupId: { personId: worker.id, groupId: group.id } } })).toMatchObject({ role: 'lead' });
  });

  it('a view gets read-only tools and reads its rows', async () => {
    const { tools } = await client.listTools();
    const viewTools = tools.map((t) => t.name).filter((n) => /sample_summar/.test(n)).sort();
    expect(viewTools).toEqual(['aggregate_sample_summaries', 'count_sample_summaries', 'get_sample_summary', 'list_sample_summaries']);
    const rows = await items('list_sample_summaries', { orderBy: [{ label: 'asc' }] });
    expect(rows.map((r) => [r.label, r.amount])).toEqual([['a', amountA], ['b', amountB], ['c', amountA]]);
  });
});
