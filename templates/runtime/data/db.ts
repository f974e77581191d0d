// The Prisma client, reached structurally: generated code never imports Prisma's types, and the
// runtime works with whatever client the project generated. Every query goes through here, so this
// is where database failures become tool errors and conflicts are retried.
import { checkDeadline, remainingMs } from './deadline.js';
import { DatabaseError, toDatabaseError, ToolError } from '../core/errors.js';
import type { ModelSpec, Where } from '../core/spec.js';

export type Row = Record<string, unknown>;

/** The model delegate methods the runtime uses (`prisma.blogPost`). */
export interface Delegate {
  findMany(args: object): Promise<Row[]>;
  findFirst(args: object): Promise<Row | null>;
  count(args: object): Promise<number>;
  aggregate(args: object): Promise<Row>;
  groupBy(args: object): Promise<Row[]>;
  create(args: object): Promise<Row>;
  update(args: object): Promise<Row>;
  delete(args: object): Promise<Row>;
}

const ATTEMPTS = 3;

// Transaction clients handed out by transaction(): a statement inside one is never retried alone.
const transactionClients = new WeakSet<object>();

/**
 * The model's delegate, with every database failure turned into a DatabaseError that names only the
 * model's exposed fields. Outside a transaction a conflict (deadlock, serialization failure) is
 * retried: the statement was rolled back, so running it again is safe. With the call's `signal`,
 * no statement starts once the call is out of time or cancelled.
 */
export function delegate(db: unknown, spec: ModelSpec<any>, signal?: AbortSignal): Delegate {
  const found = (db as Record<string, unknown> | null)?.[spec.delegate];
  if (typeof found !== 'object' || found === null) {
    throw new Error(`the Prisma client has no model delegate "${spec.delegate}" (regenerate the Prisma client?)`);
  }
  return new Guarded(found as RawDelegate, spec, transactionClients.has(db as object) ? 1 : ATTEMPTS, signal);
}

type RawDelegate = Record<keyof Delegate, (args: object) => Promise<never>>;

class Guarded implements Delegate {
  constructor(
    private readonly raw: RawDelegate,
    private readonly spec: ModelSpec<any>,
    private readonly attempts: number,
    private readonly signal: AbortSignal | undefined,
  ) {}

  findMany(args: object) { return this.run('findMany', args); }
  findFirst(args: object) { return this.run('findFirst', args); }
  count(args: object) { return this.run('count', args); }
  aggregate(args: object) { return this.run('aggregate', args); }
  groupBy(args: object) { return this.run('groupBy', args); }
  create(args: object) { return this.run('create', args); }
  update(args: object) { return this.run('update', args); }
  delete(args: object) { return this.run('delete', args); }

  private run(method: keyof Delegate, args: object): Promise<never> {
    const { raw, spec } = this;
    return withRetry(this.attempts, this.signal, () => raw[method].call(raw, args), (error) => toDatabaseError(error, Object.keys(spec.fields), spec.name));
  }
}

async function withRetry<T>(attempts: number, signal: AbortSignal | undefined, run: () => Promise<T>, map: (error: unknown) => DatabaseError | undefined): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    checkDeadline(signal);
    try {
      return await run();
    } catch (error) {
      const mapped = error instanceof ToolError ? error : map(error);
      if (!mapped) throw error;
      if (!(mapped instanceof DatabaseError) || mapped.kind !== 'conflict' || attempt >= attempts) throw mapped;
      // Jittered back-off, so the two sides of a deadlock do not collide again.
      await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 20 * attempt));
    }
  }
}

/**
 * Runs `fn` in an interactive transaction (`prisma.$transaction(async (tx) => ...)`). A conflict
 * reruns the whole transaction (it was rolled back); with the call's `signal` (withDeadline's), the
 * transaction gets only the time left, so Prisma rolls it back and frees its connection when time is up.
 */
export function transaction<T>(prisma: unknown, fn: (tx: unknown) => Promise<T>, signal?: AbortSignal): Promise<T> {
  if (joinable.has(prisma as object)) return joined(prisma, fn);
  const run = (prisma as { $transaction?: (fn: (tx: unknown) => Promise<T>, options?: object) => Promise<T> }).$transaction;
  if (typeof run !== 'function') throw new Error('the Prisma client has no $transaction');
  return withRetry(ATTEMPTS, signal, () => {
    const left = remainingMs(signal);
    const options = left === undefined ? undefined : { timeout: left, maxWait: Math.min(left, 5000) };
    return run.call(prisma, async (tx) => {
      transactionClients.add(tx as object);
      const result = await fn(tx);
      // A call answered "timed out" must not commit afterwards: a statement that was blocked past
      // the limit (a row lock) returns here, and throwing rolls the transaction back.
      checkDeadline(signal);
      return result;
    }, options);
  }, (error) => toDatabaseError(error));
}

