// Routing of stateless (2025-11-25) cancellations: by credential and request id, never across
// callers, and never guessing when two clients of one credential use the same id.
import { describe, expect, it } from 'vitest';
import type { Credential } from '../../templates/runtime/core/caller.js';
import { Cancellations } from '../../templates/runtime/mcp/cancel.js';

const ann: Credential = { kind: 'api-key', id: 'k-ann' };
const bob: Credential = { kind: 'api-key', id: 'k-bob' };
const cancel = (requestId: unknown) => ({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId } });

describe('Cancellations', () => {
  it('aborts the caller\'s own call named by id, and no other caller\'s', () => {
    const c = new Cancellations();
    const mine = c.track(ann, 7);
    const theirs = c.track(bob, 7);
    c.route(ann, [cancel(7)]);
    expect(mine.signal.aborted).toBe(true);
    expect(theirs.signal.aborted).toBe(false);
    mine.done();
    theirs.done();
    expect(c.size).toBe(0);
  });

  it('two calls of one credential with the same id: a cancellation is ambiguous, so neither is aborted, and each stays tracked', () => {
    const c = new Cancellations();
    const first = c.track(ann, 1); // client A's request 1
    const second = c.track(ann, 1); // client B's request 1, same key
    c.route(ann, cancel(1));
    expect([first.signal.aborted, second.signal.aborted]).toEqual([false, false]);
    // Once one finishes, the id names one call again.
    second.done();
    c.route(ann, cancel(1));
    expect(first.signal.aborted).toBe(true);
    first.done();
    expect(c.size).toBe(0);
  });

  it('ignores malformed cancellations and ids in flight nowhere; abortAll stops everything', () => {
    const c = new Cancellations();
    const a = c.track(ann, 'x');
    const b = c.track(bob, 2);
    c.route(ann, [cancel({ id: 'x' }), cancel(null), { method: 'tools/call', params: { requestId: 'x' } }, cancel('y')]);
    expect(a.signal.aborted).toBe(false);
    c.abortAll();
    expect([a.signal.aborted, b.signal.aborted]).toEqual([true, true]);
  });

  it('a call\'s signal also follows its request: aborted with the request\'s reason, unlinked by done()', () => {
    const c = new Cancellations();
    const request = new AbortController();
    const call = c.track(ann, 3, request.signal);
    request.abort(new Error('client went away'));
    expect(call.signal.aborted).toBe(true);
    expect((call.signal.reason as Error).message).toBe('client went away');
    call.done();

    const gone = new AbortController();
    gone.abort(new Error('already gone'));
    expect(c.track(ann, 4, gone.signal).signal.aborted).toBe(true); // aborted before it was tracked

    const later = new AbortController();
    const finished = c.track(ann, 5, later.signal);
    finished.done();
    later.abort(new Error('after the call'));
    expect(finished.signal.aborted).toBe(false); // done() removed the link: nothing keeps the call alive
  });
});
