// The ops hooks on their own: exactly one audit record per write call whatever the outcome,
// none for reads; write calls refused before they run are recorded by onBody.
import { describe, expect, it } from 'vitest';
import type { Caller } from '../../templates/runtime/core/caller.js';
import type { AuditRecord } from '../../templates/runtime/ops/audit.js';
import { createOps } from '../../templates/runtime/ops/hooks.js';
import type { RateLimits } from '../../templates/runtime/ops/rate-limit.js';
import { memoryStore } from '../../templates/runtime/ops/rate-store.js';

const writer: Caller = { user: { id: 5 }, scopes: ['read', 'write'], credential: { kind: 'api-key', id: 'k1' } };
const reader: Caller = { ...writer, scopes: ['read'] };
const createPost = { name: 'create_post', toolset: 'blog', access: 'write' as const, audit: (_a: unknown, v: unknown) => ({ model: 'Post', action: 'create', ids: v ? [(v as { id: number }).id] : [] }) };
const listPosts = { name: 'list_posts', toolset: 'blog', access: 'read' as const };
const text = (t: string, isError = false) => ({ content: [{ type: 'text', text: t }], ...(isError ? { isError } : {}) });

function setup(limits?: RateLimits) {
  const records: AuditRecord[] = [];
  const ops = createOps([createPost, listPosts], { audit: (r) => void records.push(r), tracing: false, ...(limits ? { limits } : {}) });
  return { ops, records };
}

describe('toolCall', () => {
  it.each([
    ['ok', async () => ({ ...text('{"id":7}'), structuredContent: { id: 7 } }), false, { outcome: 'ok', ids: [7] }],
    ['a tool error', async () => text('Post not found', true), false, { outcome: 'error', error: 'Post not found', ids: [] }],
    ['a cancelled call', async () => text('cancelled', true), true, { outcome: 'cancelled', error: 'cancelled' }],
  ] as const)('records %s once', async (_name, run, aborted, expected) => {
    const { ops, records } = setup();
    const controller = new AbortController();
    if (aborted) controller.abort();
    await ops.toolCall({ tool: createPost, caller: writer, arguments: { data: {} }, signal: controller.signal }, run);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ tool: 'create_post', model: 'Post', user: 5, credential: { kind: 'api-key', id: 'k1' }, ...expected });
  });

  it('records a run that throws as an error, and rethrows', async () => {
    const { ops, records } = setup();
    const call = ops.toolCall({ tool: createPost, caller: writer, arguments: {}, signal: new AbortController().signal }, () => Promise.reject(new Error('boom')));
    await expect(call).rejects.toThrow('boom');
    expect(records.map((r) => [r.outcome, r.error])).toEqual([['error', 'internal error']]);
  });

  it('refused: a write whose arguments failed validation is recorded once as invalid_arguments; a read is not', async () => {
    const { ops, records } = setup();
    await ops.toolCall.refused({ tool: createPost, caller: writer, requestId: 3, result: text('Invalid arguments for create_post:\ndata: required', true) });
    await ops.toolCall.refused({ tool: listPosts, caller: writer, requestId: 4, result: text('Invalid arguments for list_posts:\ntake: too big', true) });
    expect(records.map((r) => [r.tool, r.outcome, r.error, r.requestId, r.model])).toEqual([
      ['create_post', 'invalid_arguments', 'Invalid arguments for create_post:\ndata: required', 3, 'Post'],
    ]);
  });

  it('records nothing for reads', async () => {
    const { ops, records } = setup();
    await ops.toolCall({ tool: listPosts, caller: writer, arguments: {}, signal: new AbortController().signal }, async () => text('{}'));
    expect(records).toEqual([]);
  });
});

describe('onBody', () => {
  const body = (...names: string[]) => names.map((name, i) => ({ jsonrpc: '2.0', id: i, method: 'tools/call', params: { name, arguments: {} } }));

  it('records a write the caller lacks the scope for as forbidden, and leaves the 403 to the handler', async () => {
    const { ops, records } = setup({ writes: { limit: 1, per: 'hour' }, store: memoryStore() });
    expect(await ops.onBody(reader, body('list_posts', 'create_post'))).toBeUndefined();
    expect(records.map((r) => [r.tool, r.outcome])).toEqual([['create_post', 'forbidden']]);
    // The refused call spent nothing: the writer's one write an hour is still there.
    expect(await ops.onBody(writer, body('create_post'))).toBeUndefined();
  });

  it('a tool serving several toolsets is judged per call by its gate, as the handler does (compact mutate)', async () => {
    const records: AuditRecord[] = [];
    const mutate = {
      name: 'mutate', toolset: 'a', access: 'write' as const,
      gate: (args: unknown) => ({ access: 'write' as const, toolset: (args as { model?: string }).model === 'Note' ? 'notes' : 'a' }),
      audit: (args: unknown) => ({ model: (args as { model?: string } | undefined)?.model ?? 'unknown', action: 'create', ids: [] }),
    };
    const ops = createOps([mutate], { audit: (r) => void records.push(r), tracing: false, limits: { toolsets: { notes: { limit: 1, per: 'hour' } }, store: memoryStore() } });
    const notesWriter: Caller = { ...writer, scopes: ['notes:write'] };
    const call = (model: string) => [{ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'mutate', arguments: { model } } }];
    // Allowed by the gate: not recorded here (the call's own record comes from toolCall), and it spends the notes budget.
    expect(await ops.onBody(notesWriter, call('Note'))).toBeUndefined();
    expect(records).toEqual([]);
    expect((await ops.onBody(notesWriter, call('Note')))?.status).toBe(429);
    // Refused by the gate: recorded once as forbidden, under the toolset the call needed.
    expect(await ops.onBody(notesWriter, call('Other'))).toBeUndefined();
    expect(records.map((r) => [r.outcome, r.toolset])).toEqual([['rate_limited', 'notes'], ['forbidden', 'a']]);
    // A completed call is recorded under the toolset its arguments chose.
    await ops.toolCall({ tool: mutate, caller: notesWriter, arguments: { model: 'Note' }, signal: new AbortController().signal }, async () => text('{}'));
    expect(records.at(-1)).toMatchObject({ outcome: 'ok', toolset: 'notes', model: 'Note' });
  });

  it('records each write of a rate-limited batch as rate_limited', async () => {
    const { ops, records } = setup({ writes: { limit: 1, per: 'hour' }, store: memoryStore() });
    const refused = await ops.onBody(writer, body('create_post', 'create_post', 'list_posts'));
    expect(refused?.status).toBe(429);
    expect(records.map((r) => [r.tool, r.outcome])).toEqual([['create_post', 'rate_limited'], ['create_post', 'rate_limited']]);
  });
});
