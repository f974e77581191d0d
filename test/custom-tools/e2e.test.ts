/**
 * Issue 4 end to end: the custom-tools fixture (both tool forms) generates, type-checks with
 * TypeScript 5 and 7, and runs; a real SDK client lists and calls the tools, receives progress
 * notifications, cancels a long-running tool, and sees argument and thrown-error messages.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { createScratchProject, removeScratch } from '../helpers/scratch.js';
import { generatePrismaClient } from '../helpers/prisma-generate.js';
import { pushSchema } from '../helpers/push-schema.js';
import { typecheck } from '../helpers/tsc.js';
import { startServer, type RunningServer } from '../helpers/server.js';
import { callTool, connectClient } from '../helpers/client.js';
import { repoRoot } from '../helpers/repo.js';
import { generate, type GenerateResult } from '../../src/generate.js';

let dir: string;
let generated: GenerateResult;
let server: RunningServer;
let client: Client;

const future = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

beforeAll(async () => {
  dir = await createScratchProject('custom-tools', { fixtureDir: path.join(repoRoot, 'fixtures/custom-tools') });
  await generatePrismaClient(dir, 'prisma/schema.prisma');
  generated = await generate({ root: dir });
  const url = `file:${path.join(dir, 'dev.db')}`;
  const schema = await fs.readFile(path.join(dir, 'prisma/schema.prisma'), 'utf8');
  await pushSchema({ files: [['prisma/schema.prisma', schema]], url, provider: 'sqlite' });
  server = await startServer(dir, { env: { DATABASE_URL: url } });
  client = await connectClient(server.url);
});

afterAll(async () => {
  await client?.close();
  await server?.stop();
  if (dir) await removeScratch(dir);
});

const read = (file: string) => fs.readFile(path.join(dir, 'src/mcp/generated', file), 'utf8');

describe('generate', () => {
  it('emits custom-tools.ts and lists it in tools.ts', async () => {
    expect(generated.files.map((f) => f.path)).toContain('custom-tools.ts');
    const tools = await read('tools.ts');
    expect(tools, 'src/emit/index.ts must call emitTools(plan, input.extra)').toContain('...customTools');
    const custom = await read('custom-tools.ts');
    expect(custom).toContain("from '../tools/visits.ts'"); // the scratch tsconfig allows .ts imports
    expect(custom).toContain("from '../tools/reports.ts'");
    expect(custom).not.toContain('formatCents');
  });

  it.each(['ts7', 'ts5'] as const)('the project type-checks with %s', async (compiler) => {
    const r = await typecheck(dir, compiler);
    expect(r.output).toBe('');
    expect(r.ok).toBe(true);
  });

  it('re-running generate writes nothing', async () => {
    const again = await generate({ root: dir });
    expect([...again.written, ...again.created, ...again.removed]).toEqual([]);
  });
});

describe('tools/list', () => {
  it('shows both forms with names, toolsets, annotations and schemas', async () => {
    const { tools } = await client.listTools();
    const byName = new Map(tools.map((t) => [t.name, t]));
    expect([...byName.keys()].sort()).toEqual(
      ['book_visits', 'broken_report', 'count_by_channel', 'get_visit', 'list_visits', 'refund_visit', 'reschedule_visit', 'slow_report', 'view_rows'],
    );
    const reschedule = byName.get('reschedule_visit')!;
    expect(reschedule.description).toBe('Move a visit to a new time.');
    expect(reschedule.annotations).toMatchObject({ title: 'Reschedule visit', readOnlyHint: false });
    const props = reschedule.inputSchema.properties as Record<string, { description?: string; enum?: string[] }>;
    expect(props['visitId']).toMatchObject({ type: 'number', description: 'The visit to move' });
    expect(props['channel']).toMatchObject({ enum: ['EMAIL', 'SMS'], description: 'How to tell the patient (default: as before)' });
    expect(reschedule.inputSchema.required).toEqual(['visitId', 'startsAt']);
    expect(reschedule.outputSchema?.properties).toHaveProperty('cost');
    expect(byName.get('count_by_channel')!.annotations).toMatchObject({ readOnlyHint: true, idempotentHint: true });
    expect(byName.get('refund_visit')!.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: true });
    expect(byName.get('refund_visit')!.description).toBe('Refund a visit: its cost becomes 0.');
  });
});

describe('calls', () => {
  let ids: number[];

  it('plain function: nested objects, arrays, literal unions, Date', async () => {
    const r = await callTool(client, 'book_visits', {
      patient: 'Ann',
      slots: [{ startsAt: future(1), channel: 'SMS' }, { startsAt: future(2) }],
      urgency: 2,
      contact: { phone: '555-0100' },
      tags: ['new'],
    });
    expect(r.isError, r.text).toBe(false);
    const out = r.structured as { ids: number[]; urgency: number; tags: string[] };
    expect(out).toMatchObject({ urgency: 2, tags: ['new'] });
    expect(out.ids).toHaveLength(2);
    ids = out.ids;
  });

  it('returns a Prisma model row serialized (Date → ISO, BigInt → string, enum)', async () => {
    const startsAt = future(3);
    const r = await callTool(client, 'reschedule_visit', { visitId: ids[0], startsAt, channel: 'EMAIL', note: null });
    expect(r.isError, r.text).toBe(false);
    expect(r.structured).toEqual({
      id: ids[0],
      patient: 'Ann',
      startsAt: new Date(startsAt).toISOString(),
      channel: 'EMAIL',
      notes: null,
      cost: '0',
      createdAt: expect.any(String),
    });
  });

  it('a non-object result comes back as { result }', async () => {
    const r = await callTool(client, 'count_by_channel');
    expect(r.structured).toEqual({ result: 2 });
  });

  it('defineTool form', async () => {
    const r = await callTool(client, 'refund_visit', { visitId: ids[1], reason: 'cancelled by clinic' });
    expect(r.isError, r.text).toBe(false);
    expect(r.structured).toEqual({ id: ids[1], cost: '0', reason: 'cancelled by clinic' });
  });

  it('bad arguments are refused naming the argument', async () => {
    const r = await callTool(client, 'reschedule_visit', { visitId: 'x', startsAt: 'tomorrow' });
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(/visitId: .*number/);
    expect(r.text).toContain('startsAt');
    const u = await callTool(client, 'book_visits', { patient: 'B', slots: [], urgency: 5 });
    expect(u.isError).toBe(true);
    expect(u.text).toContain('urgency');
    const d = await callTool(client, 'refund_visit', { visitId: 1, reason: 'x' });
    expect(d.text).toContain('reason');
  });

  it("a thrown Error's message reaches the client", async () => {
    const r = await callTool(client, 'reschedule_visit', { visitId: ids[0], startsAt: '2001-01-01T00:00:00Z' });
    expect(r).toMatchObject({ isError: true, text: 'startsAt must be in the future' });
    const missing = await callTool(client, 'reschedule_visit', { visitId: 999, startsAt: future(1) });
    expect(missing.text).toBe('visit 999 not found');
  });

  it('an infrastructure failure is logged, and the client gets a generic message', async () => {
    const r = await callTool(client, 'broken_report');
    expect(r.isError).toBe(true);
    expect(r.text).toMatch(/broken_report failed: internal error \(reference \w+\)/);
    expect(r.text).not.toContain('hunter2');
    expect(server.output()).toContain('tool broken_report failed');
  });
});

describe('progress and cancellation', () => {
  it('progress notifications reach the client', async () => {
    const seen: { progress: number; total?: number }[] = [];
    const result = await client.callTool({ name: 'slow_report', arguments: { steps: 3, delayMs: 5 } }, undefined, {
      onprogress: (p) => seen.push({ progress: p.progress, total: p.total }),
    });
    expect(result.structuredContent).toEqual({ steps: 3 });
    expect(seen).toEqual([
      { progress: 1, total: 3 },
      { progress: 2, total: 3 },
      { progress: 3, total: 3 },
    ]);
  });

  it('closing the connection aborts ctx.signal in the handler', async () => {
    const other = await connectClient(server.url);
    let first!: () => void;
    const started = new Promise<void>((resolve) => (first = resolve));
    const call = other.callTool({ name: 'slow_report', arguments: { steps: 200, delayMs: 20 } }, undefined, { onprogress: () => first() });
    await Promise.race([started, call]);
    await other.close();
    await expect.poll(() => server.output(), { timeout: 5_000 }).toMatch(/slow_report: cancelled after \d+ steps/);
  });

  // The server is stateless: the client's notifications/cancelled arrives in its own POST, and
  // runtime/http.ts routes it to the caller's in-flight request.
  it('cancelling the request (AbortSignal) aborts ctx.signal in the handler', async () => {
    const before = server.output().match(/slow_report: cancelled/g)?.length ?? 0;
    const controller = new AbortController();
    let first!: () => void;
    const started = new Promise<void>((resolve) => (first = resolve));
    const call = client.callTool({ name: 'slow_report', arguments: { steps: 200, delayMs: 20 } }, undefined, {
      signal: controller.signal,
      onprogress: () => first(),
    });
    await Promise.race([started, call]);
    controller.abort('user pressed stop');
    await expect(call).rejects.toThrow();
    await expect
      .poll(() => server.output().match(/slow_report: cancelled/g)?.length ?? 0, { timeout: 5_000 })
      .toBeGreaterThan(before);
  });
});

describe('checks', () => {
  it('tsc rejects a schema whose output does not fit the function (the call is checked)', async () => {
    const custom = await read('custom-tools.ts');
    const broken = custom.replace(/visitId: z\.number\(\)/, 'visitId: z.string()');
    expect(broken).not.toBe(custom);
    await fs.writeFile(path.join(dir, 'src/mcp/generated/custom-tools.ts'), broken);
    try {
      const r = await typecheck(dir, 'ts7');
      expect(r.ok).toBe(false);
      expect(r.output).toContain('custom-tools.ts');
      expect(r.output).toMatch(/visitId/);
    } finally {
      await fs.writeFile(path.join(dir, 'src/mcp/generated/custom-tools.ts'), custom);
    }
  });

  it('editing one tool file rewrites only custom-tools.ts', async () => {
    const file = path.join(dir, 'src/mcp/tools/visits.ts');
    const text = await fs.readFile(file, 'utf8');
    await fs.writeFile(file, text.replace('Move a visit to a new time.', 'Move a visit to another time.'));
    const r = await generate({ root: dir });
    expect([...r.written, ...r.created, ...r.removed]).toEqual(['custom-tools.ts']);
  });

  it('an unsupported type fails generate with file:line', async () => {
    await fs.writeFile(
      path.join(dir, 'src/mcp/tools/bad.ts'),
      "import type { ToolContext } from '../generated/context.js';\n\n/** @toolset clinic */\nexport async function bad(\n  ctx: ToolContext,\n  args: {\n    callback: () => void;\n  },\n) {}\n",
    );
    await expect(generate({ root: dir })).rejects.toThrow('src/mcp/tools/bad.ts:7: args.callback: function types cannot be tool arguments');
  });
});
