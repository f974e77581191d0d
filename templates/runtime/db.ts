// The Prisma client, reached structurally: generated code never imports Prisma's types, and the
// runtime works with whatever client the project generated.
import type { ModelSpec, Where } from './spec.js';

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

export function delegate(db: unknown, spec: ModelSpec<any>): Delegate {
  const found = (db as Record<string, unknown> | null)?.[spec.delegate];
  if (typeof found !== 'object' || found === null) {
    throw new Error(`the Prisma client has no model delegate "${spec.delegate}" (regenerate the Prisma client?)`);
  }
  return found as Delegate;
}

/** Runs `fn` in an interactive transaction (`prisma.$transaction(async (tx) => ...)`). */
export function transaction<T>(prisma: unknown, fn: (tx: unknown) => Promise<T>): Promise<T> {
  const run = (prisma as { $transaction?: (fn: (tx: unknown) => Promise<T>) => Promise<T> }).$transaction;
  if (typeof run !== 'function') throw new Error('the Prisma client has no $transaction');
  return run.call(prisma, fn);
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
