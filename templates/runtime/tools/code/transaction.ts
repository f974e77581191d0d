// A program's writes are atomic: the first write opens one interactive transaction
// (`prisma.$transaction(async (tx) => ...)`) that every later call of the run uses, reads
// included (they see the run's own writes). It commits only when the program returned; a throw,
// a time-out, a cancellation or a spoiled transaction rolls everything back. A program that only
// reads never opens one. Each write inside runs under a savepoint (db.ts), so a write that fails
// is undone alone and its error can be caught.
//
// Per database (Prisma's interactive transactions):
// - SQLite: one writer at a time. The transaction takes the write lock at its first write and
//   holds it until the program ends (at most its time limit); other writers wait for it.
// - PostgreSQL: READ COMMITTED; row locks taken by the program's writes are held until it ends.
//   A failed statement aborts the transaction; the savepoint around each write restores it.
// - MySQL / MariaDB (InnoDB): REPEATABLE READ from the first statement in the transaction; row
//   locks held until the end, as in PostgreSQL.
import { joinTransaction, isSpoiled } from '../../data/db.js';
import { DatabaseError, toDatabaseError } from '../../core/errors.js';

export interface RunTransaction {
  /** The client a call uses: a write opens the transaction; once open, every call uses it. */
  client(write: boolean): Promise<unknown>;
  /** Whether a write opened the transaction. */
  readonly opened: boolean;
  /** Commits if `commit` and nothing spoiled it, else rolls back; says which happened. */
  finish(commit: boolean): Promise<{ committed: boolean; error?: string }>;
}

class Rollback extends Error {}

/** `timeoutMs`: how long the transaction may stay open (the program's time left, plus a margin). */
export function runTransaction(prisma: unknown, timeoutMs: number): RunTransaction {
  let tx: Promise<unknown> | undefined;
  let decide: (commit: boolean) => void = () => {};
  let settled: Promise<unknown> = Promise.resolve();
  const decision = new Promise<boolean>((resolve) => (decide = resolve));

  const open = (): Promise<unknown> => {
    const begin = (prisma as { $transaction?: (fn: (tx: unknown) => Promise<unknown>, options?: object) => Promise<unknown> }).$transaction;
    if (typeof begin !== 'function') return Promise.reject(new Error('the Prisma client has no $transaction'));
    let ready!: (tx: unknown) => void;
    const got = new Promise<unknown>((resolve) => (ready = resolve));
    settled = begin.call(prisma, async (client) => {
      joinTransaction(client);
      ready(client);
      if (!(await decision) || isSpoiled(client)) throw new Rollback();
    }, { timeout: timeoutMs, maxWait: Math.min(timeoutMs, 5000) });
    // The transaction could not start (no connection in time, the database away): the call fails.
    const failed = settled.then(() => new Promise<never>(() => {}), (error: unknown) => {
      throw toDatabaseError(error) ?? new DatabaseError('the database could not start a transaction', 'unavailable');
    });
    return Promise.race([got, failed]);
  };

  return {
    get opened() {
      return tx !== undefined;
    },
    client(write) {
      if (tx) return tx;
      if (!write) return Promise.resolve(prisma);
      return (tx = open());
    },
    async finish(commit) {
      decide(commit);
      if (!tx) return { committed: false };
      try {
        await settled;
        return { committed: true };
      } catch (error) {
        if (error instanceof Rollback) return commit ? { committed: false, error: 'a write failed in a way that could not be undone alone' } : { committed: false };
        const mapped = toDatabaseError(error);
        return { committed: false, error: mapped ? mapped.message : 'the transaction could not be committed' };
      }
    },
  };
}
