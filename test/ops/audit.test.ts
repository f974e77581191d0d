// Audit records: the shape, the stdout sink, and a failing sink that must not lose the record.
import { describe, expect, it } from 'vitest';
import { ANONYMOUS, type Caller } from '../../templates/runtime/core/caller.js';
import { auditRecord, emitAudit, stdoutSink } from '../../templates/runtime/ops/audit.js';

const alice: Caller = { user: { id: 42n, email: 'alice@example.com' }, scopes: ['write'], credential: { kind: 'oauth', id: 'grant-9', clientId: 'claude' } };
const tool = { name: 'update_blog_post', toolset: 'blog' };
const now = new Date('2026-12-01T10:00:00.000Z');

describe('auditRecord', () => {
  it('names the caller by ids only, the tool, model, affected ids and outcome', () => {
    const r = auditRecord({ caller: alice, tool, target: { model: 'BlogPost', action: 'update', ids: [7n] }, outcome: 'ok', requestId: 3, now });
    expect(r).toEqual({
      type: 'mcp.audit',
      time: '2026-12-01T10:00:00.000Z',
      user: '42',
      credential: { kind: 'oauth', id: 'grant-9', clientId: 'claude' },
      tool: 'update_blog_post',
      toolset: 'blog',
      model: 'BlogPost',
      action: 'update',
      ids: ['7'],
      outcome: 'ok',
      requestId: 3,
    });
    expect(JSON.stringify(r)).not.toContain('alice@example.com');
  });

  it('records a refusal with its message (capped), and the anonymous caller', () => {
    const r = auditRecord({ caller: ANONYMOUS, tool, outcome: 'error', error: 'x'.repeat(600), now });
    expect(r.user).toBeNull();
    expect(r.credential).toEqual({ kind: 'none', id: 'anonymous' });
    expect(r.model).toBeNull();
    expect(r.ids).toEqual([]);
    expect(r.error).toHaveLength(501);
  });

  it('reads the user id from the configured field', () => {
    const caller: Caller = { ...alice, user: { uuid: 'u-1' } };
    expect(auditRecord({ caller, tool, outcome: 'ok', userIdField: 'uuid', now }).user).toBe('u-1');
  });
});

describe('sinks', () => {
  it('stdout: one JSON line per record', async () => {
    const lines: string[] = [];
    const r = auditRecord({ caller: alice, tool, outcome: 'ok', now });
    await emitAudit(stdoutSink((l) => lines.push(l)), r);
    expect(lines).toEqual([`${JSON.stringify(r)}\n`]);
  });

  it('a failing sink neither throws nor loses the record: it goes to the log', async () => {
    const logged: string[] = [];
    const r = auditRecord({ caller: alice, tool, outcome: 'ok', now });
    await emitAudit(() => Promise.reject(new TypeError('db down')), r, (l) => logged.push(l));
    expect(logged).toEqual([`[mcp] audit sink failed (TypeError) for update_blog_post; record: ${JSON.stringify(r)}`]);
  });
});
