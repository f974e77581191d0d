// Errors as the client sees them. A ToolError's message is shown as is; Prisma's known errors are
// translated; anything else is logged server-side (tool name, error name/code, stack frames — never
// argument values or the message, which may quote them) and answered with a reference id.
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';

/** An error whose message is meant for the client. */
export class ToolError extends Error {
  override readonly name = 'ToolError';
}

/** The answer for a row that does not exist or is out of the caller's scope (indistinguishable). */
export function notFound(model: string): ToolError {
  return new ToolError(`${model} not found`);
}

interface PrismaLikeError {
  readonly name: string;
  readonly code: string;
  readonly meta?: Record<string, unknown>;
}

function isPrismaKnown(error: unknown): error is PrismaLikeError {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && /^P\d{4}$/.test(code);
}

/** Field names from a Prisma error's meta, across the classic and the driver-adapter shapes. */
function metaFields(meta: Record<string, unknown> | undefined): string[] {
  if (!meta) return [];
  const target = meta['target'] ?? meta['field_name'];
  if (Array.isArray(target)) return target.map(String);
  if (typeof target === 'string') return [target];
  const cause = (meta['driverAdapterError'] as { cause?: { constraint?: { fields?: unknown; index?: unknown } } } | undefined)?.cause;
  const fields = cause?.constraint?.fields;
  if (Array.isArray(fields)) return fields.map((f) => String(f).replace(/^"|"$/g, ''));
  if (typeof cause?.constraint?.index === 'string') return [cause.constraint.index];
  return [];
}

function describe(fields: string[], fallback: string): string {
  return fields.length > 0 ? fields.join(', ') : fallback;
}

/** The client-facing message for any error thrown by a tool handler. */
export function toolErrorMessage(error: unknown, toolName: string): string {
  if (error instanceof ToolError) return error.message;
  if (isPrismaKnown(error)) {
    switch (error.code) {
      case 'P2002':
        return `a row with the same ${describe(metaFields(error.meta), 'unique value')} already exists`;
      case 'P2003':
        return `the related row does not exist or is still referenced (foreign key: ${describe(metaFields(error.meta), 'unknown field')})`;
      case 'P2025':
        return 'not found';
    }
  }
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
