/** A problem the user can fix (bad flag, unknown user, database not ready); the message is ready to print. */
export class KeysError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KeysError';
  }
}

const MISSING_TABLE = new Set(['P2021', 'P2022']);
const UNREACHABLE = new Set([
  'P1000', 'P1001', 'P1002', 'P1003', 'P1010', 'P1011', 'P1017',
  'ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', 'EAI_AGAIN',
  'SQLITE_CANTOPEN', '28P01', '3D000', 'ER_ACCESS_DENIED_ERROR', 'ER_BAD_DB_ERROR',
]);

/**
 * Turns an error from the project's Prisma client into a KeysError when it means the database
 * is unreachable or the key table was never created; other errors pass through unchanged.
 * Prisma errors and driver errors nest (`cause`, `meta.driverAdapterError`), so every level is read.
 */
export function explainDbError(err: unknown, keyModel: string): unknown {
  if (err instanceof KeysError) return err;
  const codes = new Set<string>();
  const texts: string[] = [];
  collect(err, codes, texts, 0);
  const text = texts.join('\n');
  const migrate = `run \`npx prisma migrate dev\` (or \`npx prisma db push\`) to create the ${keyModel} table`;
  if ([...codes].some((c) => MISSING_TABLE.has(c)) || /no such (table|column)|does not exist in the current database|relation "[^"]*" does not exist|Table '[^']*' doesn't exist|TableDoesNotExist|ColumnNotFound/i.test(text)) {
    return new KeysError(`The database has no ${keyModel} table (or an old version of it): ${migrate}.`, { cause: err });
  }
  if ([...codes].some((c) => UNREACHABLE.has(c)) || /Can't reach database server|unable to open database file|directory does not exist|DatabaseNotReachable|DatabaseDoesNotExist|ECONNREFUSED|authentication failed/i.test(text)) {
    const first = firstLine(text);
    return new KeysError(
      `Cannot reach the database (${first}). Check DATABASE_URL and that the database is running; then, if it is new, ${migrate}.`,
      { cause: err },
    );
  }
  return err;
}

function collect(value: unknown, codes: Set<string>, texts: string[], depth: number): void {
  if (depth > 5 || value === null || typeof value !== 'object') return;
  const v = value as Record<string, unknown>;
  for (const key of ['code', 'errorCode', 'kind', 'originalCode']) {
    if (typeof v[key] === 'string') codes.add(v[key]);
  }
  if (typeof v.message === 'string') texts.push(v.message);
  if (typeof v.kind === 'string') texts.push(v.kind);
  collect(v.cause, codes, texts, depth + 1);
  const meta = v.meta as Record<string, unknown> | undefined;
  if (meta) {
    collect(meta.driverAdapterError, codes, texts, depth + 1);
    if (typeof meta.modelName === 'string') texts.push(meta.modelName);
  }
  if (Array.isArray(v.errors)) for (const e of v.errors) collect(e, codes, texts, depth + 1);
}

function firstLine(text: string): string {
  const line = text.split('\n').map((l) => l.trim()).find((l) => l && !/^Invalid `.*` invocation/.test(l)) ?? 'unknown error';
  // Never echo a connection string: it may carry a password.
  return line.replace(/\b[a-z][a-z0-9+]*:\/\/[^\s'"]+/gi, '<url>').slice(0, 200);
}
