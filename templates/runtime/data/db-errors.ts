// Database failures as tool errors. Prisma 7 reports them in two shapes: its own known-request
// errors (`P2002`, …) and, through driver adapters, `meta.driverAdapterError.cause` carrying the
// adapter's classification (`UniqueConstraintViolation`, …) or the database's own code
// (`{ kind: 'postgres', code: '23514' }`, `{ kind: 'mysql', code: 4025 }`, `{ kind: 'sqlite', extendedCode: 275 }`).
// Drivers also throw plain socket and pool errors that never reach Prisma's mapping. Every shape
// ends here as one DatabaseError kind with a stable message. Messages name only fields the caller
// can see (the `visible` list); the database's own text is never shown, it may quote values.

/** What went wrong, coarsely: the HTTP layer and retries key on it. */
export type DbFailureKind =
  | 'unique' | 'foreign-key' | 'not-null' | 'check' | 'too-long' | 'out-of-range' | 'invalid-value'
  | 'too-large' | 'not-found' | 'conflict' | 'timeout' | 'unavailable';

interface Classified {
  readonly kind: DbFailureKind;
  /** Strings that may name the columns involved (field lists, index and constraint names). */
  readonly names: readonly string[];
}

type Cause = Record<string, unknown> & { kind?: unknown };

const PRISMA_CODES: Readonly<Record<string, DbFailureKind>> = {
  P1000: 'unavailable', P1001: 'unavailable', P1002: 'unavailable', P1003: 'unavailable', P1010: 'unavailable',
  P1011: 'unavailable', P1017: 'unavailable', P2037: 'unavailable',
  P1008: 'timeout', P2024: 'timeout', P2028: 'timeout',
  P2000: 'too-long', P2002: 'unique', P2003: 'foreign-key', P2011: 'not-null', P2012: 'not-null',
  P2020: 'out-of-range', P2033: 'out-of-range', P2007: 'invalid-value', P2023: 'invalid-value',
  P2001: 'not-found', P2015: 'not-found', P2018: 'not-found', P2025: 'not-found',
  P2034: 'conflict', P2029: 'too-large',
};

/** PostgreSQL SQLSTATE classes and codes the adapter leaves raw. */
function postgresKind(code: string): DbFailureKind | undefined {
  if (code === '23514') return 'check';
  if (code === '57014' || code === '55P03' || code === '25P04') return 'timeout'; // statement/lock/idle-in-transaction time-outs
  if (code === '40001' || code === '40P01') return 'conflict';
  if (code.startsWith('08') || code.startsWith('57P') || code.startsWith('53')) return 'unavailable';
  if (code === '22001') return 'too-long';
  if (code === '22003') return 'out-of-range';
  if (code.startsWith('22')) return 'invalid-value';
  return undefined;
}

/** MySQL/MariaDB error numbers (server, and the mariadb connector's own 45xxx). */
function mysqlKind(code: number): DbFailureKind | undefined {
  if (code === 3819 || code === 4025) return 'check';
  if (code === 1969 || code === 3024 || code === 1317 || code === 1205 || code === 45028) return 'timeout';
  if (code === 1213 || code === 1020) return 'conflict';
  if ([1040, 1053, 1077, 1081, 1152, 1158, 1159, 1160, 1161, 1203, 2002, 2003, 2006, 2013].includes(code) || (code >= 45000 && code < 45100)) return 'unavailable';
  if (code === 1406) return 'too-long';
  if (code === 1390) return 'too-large'; // too many placeholders
  if (code === 1264 || code === 1690) return 'out-of-range';
  if (code === 1292 || code === 1366 || code === 1265) return 'invalid-value';
  return undefined;
}

/** SQLite result codes: better-sqlite3 names them (`SQLITE_CONSTRAINT_CHECK`), other drivers number them. */
function sqliteKind(name: string, extended: number): DbFailureKind | undefined {
  if (name === 'SQLITE_CONSTRAINT_CHECK' || extended === 275) return 'check';
  if (name === 'SQLITE_CONSTRAINT_NOTNULL' || extended === 1299) return 'not-null';
  const primary = extended & 0xff;
  if (/^SQLITE_(BUSY|LOCKED|INTERRUPT)/.test(name) || primary === 5 || primary === 6 || primary === 9) return 'timeout';
  if (/^SQLITE_(CANTOPEN|IOERR|NOTADB|CORRUPT|FULL)/.test(name) || primary === 14 || primary === 10) return 'unavailable';
  if (name === 'SQLITE_TOOBIG' || primary === 18) return 'too-long';
  return undefined;
}

