// Errors as the client sees them. A ToolError's message is shown as is; database failures are
// translated (db-errors.ts); anything else is logged server-side (tool name, error name/code, stack
// frames — never argument values or the message, which may quote them) and answered with a reference id.
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { classifyDbError, dbFailureMessage, type DbFailureKind } from '../data/db-errors.js';

/** An error whose message is meant for the client. */
export class ToolError extends Error {
  override readonly name = 'ToolError';
}

/** Arguments that passed the tool's schema but not a later, model-specific check (compact `args`): nothing ran. */
export class ArgumentError extends ToolError {}

/** The answer for a row that does not exist or is out of the caller's scope (indistinguishable). */
export function notFound(model: string): ToolError {
  return new ToolError(`${model} not found`);
}

/** A database failure, already phrased for the client; `kind` drives retries and HTTP status. */
export class DatabaseError extends ToolError {
  constructor(message: string, readonly kind: DbFailureKind) {
    super(message);
  }

  /** Worth trying again later: the database was away, slow, or a concurrent change won. */
  get transient(): boolean {
    return this.kind === 'unavailable' || this.kind === 'timeout' || this.kind === 'conflict';
  }
}

/**
 * `error` as a DatabaseError if the database or its driver raised it, else undefined. `visible`
 * lists the fields the caller may see: only those are ever named.
 */
export function toDatabaseError(error: unknown, visible: readonly string[] = [], model?: string, prismaOnly = false): DatabaseError | undefined {
  if (error instanceof DatabaseError) return error;
  const failure = classifyDbError(error, prismaOnly);
  if (!failure) return undefined;
  if (failure.kind === 'unavailable' || failure.kind === 'timeout') logDatabaseTrouble(error, failure.kind);
  return new DatabaseError(dbFailureMessage(failure, visible, model), failure.kind);
}

const lastLogged = new Map<string, number>();

/** An outage fails every call: one line per kind every 5 s is enough for the operator. */
function logDatabaseTrouble(error: unknown, kind: string): void {
  const now = Date.now();
  if (now - (lastLogged.get(kind) ?? 0) < 5000) return;
  lastLogged.set(kind, now);
  const e = error as { name?: unknown; code?: unknown };
  console.error(`[mcp] database ${kind}: ${String(e?.name ?? typeof error)}${typeof e?.code === 'string' ? ` ${e.code}` : ''}`);
}

/** The client-facing message for any error thrown by a tool handler. */
export function toolErrorMessage(error: unknown, toolName: string): string {
  if (error instanceof ToolError) return error.message;
  // Outside a model's tools (custom tools) nothing says which fields the caller may see: name none.
  const db = toDatabaseError(error, [], undefined, true);
  if (db) return db.message;
  return `${toolName} failed: internal error (reference ${logInternalError(error, toolName)})`;
}

/** Logs an unexpected error without its message (which may quote argument values); returns a reference id. */
export function logInternalError(error: unknown, toolName: string): string {
  const ref = randomBytes(4).toString('hex');
  const name = error instanceof Error ? error.name : typeof error;
  const code = (error as { code?: unknown } | null)?.code;
  const frames = error instanceof Error && error.stack ? error.stack.split('\n').filter((l) => /^\s+at /.test(l)).join('\n') : '';
  console.error(`[mcp] tool ${toolName} failed (ref ${ref}): ${name}${typeof code === 'string' ? ` ${code}` : ''}\n${frames}`);
  return ref;
}

/** A zod error as `path: reason` lines, e.g. `where.title.contains: expected string, received number`. */
export function formatZodError(error: z.ZodError): string {
  return error.issues.map((issue) => formatIssue(issue as Issue, [])).join('\n');
}

interface Issue {
  readonly code: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly keys?: readonly string[];
  readonly errors?: readonly (readonly Issue[])[];
}

function formatIssue(issue: Issue, prefix: readonly PropertyKey[]): string {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union' && issue.errors && issue.errors.length > 0) {
    const best = bestBranch(issue.errors);
    if (best) return best.map((i) => formatIssue(i, path)).join('\n');
    const expected = issue.errors.flatMap((branch) => branch.map((i) => /expected (\w+)/.exec(i.message)?.[1] ?? '')).filter(Boolean);
    const received = /received (\w+)/.exec(issue.errors[0]?.[0]?.message ?? '')?.[1];
    return `${formatPath(path)}: expected ${[...new Set(expected)].join(' or ')}${received ? `, received ${received}` : ''}`;
  }
  if (issue.code === 'unrecognized_keys' && issue.keys) {
    return `${formatPath(path)}: unknown ${issue.keys.length === 1 ? 'key' : 'keys'} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
  }
  return `${formatPath(path)}: ${issue.message.replace(/^Invalid input: /, '')}`;
}

/** The union branch that got furthest (its issues sit deeper than the union itself), if one did. */
function bestBranch(branches: readonly (readonly Issue[])[]): readonly Issue[] | undefined {
  let best: readonly Issue[] | undefined;
  let depth = 0;
  for (const branch of branches) {
    const d = Math.min(...branch.map((i) => (i.code === 'invalid_type' && i.path.length === 0 ? 0 : i.path.length + 1)));
    if (d > depth) [best, depth] = [branch, d];
  }
  return best;
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'arguments';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
}
