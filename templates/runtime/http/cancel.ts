// Client cancellation for stateless 2025-11-25 traffic: `notifications/cancelled` arrives in its
// own POST while the call it names runs in another, so calls in flight in this process are found
// by the caller's credential and the request id. Another caller's ids are never reachable.
// (The 2026-07-28 revision cancels by closing the request, which aborts the call directly.)
// Across processes this needs shared state (a later Redis option).
import type { Credential } from '../caller.js';

type Message = { id?: unknown; method?: unknown; params?: { requestId?: unknown } };

export class Cancellations {
  private readonly inFlight = new Map<string, AbortController>();

  /** Registers a running call; `done()` unregisters it. */
  track(credential: Credential, requestId: string | number): { signal: AbortSignal; done(): void } {
    const key = keyOf(credential, requestId);
    const controller = new AbortController();
    this.inFlight.set(key, controller);
    return { signal: controller.signal, done: () => void (this.inFlight.get(key) === controller && this.inFlight.delete(key)) };
  }

  /** Aborts the caller's own calls named by `notifications/cancelled` messages in `body`. */
  route(credential: Credential, body: unknown): void {
    for (const m of (Array.isArray(body) ? body : [body]) as Message[]) {
      if (m?.method !== 'notifications/cancelled' || (typeof m.params?.requestId !== 'string' && typeof m.params?.requestId !== 'number')) continue;
      this.inFlight.get(keyOf(credential, m.params.requestId))?.abort(new Error('cancelled by the client'));
    }
  }

  abortAll(): void {
    for (const controller of this.inFlight.values()) controller.abort(new Error('server shutting down'));
  }
}

function keyOf(credential: Credential, requestId: string | number): string {
  return `${credential.kind}:${credential.id}\u0000${JSON.stringify(requestId)}`;
}