const ADAPTER_KINDS: Readonly<Record<string, DbFailureKind>> = {
  UniqueConstraintViolation: 'unique', ForeignKeyConstraintViolation: 'foreign-key', RestrictViolation: 'foreign-key',
  NullConstraintViolation: 'not-null', LengthMismatch: 'too-long', ValueOutOfRange: 'out-of-range',
  InvalidInputValue: 'invalid-value', TransactionWriteConflict: 'conflict', SocketTimeout: 'timeout',
  DatabaseNotReachable: 'unavailable', ConnectionClosed: 'unavailable', TooManyConnections: 'unavailable',
  AuthenticationFailed: 'unavailable', DatabaseDoesNotExist: 'unavailable', DatabaseAccessDenied: 'unavailable',
  TlsConnectionError: 'unavailable', TransactionAlreadyClosed: 'timeout',
};

function causeKind(cause: Cause): DbFailureKind | undefined {
  const kind = String(cause.kind);
  if (kind in ADAPTER_KINDS) return ADAPTER_KINDS[kind];
  if (kind === 'postgres') return postgresKind(String(cause['code'] ?? cause['originalCode'] ?? ''));
  // The mariadb connector reports a refused connection as a pool time-out whose cause is the socket error.
  if (kind === 'mysql') return NETWORK_TEXT.test(String(cause['cause'] ?? '')) ? 'unavailable' : mysqlKind(Number(cause['code'] ?? cause['originalCode']));
  if (kind === 'sqlite') {
    // SQLite's own limits: a LIKE pattern over 50,000 bytes (a giant `contains`), a giant value.
    if (/pattern too complex|too big/i.test(String(cause['message'] ?? cause['originalMessage'] ?? ''))) return 'too-large';
    return sqliteKind(String(cause['originalCode'] ?? ''), Number(cause['extendedCode']));
  }
  return undefined;
}

