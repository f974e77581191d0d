// A procedure's failure as the MCP client sees it. TRPCError codes the app throws on purpose
// (UNAUTHORIZED, NOT_FOUND, CONFLICT…) become tool errors carrying the app's message; input
// validation failures name the argument path from the procedure's own validator; anything
// unexpected (tRPC wraps it as INTERNAL_SERVER_ERROR) is handed on untouched, so the server logs
// it with a reference and answers without a stack trace, as for every other tool.
import { formatZodError, ToolError } from '../core/errors.js';
import type { z } from 'zod';

interface TrpcErrorLike extends Error {
  readonly code: string;
  readonly cause?: unknown;
}

function isTrpcError(error: unknown): error is TrpcErrorLike {
  return error instanceof Error && error.name === 'TRPCError' && typeof (error as { code?: unknown }).code === 'string';
}

/** Codes whose message is the app speaking to the caller (with a default when it gave none); the rest are server-side failures. */
const CLIENT_CODES: Readonly<Record<string, string>> = {
  UNAUTHORIZED: 'this procedure needs a signed-in user',
  FORBIDDEN: 'the caller may not do this',
  NOT_FOUND: 'not found',
  CONFLICT: 'conflict',
  PRECONDITION_FAILED: 'precondition failed',
  PAYLOAD_TOO_LARGE: 'payload too large',
  UNPROCESSABLE_CONTENT: 'unprocessable content',
  TOO_MANY_REQUESTS: 'too many requests',
  METHOD_NOT_SUPPORTED: 'not supported',
  TIMEOUT: 'timed out',
  CLIENT_CLOSED_REQUEST: 'cancelled',
  BAD_REQUEST: 'bad request',
};

const REFUSALS = new Set(['UNAUTHORIZED', 'FORBIDDEN']);

interface IssueLike {
  readonly path?: readonly (PropertyKey | { readonly key: PropertyKey })[];
  readonly message: string;
}

/** Validator issues (zod, or any Standard Schema) on the error's cause. */
function issuesOf(cause: unknown): IssueLike[] | undefined {
  const issues = (cause as { issues?: unknown } | null | undefined)?.issues;
  return Array.isArray(issues) && issues.every((i) => typeof (i as IssueLike)?.message === 'string') ? (issues as IssueLike[]) : undefined;
}

export function procedureError(error: unknown, toolName: string, inputKey: 'input' | undefined): unknown {
  if (!isTrpcError(error)) return error;
  const fallback = CLIENT_CODES[error.code];
  if (!fallback) return error.cause instanceof Error ? error.cause : error; // logged with a reference by the server
  const issues = error.code === 'BAD_REQUEST' ? issuesOf(error.cause) : undefined;
  if (issues) {
    const normalized = issues.map((i) => ({
      ...i,
      path: [...(inputKey ? [inputKey] : []), ...(i.path ?? []).map((p) => (typeof p === 'object' && p !== null ? p.key : p))],
    }));
    return new ToolError(`Invalid arguments for ${toolName}:\n${formatZodError({ issues: normalized } as unknown as z.ZodError)}`);
  }
  // tRPC uses the code itself as the message when the app gave none.
  const message = error.message && error.message !== error.code ? error.message : fallback;
  return new ToolError(REFUSALS.has(error.code) ? `refused (${error.code}): ${message}` : `${error.code}: ${message}`);
}