// Transactions a longer unit of work holds open (a code-mode program's, code/transaction.ts):
// a write inside one joins it under a savepoint instead of opening its own.
const joinable = new WeakSet<object>();
// Joined transactions a failed write may have left half-done (no savepoint to roll back to).
const spoiled = new WeakSet<object>();
let savepoints = 0;

/** Makes `tx`, an open interactive transaction client, one that writes join (see transaction). */
export function joinTransaction(tx: unknown): void {
  transactionClients.add(tx as object);
  joinable.add(tx as object);
}

/** Whether a failed write inside `tx` could not be undone on its own: the transaction must not commit. */
export function isSpoiled(tx: unknown): boolean {
  return spoiled.has(tx as object);
}

/**
 * A write inside a held transaction: under a SAVEPOINT (SQLite, PostgreSQL, MySQL and MariaDB all
 * have them), so a write that fails, such as a scope check after the INSERT, is undone alone and
 * the program that caught its error can go on. A client without raw SQL (MongoDB) spoils the
 * transaction instead: nothing of it will be committed.
 */
async function joined<T>(tx: unknown, fn: (tx: unknown) => Promise<T>): Promise<T> {
  const raw = (tx as { $executeRawUnsafe?: (sql: string) => Promise<unknown> }).$executeRawUnsafe;
  if (typeof raw !== 'function') {
    try {
      return await fn(tx);
    } catch (error) {
      spoiled.add(tx as object);
      throw error;
    }
  }
  const name = `mcpgen_${++savepoints}`;
  const sql = (statement: string) => raw.call(tx, statement).catch((error: unknown) => { throw toDatabaseError(error) ?? error; });
  await sql(`SAVEPOINT ${name}`);
  try {
    const result = await fn(tx);
    await sql(`RELEASE SAVEPOINT ${name}`);
    return result;
  } catch (error) {
    await sql(`ROLLBACK TO SAVEPOINT ${name}`).catch(() => spoiled.add(tx as object));
    throw error;
  }
}

const inline = new WeakMap<object, boolean>();

/**
 * Whether the client's driver runs each statement to completion on this thread before anything
 * else runs (better-sqlite3): such a statement cannot be overtaken by a time limit, and a single
 * INSERT commits or fails as a whole without a transaction around it. Read from the client's
 * driver adapter; a client that does not say is treated as not inline.
 */
export function runsInline(prisma: unknown): boolean {
  if (typeof prisma !== 'object' || prisma === null) return false;
  let known = inline.get(prisma);
  if (known === undefined) {
    const adapter = (prisma as { _engineConfig?: { adapter?: { adapterName?: unknown } } })._engineConfig?.adapter;
    known = adapter?.adapterName === '@prisma/adapter-better-sqlite3';
    inline.set(prisma, known);
  }
  return known;
}

/** Whether the database answers a trivial query within `ms` (for /readyz). */
export async function databaseReady(prisma: unknown, ms = 2000): Promise<boolean> {
  const query = (prisma as { $queryRawUnsafe?: (sql: string) => Promise<unknown> }).$queryRawUnsafe;
  if (typeof query !== 'function') return false;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([query.call(prisma, 'SELECT 1').then(() => true, () => false), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** The first key's fields (ordering, paging, re-checks). */
export function primaryKey(spec: ModelSpec<any>): readonly string[] {
  return spec.keys[0] ?? [];
}

/** `{ a: row.a, b: row.b }` for the first key: a plain where that finds exactly this row. */
export function keyWhere(spec: ModelSpec<any>, row: Row): Where {
  return Object.fromEntries(primaryKey(spec).map((f) => [f, row[f]]));
}

/** The first key as Prisma's WhereUniqueInput: `{ id }` or `{ authorId_title: { authorId, title } }`. */
export function keyUnique(spec: ModelSpec<any>, values: Row): Where {
  const key = primaryKey(spec);
  if (key.length === 1) return { [key[0]!]: values[key[0]!] };
  const name = spec.keyNames?.[0] ?? key.join('_');
  return { [name]: keyWhere(spec, values) };
}

/** A unique selector (`{ authorId_title: { authorId, title } }`) → a plain where (`{ authorId, title }`). */
export function flattenUnique(spec: ModelSpec<any>, selector: Row): Where {
  const out: Where = {};
  for (const [name, value] of Object.entries(selector)) {
    if (value === undefined) continue;
    const composite = !(name in spec.fields) && typeof value === 'object' && value !== null && !(value instanceof Date) && !(value instanceof Uint8Array);
    if (composite) Object.assign(out, value);
    else out[name] = value;
  }
  return out;
}

/** `{ field: true, ... }` */
export function selectFields(fields: Iterable<string>): Record<string, true> {
  return Object.fromEntries([...fields].map((f) => [f, true as const]));
}
