/**
 * Issue 24: the scoping matrix through the views' app-only tool. view_rows reruns a read tool with
 * the arguments a view changed (order, cursor); every call must hold exactly what the tool itself
 * holds: the caller's rows only, cursors that reveal nothing, relation filters scoped, toolset
 * scopes checked before anything runs, no writes. Full and compact mode, SDK v2 clients pinned to
 * both protocol revisions, SQLite and (with MCPGEN_TEST_POSTGRES_URL) PostgreSQL.
 * Seed (fixtures/clinic): Ann 1 (notes 1–3, clinics North and Shared), Bob 2 (notes 4–7, South and Shared).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/client';
import { connectClientV2 } from '../helpers/client.js';
import { testDatabases } from '../helpers/databases.js';
import { createClinicProject, type ClinicProject } from './scoping/project.js';
import { bearer, rawCall } from './scoping/rpc.js';

const PROTOCOLS = ['2025-11-25', '2026-07-28'] as const;
const matrix = testDatabases
  .filter((d) => d.provider === 'sqlite' || d.provider === 'postgresql')
  .flatMap((database) => (['full', 'compact'] as const).map((mode) => ({ database, mode, label: `${database.label}, ${mode} mode` })));

type Result = { structuredContent?: any; isError?: boolean; content: { type: string; text?: string }[]; _meta?: any };

describe.each(matrix)('view_rows holds the scoping matrix on $label', ({ database, mode }) => {
  let p: ClinicProject;
  const keys: Record<'ann' | 'bob' | 'notesOnly' | 'annWrite', string> = { ann: '', bob: '', notesOnly: '', annWrite: '' };
  const clients: Client[] = [];

  beforeAll(async () => {
    p = await createClinicProject(database, mode);
    keys.ann = (await p.createKey('ann@example.com', ['--scopes', 'read'])).key;
    keys.bob = (await p.createKey('2', ['--scopes', 'read,write'])).key;
    keys.notesOnly = (await p.createKey('ann@example.com', ['--scopes', 'notes:read'])).key;
    keys.annWrite = (await p.createKey('ann@example.com', ['--scopes', 'write'])).key;
  }, 300_000);

  afterAll(async () => {
    await Promise.allSettled(clients.map((c) => c.close()));
    await p?.close();
  });

  const connect = async (key: string, protocol: (typeof PROTOCOLS)[number]) => {
    const c = await connectClientV2(p.server.url, { protocol, headers: bearer(key) });
    clients.push(c);
    return c;
  };
  /** The target tool and its arguments, in this mode (compact: query with Prisma Client arguments). */
  const target = (model: 'Note' | 'Patient', args: Record<string, unknown>) =>
    mode === 'full' ? { tool: model === 'Note' ? 'list_notes' : 'list_patients', arguments: args } : { tool: 'query', arguments: { model, operation: 'findMany', args } };
  const view = async (c: Client, model: 'Note' | 'Patient', args: Record<string, unknown>) =>
    (await c.callTool({ name: 'view_rows', arguments: target(model, args) })) as Result;
  const ids = (r: Result) => (r.structuredContent.items as { id: number }[]).map((x) => x.id);

  describe.each(PROTOCOLS)('protocol %s', (protocol) => {
    it('view_rows is listed, app-only, to callers who may read; the read tools point at their view', async () => {
      const ann = await connect(keys.ann, protocol);
      const tools = (await ann.listTools()).tools;
      const byName = new Map(tools.map((t) => [t.name, t]));
      expect(byName.get('view_rows')?._meta).toEqual({ ui: { visibility: ['app'] } });
      const read = mode === 'full' ? 'list_notes' : 'query';
      expect(byName.get(read)?._meta).toEqual({ ui: { resourceUri: mode === 'full' ? 'ui://mcp-gen/table.html' : 'ui://mcp-gen/chart.html' } });
      const writer = await connect(keys.annWrite, protocol);
      expect((await writer.listTools()).tools.map((t) => t.name)).not.toContain('view_rows');
    });

    it("each caller sees only their rows, sorted and paged as the view asks", async () => {
      const [ann, bob] = [await connect(keys.ann, protocol), await connect(keys.bob, protocol)];
      const annNotes = await view(ann, 'Note', { orderBy: [{ id: 'desc' }], take: 10 });
      expect(annNotes.isError).toBeFalsy();
      expect(ids(annNotes)).toEqual([3, 2, 1]);
      expect(annNotes._meta?.['mcp-gen/view']).toMatchObject({ model: 'Note', shape: 'page' });
      const bobPage = await view(bob, 'Note', { take: 2 });
      expect(ids(bobPage)).toEqual([4, 5]);
      const bobNext = await view(bob, 'Note', { take: 2, cursor: bobPage.structuredContent.nextCursor });
      expect(ids(bobNext)).toEqual([6, 7]);
      expect(ids(await view(ann, 'Patient', { take: 10 }))).toEqual([1, 2, 3, 8]);
    });

    it("another caller's cursor is refused, and reveals nothing", async () => {
      const [ann, bob] = [await connect(keys.ann, protocol), await connect(keys.bob, protocol)];
      const bobPage = await view(bob, 'Note', { take: 1 });
      const stolen = await view(ann, 'Note', { take: 2, cursor: bobPage.structuredContent.nextCursor });
      expect(stolen.isError).toBe(true);
      expect(stolen.content[0]?.text).toMatch(/cursor is not valid/);
    });

    it('relation filters stay inside the caller\'s scope', async () => {
      const ann = await connect(keys.ann, protocol);
      expect(ids(await view(ann, 'Patient', { where: { clinic: { is: { name: 'South' } } } }))).toEqual([]);
      expect(ids(await view(ann, 'Patient', { where: { visits: { some: { reason: { contains: 'Sam' } } } } }))).toEqual([]);
    });

    it('a key without the toolset\'s read scope is refused before anything runs (403)', async () => {
      const r = await rawCall(p.server.url, keys.notesOnly, 'view_rows', target('Patient', {}));
      expect(r.status).toBe(403);
      expect(JSON.stringify(r.body)).not.toMatch(/North|Nora|South/);
      const ok = await rawCall(p.server.url, keys.notesOnly, 'view_rows', target('Note', {}));
      expect(ok.status).toBe(200);
      const writeOnly = await rawCall(p.server.url, keys.annWrite, 'view_rows', target('Note', {}));
      expect(writeOnly.status).toBe(403);
    });

    it('cannot reach a write tool, or mutate through query\'s arguments', async () => {
      const bob = await connect(keys.bob, protocol);
      const before = await p.sql.rows('Note');
      const write = mode === 'full' ? { tool: 'delete_note', arguments: { where: { id: 4 } } } : { tool: 'mutate', arguments: { model: 'Note', operation: 'delete', args: { where: { id: 4 } } } };
      const r = (await bob.callTool({ name: 'view_rows', arguments: write })) as Result;
      expect(r.isError).toBe(true);
      expect(r.content[0]?.text).toMatch(/tool: expected one of/);
      if (mode === 'compact') {
        const sneaky = (await bob.callTool({ name: 'view_rows', arguments: { tool: 'query', arguments: { model: 'Note', operation: 'delete', args: { where: { id: 4 } } } } })) as Result;
        expect(sneaky.isError).toBe(true);
      }
      expect(await p.sql.rows('Note')).toEqual(before);
    });
  });
});