/** Names from an adapter cause: `constraint.fields`, `constraint.index`, `column`, and the constraint named in the database's message. */
function causeNames(cause: Cause): string[] {
  const names: string[] = [];
  const constraint = cause['constraint'] as { fields?: unknown; index?: unknown } | undefined;
  if (Array.isArray(constraint?.fields)) names.push(...constraint.fields.map(String));
  if (typeof constraint?.index === 'string') names.push(constraint.index);
  if (typeof cause['column'] === 'string') names.push(cause['column']);
  const message = String(cause['originalMessage'] ?? cause['message'] ?? '');
  // Only the constraint's name or, on SQLite, its expression: never the row values some messages quote.
  const column = /column ["'`]([^"'`]+)["'`]/i.exec(message)?.[1];
  if (column) names.push(column);
  const named = /constraint ["'`]([^"'`]+)["'`]/i.exec(message)?.[1] ?? /^CONSTRAINT `([^`]+)`/.exec(message)?.[1] ?? /^CHECK constraint failed: (.*)$/.exec(message)?.[1];
  if (named) names.push(named);
  return names;
}

const NETWORK_TEXT = /ECONNREFUSED|ECONNRESET|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|EPIPE|socket/;
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN']);
// node-postgres and mariadb pool/socket failures that arrive as plain errors.
const UNAVAILABLE_TEXT = /Cannot open database|unable to open database|Connection terminated|connection (?:is )?closed|Client has encountered a connection error|socket has been closed|Can't reach database server|server closed the connection|cannot connect|ECONNREFUSED|ECONNRESET/i;
const TOO_LARGE_TEXT = /too many SQL variables|too many (bind variables|placeholders|parameters)/i;
const TIMEOUT_TEXT = /timeout exceeded when trying to connect|pool timeout|Timed out fetching a new connection|retrieve a connection from pool|Transaction already closed|Unable to start a transaction in the given time/i;

/**
 * The failure an error stands for, if it came from the database or its driver. `prismaOnly`: only
 * errors Prisma raised count (a custom tool's ECONNREFUSED may come from any service, not the database).
 */
export function classifyDbError(error: unknown, prismaOnly = false): Classified | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const e = error as { name?: unknown; code?: unknown; errorCode?: unknown; meta?: Record<string, unknown>; cause?: unknown; message?: unknown };
  if (prismaOnly && !/^(PrismaClient|DriverAdapterError)/.test(String(e.name)) && !/^P\d{4}$/.test(String(e.code))) return undefined;
  const message = typeof e.message === 'string' ? e.message : '';
  const driver = (e.meta?.['driverAdapterError'] as { cause?: Cause } | undefined)?.cause
    ?? (e.name === 'DriverAdapterError' && typeof e.cause === 'object' && e.cause !== null ? (e.cause as Cause) : undefined);
  const code = typeof e.code === 'string' ? e.code : typeof e.errorCode === 'string' ? e.errorCode : undefined;
  const fromCause = driver ? causeKind(driver) : undefined;
  const names = driver ? causeNames(driver) : [];
  const target = e.meta?.['target'] ?? e.meta?.['field_name'] ?? e.meta?.['constraint'];
  if (Array.isArray(target)) names.push(...target.map(String));
  else if (typeof target === 'string') names.push(target);
  if (fromCause) return { kind: fromCause, names };
  if (code && /^P\d{4}$/.test(code)) {
    const kind = PRISMA_CODES[code];
    return kind ? { kind, names } : undefined;
  }
  if (e.name === 'PrismaClientInitializationError') return { kind: 'unavailable', names };
  // The client refuses a create that leaves out a required field before any SQL runs.
  const missing = e.name === 'PrismaClientValidationError' ? /Argument `(\w+)` is missing/.exec(message)?.[1] : undefined;
  if (missing) return { kind: 'not-null', names: [missing] };
  // Raw driver errors (pg's DatabaseError, mariadb's SqlError) when they bypass the adapter.
  if (code && /^[0-9A-Z]{5}$/.test(code) && typeof (error as { severity?: unknown }).severity === 'string') {
    const kind = postgresKind(code);
    if (kind) return { kind, names };
  }
  const errno = (error as { errno?: unknown }).errno;
  if (typeof errno === 'number' && 'sqlState' in error) {
    const kind = mysqlKind(errno);
    if (kind) return { kind, names };
  }
  if (code && NETWORK_CODES.has(code)) return { kind: 'unavailable', names };
  if (TOO_LARGE_TEXT.test(message)) return { kind: 'too-large', names };
  if (TIMEOUT_TEXT.test(message)) return { kind: 'timeout', names };
  if (UNAVAILABLE_TEXT.test(message)) return { kind: 'unavailable', names };
  return undefined;
}

/**
 * Visible field names that occur in `names` as whole words (`_` and quotes separate words), longest
 * first so `author_id` in `posts_author_id_key` does not also report `id`. Only names from
 * `visible` are ever returned.
 */
export function fieldsNamed(names: readonly string[], visible: readonly string[]): string[] {
  let haystack = ` ${names.join(' ')} `;
  const found: string[] = [];
  for (const field of [...visible].sort((a, b) => b.length - a.length || (a < b ? -1 : 1))) {
    const escaped = field.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const re = new RegExp(`(^|[^A-Za-z0-9])${escaped}(?=$|[^A-Za-z0-9])`, 'g');
    if (!re.test(haystack)) continue;
    found.push(field);
    haystack = haystack.replace(re, '$1 ');
  }
  return found.sort((a, b) => names.join(' ').indexOf(a) - names.join(' ').indexOf(b));
}

/** The message for a classified failure; `model` and `visible` come from the tool's model, when there is one. */
export function dbFailureMessage(failure: Classified, visible: readonly string[] = [], model?: string): string {
  const fields = fieldsNamed(failure.names, visible);
  const list = fields.join(', ');
  switch (failure.kind) {
    case 'unique':
      return `a row with the same ${list || 'unique value'} already exists`;
    case 'foreign-key':
      return `the related row does not exist or is still referenced (foreign key${list ? `: ${list}` : ''})`;
    case 'not-null':
      return list ? `a value is required for ${list}` : 'a required value is missing (the database refused an empty value)';
    case 'check':
      return `a value breaks a rule of the database (check constraint${list ? ` on ${list}` : ''})`;
    case 'too-long':
      return `a value is too long for its column${list ? ` (${list})` : ''}`;
    case 'out-of-range':
      return `a number is out of range for its column${list ? ` (${list})` : ''}`;
    case 'invalid-value':
      return `a value is not valid for its column${list ? ` (${list})` : ''}`;
    case 'too-large':
      return 'the request is larger than the database accepts in one query (a very long `in` list or search text?); make it smaller';
    case 'not-found':
      return model ? `${model} not found` : 'not found';
    case 'conflict':
      return 'the database reported a conflict with a concurrent change (deadlock or serialization failure); nothing was saved, try again';
    case 'timeout':
      return 'the database took too long to answer; try again';
    case 'unavailable':
      return 'database unavailable, try again';
  }
}
