// The per-call time limit. A tool call runs inside a deadline: its context's signal aborts when the
// limit passes (or the client cancels), database calls made with that signal fail at once after
// that, and an interactive transaction is given only the time left, so Prisma rolls it back and
// returns its connection to the pool instead of finishing work nobody waits for. A statement
// already running is stopped by the database's own limit (PostgreSQL `statement_timeout`, MariaDB
// `max_statement_time`), which db.ts in the project can set on the driver.
// The deadline travels with the call's signal, not in an AsyncLocalStorage: on Node 20 one
// AsyncLocalStorage in use makes every promise in the process markedly slower (promise hooks).
import { DatabaseError } from '../core/errors.js';

interface Deadline {
  readonly at: number;
  readonly ms: number;
  /** Sections running that must end before the limit answers (see uninterrupted). */
  held: number;
  /** Set when the limit passed while one ran: answers the call once they have ended. */
  expire?: (() => void) | undefined;
}

// The deadline behind each signal withDeadline hands out.
const deadlines = new WeakMap<AbortSignal, Deadline>();

/** The limit in ms from `MCP_CALL_TIMEOUT_MS`, else `fallback`; 0 turns it off. */
export function callTimeoutFromEnv(fallback = 30_000): number {
  const raw = process.env['MCP_CALL_TIMEOUT_MS'];
  const ms = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isFinite(ms) || ms < 0) throw new Error(`MCP_CALL_TIMEOUT_MS must be a number of milliseconds (0: no limit), got ${raw}`);
  return ms;
}

/** The error a call gets when its time is up. */
export function timedOut(ms: number): DatabaseError {
  return new DatabaseError(`timed out after ${ms} ms and was stopped; a change it was making is rolled back`, 'timeout');
}

/**
 * Runs `fn` with a signal that aborts on `parent` or after `ms`; rejects with timedOut(ms) at the
 * limit even if `fn` is stuck in a statement that cannot be interrupted.
 */
export async function withDeadline<T>(ms: number, parent: AbortSignal, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  if (ms <= 0) return fn(parent);
  const controller = new AbortController();
  const onAbort = () => controller.abort(parent.reason);
  parent.addEventListener('abort', onAbort, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const deadline: Deadline = { at: Date.now() + ms, ms, held: 0 };
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = timedOut(ms);
      controller.abort(error); // nothing new starts
      if (deadline.held === 0) return reject(error);
      // A write that commits on its own is running: the call gets its real outcome if the rest of
      // the handler follows at once, and the time-out only if it is still busy a turn later.
      deadline.expire = () => void (timer = setTimeout(() => reject(error), 0));
    }, ms);
  });
  deadlines.set(controller.signal, deadline);
  const work = fn(controller.signal);
  work.catch(() => {}); // after the limit its outcome no longer matters
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
    parent.removeEventListener('abort', onAbort);
  }
}

/**
 * Runs `fn`, one statement that commits or fails on its own, so that the limit cannot answer
 * "timed out … rolled back" while it runs (the statement would commit after that answer). Only
 * for drivers that run a statement to completion on this thread (db.ts runsInline), where no
 * timer can fire during the statement itself, only in the moments around it.
 */
export async function uninterrupted<T>(signal: AbortSignal | undefined, fn: () => Promise<T>): Promise<T> {
  const d = signal && deadlines.get(signal);
  if (!d) return fn();
  d.held++;
  try {
    return await fn();
  } finally {
    if (--d.held === 0 && d.expire) {
      const expire = d.expire;
      d.expire = undefined;
      expire();
    }
  }
}

/** Throws if the call that `signal` belongs to is out of time or was cancelled; no signal: nothing to check. */
export function checkDeadline(signal: AbortSignal | undefined): void {
  if (!signal?.aborted) return;
  throw signal.reason instanceof Error ? signal.reason : timedOut(deadlines.get(signal)?.ms ?? 0);
}

/** Milliseconds left for the call `signal` (from withDeadline) belongs to; undefined without a limit. */
export function remainingMs(signal: AbortSignal | undefined): number | undefined {
  const d = signal && deadlines.get(signal);
  return d ? Math.max(1, d.at - Date.now()) : undefined;
}
