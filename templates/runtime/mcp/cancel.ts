// Client cancellation for stateless 2025-11-25 traffic: `notifications/cancelled` arrives in its
// own POST while the call it names runs in another, so calls in flight in this process are found
// by the caller's credential and the request id. Another caller's ids are never reachable.
// Two clients sharing one credential (one key in two apps) number their requests independently:
// when a cancellation could name either's call, neither is cancelled, since cancellation is
// advisory and stopping the wrong call would lose work.
// (The 2026-07-28 revision cancels by closing the request, which aborts the call directly.)
// Across processes this needs shared state (a later Redis option).
import type { Credential } from '../core/caller.js';

type Message = { id?: unknown; method?: unknown; params?: { requestId?: unknown } };

export class Cancellations {
  private readonly inFlight = new Map<string, Set<AbortController>>();

  /**
   * Registers a running call: its signal aborts when the client cancels it or `request` aborts
   * (the client went away, the server closes); `done()` unregisters it and unlinks `request`.
   * One signal for both, so a call allocates no third one to join them.
   */
  track(credential: Credential, requestId: string | number, request?: AbortSignal): { signal: AbortSignal; done(): void } {
    const key = keyOf(credential, requestId);
    const controller = new AbortController();
    const follow = () => controller.abort(request?.reason);
    if (request?.aborted) follow();
    else request?.addEventListener('abort', follow, { once: true });
    let calls = this.inFlight.get(key);
    if (!calls) this.inFlight.set(key, (calls = new Set()));
    calls.add(controller);
    return {
      signal: controller.signal,
      done: () => {
        request?.removeEventListener('abort', follow);
        calls.delete(controller);
        if (calls.size === 0 && this.inFlight.get(key) === calls) this.inFlight.delete(key);
      },
    };
  }

  /** Aborts the caller's own calls named by `notifications/cancelled` messages in `body`. */
  route(credential: Credential, body: unknown): void {
    for (const m of (Array.isArray(body) ? body : [body]) as Message[]) {
      if (m?.method !== 'notifications/cancelled' || (typeof m.params?.requestId !== 'string' && typeof m.params?.requestId !== 'number')) continue;
      const calls = this.inFlight.get(keyOf(credential, m.params.requestId));
      if (calls?.size === 1) for (const controller of calls) controller.abort(new Error('cancelled by the client'));
    }
  }

  abortAll(): void {
    for (const calls of this.inFlight.values()) for (const controller of calls) controller.abort(new Error('server shutting down'));
  }

  /** Calls in flight (for tests and metrics). */
  get size(): number {
    let n = 0;
    for (const calls of this.inFlight.values()) n += calls.size;
    return n;
  }
}

function keyOf(credential: Credential, requestId: string | number): string {
  return `${credential.kind}:${credential.id}\u0000${JSON.stringify(requestId)}`;
}
