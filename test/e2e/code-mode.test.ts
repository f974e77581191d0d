/**
 * Issue 25, code mode end to end: the clinic fixture generated with `mode: 'code'`, type-checked
 * (TS 5 and 7), served, and driven by the SDK v2 client with API keys. Programs run in the QuickJS
 * sandbox over the scoped `db`; writes are checked against direct snapshots of the database.
 * The escape and abuse corpus and the fuzz run against the same server: code-mode-abuse.ts.
 *
 * Seed: Ann (1) is a member of North (1) and Shared (3): patients 1–3 and 8, one visit each; notes
 * "Ann 1–3". Bob (2): South (2) and Shared: patients 4–8; notes "Bob 1–4".
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/client';
import { connectClientV2 } from '../helpers/client.js';
import { testDatabases } from '../helpers/databases.js';
import { typecheck, typecheckRuntime } from '../helpers/tsc.js';
import { repoBin } from '../helpers/repo.js';
import { run } from '../helpers/run.js';
import { createClinicProject, type ClinicProject } from './scoping/project.js';
import { bearer } from './scoping/rpc.js';
import { abuseCorpus, fuzzPrograms } from './code-mode-abuse.js';

const ANN = 1;
// The transaction semantics differ per database: every configured one runs (SQLite always).
const databases = testDatabases.filter((d) => d.provider === 'sqlite' || d.provider === 'postgresql');

export interface Execute {
  isError: boolean;
  text: string;
  structured: Record<string, unknown> | undefined;
  ms: number;
}

export async function execute(client: Client, code: string): Promise<Execute> {
  const started = performance.now();
  const r = await client.callTool({ name: 'execute', arguments: { code } });
  const text = (r.content as { type: string; text?: string }[]).filter((b) => b.type === 'text').map((b) => b.text ?? '').join('\n');
  return { isError: r.isError === true, text, structured: r.structuredContent as Record<string, unknown> | undefined, ms: performance.now() - started };
}

describe.each(databases)('code mode on $label', (database) => {
  let p: ClinicProject;
  let ann: Client;
  let annRead: Client;
  let bob: Client;
  const clients: Client[] = [];

  beforeAll(async () => {
    p = await createClinicProject(database, 'code', {
      // A shorter wall clock than the 5 s default keeps the corpus quick; it also checks config.code.
      afterInit: async (dir) => {
        const file = path.join(dir, 'mcp-gen.config.ts');
        await fs.writeFile(file, (await fs.readFile(file, 'utf8')).replace("  mode: 'code',", "  mode: 'code',\n  code: { timeoutMs: 2000 },"));
        const { mcpGen } = await import('./cli.js');
        const r = await mcpGen(['generate'], dir);
        if (r.code !== 0) throw new Error(r.stderr);
      },
    });
    const connect = async (key: string) => {
      const c = await connectClientV2(p.server.url, { protocol: '2025-11-25', headers: bearer(key) });
      clients.push(c);
      return c;
    };
    ann = await connect((await p.createKey('ann@example.com', ['--scopes', 'read,write'])).key);
    annRead = await connect((await p.createKey('ann@example.com')).key);
    bob = await connect((await p.createKey('bob@example.com', ['--scopes', 'read,write'])).key);
  }, 600_000);

  afterAll(async () => {
    await Promise.allSettled(clients.map((c) => c.close()));
    await p?.close();
  });

  const ok = async (client: Client, code: string) => {
    const r = await execute(client, code);
    expect(r.isError, r.text).toBe(false);
    expect(JSON.parse(r.text)).toEqual(r.structured);
    return r.structured as { result: unknown; logs: string[]; stats: { calls: number; rows: number; ms: number } };
  };
  const failed = async (client: Client, code: string) => {
    const r = await execute(client, code);
    expect(r.isError, `should fail: ${r.text}`).toBe(true);
    // Never a host stack or path.
    expect(r.text).not.toMatch(/node_modules|\/src\/|\/tmp\/|\bat .*\.ts:|worker_threads/);
    return JSON.parse(r.text) as { error: { name: string; message: string; line?: number; column?: number }; logs: string[]; writes?: string };
  };

  it('lists get_user_info, describe_models, execute and the custom tool; the project type-checks (TS 5 and 7)', async () => {
    const { tools } = await ann.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(['describe_models', 'execute', 'get_user_info', 'greet']);
    for (const compiler of ['ts5', 'ts7'] as const) {
      const r = await typecheck(p.dir, compiler);
      expect(r.output, compiler).toBe('');
    }
    const strict = await typecheckRuntime(p.dir, 'ts7');
    expect(strict.output).toBe('');
  }, 240_000);

  it('describe_models gives TypeScript declarations a program type-checks against', async () => {
    const r = await ann.callTool({ name: 'describe_models', arguments: { models: ['Patient', 'Visit', 'Clinic', 'Note'] } });
    const text = (r.content as { text: string }[])[0]!.text;
    expect(text).toMatch(/declare const db: \{\n {2}patient: PatientDelegate;/);
    expect(text).not.toMatch(/internalNotes|passwordHash/);
    const decls = text.replace(/^```ts\n|\n```$/g, '');
    const program = `${decls}\nexport {};\nconst groups = await db.patient.groupBy({ by: ['clinicId'], _count: { _all: true } });\nconst page = await db.visit.findMany({ where: { patient: { is: { name: { startsWith: 'N' } } } }, orderBy: { startsAt: 'desc' }, take: 5 });\nconst n: number = await db.note.count({ where: { title: { contains: 'Ann' } } });\nconst first: string | undefined = page.items[0]?.reason;\n// @ts-expect-error: not a field of Note\nawait db.note.findMany({ where: { secret: 1 } });\nconsole.log(groups.length, n, first);\n`;
    const folder = path.join(p.dir, 'program-check');
    await fs.mkdir(folder, { recursive: true });
    const file = path.join(folder, 'program.ts');
    await fs.writeFile(file, program);
    for (const compiler of ['typescript/bin/tsc', 'typescript7/bin/tsc']) {
      // TypeScript 7 refuses file arguments under a folder with a tsconfig.json unless told to ignore it.
      const ignore = compiler.startsWith('typescript7') ? ['--ignoreConfig'] : [];
      const out = await run(process.execPath, [repoBin(compiler), ...ignore, '--noEmit', '--strict', '--target', 'es2022', '--module', 'esnext', '--moduleResolution', 'bundler', '--lib', 'es2022,dom', file], { cwd: folder });
      expect(out.output, compiler).toBe('');
    }
  }, 120_000);

  it('a multi-step program (findMany + groupBy + aggregate) answers with the caller\'s rows only', async () => {
    const code = `
      const clinics = await db.clinic.findMany({ orderBy: { name: 'asc' } });
      const perClinic = await db.patient.groupBy({ by: ['clinicId'], _count: { _all: true } });
      const visits = await db.visit.aggregate({ _count: { _all: true }, _min: { startsAt: true } });
      const names = Object.fromEntries(clinics.items.map((c) => [c.id, c.name]));
      return {
        patients: Object.fromEntries(perClinic.map((g) => [names[g.clinicId], g._count._all])),
        visits: visits._count._all,
        firstVisit: visits._min.startsAt,
      };`;
    const a = await ok(ann, code);
    expect(a.result).toEqual({ patients: { North: 3, Shared: 1 }, visits: 4, firstVisit: '2026-01-01T09:00:00.000Z' });
    expect(a.stats).toMatchObject({ calls: 3, rows: 2 + 2 });
    const b = await ok(bob, code);
    expect(b.result).toEqual({ patients: { South: 4, Shared: 1 }, visits: 5, firstVisit: '2026-01-04T09:00:00.000Z' });
  });

  it('accepts TypeScript, returns console output, and a thrown error names its line and column', async () => {
    const ts = await ok(ann, 'interface Row { title: string }\nconst page = await db.note.findMany({ orderBy: { id: "asc" }, take: 10 });\nconst titles: string[] = page.items.map((n: Row) => n.title);\nconsole.log("found", titles.length, { first: titles[0] });\nreturn titles as string[];');
    expect(ts.result).toEqual(['Ann 1', 'Ann 2', 'Ann 3']);
    expect(ts.logs).toEqual(['[log] found 3 {"first":"Ann 1"}']);
    const thrown = await failed(ann, 'const n = await db.note.count();\nconsole.log("before", n);\n  throw new Error(`boom after ${n}`);');
    // QuickJS places a `new Error(...)` at its call: line 3, the "(" after `  throw new Error`.
    expect(thrown.error).toEqual({ name: 'Error', message: 'boom after 3', line: 3, column: 18 });
    expect(thrown.logs).toEqual(['[log] before 3']);
    const syntax = await failed(ann, 'const x = 1;\nconst y = ;');
    expect(syntax.error).toMatchObject({ name: 'SyntaxError', line: 2 });
  });

  it('db errors are catchable inside the program, and an uncaught one names the line of the call', async () => {
    const caught = await ok(ann, 'try { await db.note.findMany({ where: { nope: 1 } }); } catch (e) { return e.message; }');
    expect(caught.result).toMatch(/nope/);
    const uncaught = await failed(ann, 'const a = 1;\nawait db.note.findUnique({ where: { title: "x" } });');
    expect(uncaught.error.line).toBe(2);
    expect(await ok(ann, 'return await db.note.findUnique({ where: { id: 4 } })')).toMatchObject({ result: null }); // Bob's note: as if missing
  });

  it('a read-only key reads, and a write fails inside the program (catchable, scope named) with nothing written', async () => {
    const before = await p.sql.rows('Note');
    const read = await ok(annRead, 'return await db.note.count()');
    expect(read.result).toBe(3);
    const caught = await ok(annRead, 'try { await db.note.create({ data: { title: "nope" } }); return "written"; } catch (e) { return e.name + ": " + e.message; }');
    expect(caught.result).toMatch(/^ForbiddenError: db\.note\.create: .*"write" or "notes:write"; nothing was written$/);
    const uncaught = await failed(annRead, 'await db.note.delete({ where: { id: 1 } });');
    expect(uncaught.error.message).toMatch(/"write" or "notes:write"/);
    expect(await p.sql.rows('Note')).toEqual(before);
  });

  it('a program that writes and then throws leaves nothing written', async () => {
    const before = await Promise.all(['Note', 'Patient'].map((t) => p.sql.rows(t)));
    const r = await failed(ann, 'await db.note.create({ data: { title: "rolled back" } });\nawait db.note.update({ where: { id: 1 }, data: { title: "changed" } });\nawait db.patient.create({ data: { name: "Temp", clinicId: 1, dateOfBirth: "2000-01-01T00:00:00.000Z" } });\nthrow new Error("after the writes");');
    expect(r.error).toMatchObject({ message: 'after the writes', line: 4 });
    expect(r.writes).toMatch(/rolled back: nothing of this program's 3 write\(s\) was saved/);
    expect(await Promise.all(['Note', 'Patient'].map((t) => p.sql.rows(t)))).toEqual(before);
  });

  it('a write that fails its scope check is undone alone, and the program goes on', async () => {
    const before = await p.sql.rows('Patient');
    const r = await ok(ann, 'let refused = "";\ntry { await db.patient.create({ data: { name: "Elsewhere", clinicId: 2, dateOfBirth: "2000-01-01T00:00:00.000Z" } }); } catch (e) { refused = e.message; }\nreturn { refused, count: await db.patient.count() };');
    expect(r.result).toMatchObject({ refused: expect.stringMatching(/outside the rows you may access/), count: 4 });
    expect(await p.sql.rows('Patient')).toEqual(before);
  });

  it('a write lands as the caller\'s row, and commits with the program', async () => {
    const r = await ok(ann, 'const note = await db.note.create({ data: { title: "from code", body: "hello" } });\nconst again = await db.note.findUnique({ where: { id: note.id } });\nreturn { note, seen: again?.title };');
    const note = (r.result as { note: Record<string, unknown>; seen: string }).note;
    expect(note).toMatchObject({ title: 'from code', authorId: ANN });
    expect((r.result as { seen: string }).seen).toBe('from code');
    const rows = await p.sql.rows('Note');
    expect(rows.find((n) => n['id'] === note['id'])).toMatchObject({ title: 'from code', authorId: ANN });
    // Bob does not see it.
    expect((await ok(bob, `return await db.note.findUnique({ where: { id: ${String(note['id'])} } })`)).result).toBeNull();
  });

  it('a program calls a custom tool as tools.<name>, with the caller\'s identity', async () => {
    const r = await ok(ann, 'const a = await tools.greet({ name: "Ann", tone: "formal" });\nreturn a;');
    expect(r.result).toEqual({ message: 'Good day, Ann.', signedIn: true });
    const bad = await failed(ann, 'return await tools.greet({ tone: "rude" })');
    expect(bad.error).toMatchObject({ name: 'ToolError', message: expect.stringMatching(/tone/) });
  });

  it('a result past the cap is cut, with a note on how to narrow it', async () => {
    const r = await ok(ann, 'return Array.from({ length: 3000 }, (_, i) => ({ i, text: "row " + i }))');
    expect(typeof r.result).toBe('string');
    expect((r as unknown as { truncated: string }).truncated).toMatch(/select fewer fields, take fewer rows, or aggregate/);
    expect(JSON.stringify(r).length).toBeLessThan(25_000);
  });

  describe('escape and abuse corpus: each ends in a bounded isError with the server alive', () => {
    it.each(abuseCorpus)('$name', async ({ code, message }) => {
      const before = await p.sql.rows('Note');
      const r = await failed(ann, code);
      expect(`${r.error.name}: ${r.error.message}`).toMatch(message);
      // Bounded: the 2 s wall clock plus the host's grace and a loaded machine's slack.
      expect((await execute(ann, 'return 1')).text).toMatch(/"result":1/);
      expect(await p.sql.rows('Note')).toEqual(before);
    }, 30_000);
  });

  it('fuzz: generated programs end in an answer or a bounded error, never show another user\'s rows or a host path', async () => {
    await fuzzPrograms(async (code) => {
      const r = await execute(ann, code);
      expect(r.ms).toBeLessThan(15_000);
      expect(r.text).not.toMatch(/Bob|bob@|Sam South|node_modules|\/src\/|argon2|secret of/);
      if (!r.isError) expect(JSON.parse(r.text)).toEqual(r.structured);
    });
    expect((await execute(ann, 'return 1')).text).toMatch(/"result":1/);
  }, 240_000);
});
