// Audit records: one per write tool call, whatever its outcome, so "who changed what, with which
// credential, and did it work" has an answer. A record names ids and outcomes, never argument
// values or secrets. Sinks: JSON lines on stdout (default), a Prisma model, or your own function.
import type { Caller } from '../core/caller.js';
import type { AuditTarget } from '../core/spec.js';
import { toJsonValue } from '../data/values.js';

export type { AuditTarget };

/**
 * `ok`; `error` (the tool ran and failed, e.g. a unique violation or a row not found);
 * `forbidden` (the credential lacks the scope: nothing ran); `rate_limited` (nothing ran);
 * `cancelled` (the client cancelled or went away); `invalid_arguments` (the arguments failed
 * validation: nothing ran); `rolled_back` (a write made by a code-mode program that then failed:
 * its transaction was rolled back, nothing was saved).
 */
export type AuditOutcome = 'ok' | 'error' | 'forbidden' | 'rate_limited' | 'cancelled' | 'invalid_arguments' | 'rolled_back';

export interface AuditRecord {
  /** Always `mcp.audit`: tells these lines apart from the rest of stdout. */
  readonly type: 'mcp.audit';
  /** ISO 8601, when the call finished. */
  readonly time: string;
  /** The user's id, null without one (`auth: 'none'`). */
  readonly user: unknown;
  /** The key's row id or the OAuth grant id, never the secret. */
  readonly credential: { readonly kind: string; readonly id: string; readonly clientId?: string };
  readonly tool: string;
  readonly toolset: string;
  readonly model: string | null;
  readonly action: string | null;
  readonly ids: readonly unknown[];
  readonly outcome: AuditOutcome;
  /** The message the client got, for outcomes other than `ok`. */
  readonly error?: string;
  /** The JSON-RPC request id, to match a client's report. */
  readonly requestId?: string | number;
  /** The OpenTelemetry trace of the call, when tracing is on. */
  readonly traceId?: string;
}

export type AuditSink = (record: AuditRecord) => void | Promise<void>;

export interface AuditEvent {
  readonly caller: Caller;
  readonly tool: { readonly name: string; readonly toolset: string };
  readonly target?: AuditTarget;
  readonly outcome: AuditOutcome;
  readonly error?: string;
  readonly requestId?: string | number;
  readonly traceId?: string;
  /** The user row's id field. @default 'id' */
  readonly userIdField?: string;
  readonly now?: Date;
}

// Client-facing messages are short; a custom tool's could be anything, so the record caps it.
const MAX_ERROR = 500;

export function auditRecord(e: AuditEvent): AuditRecord {
  const { kind, id, clientId } = e.caller.credential;
  return {
    type: 'mcp.audit',
    time: (e.now ?? new Date()).toISOString(),
    user: e.caller.user ? toJsonValue(e.caller.user[e.userIdField ?? 'id'] ?? null) : null,
    credential: { kind, id, ...(clientId !== undefined ? { clientId } : {}) },
    tool: e.tool.name,
    toolset: e.tool.toolset,
    model: e.target?.model ?? null,
    action: e.target?.action ?? null,
    ids: (e.target?.ids ?? []).map((v) => toJsonValue(v)),
    outcome: e.outcome,
    ...(e.error !== undefined ? { error: e.error.length > MAX_ERROR ? `${e.error.slice(0, MAX_ERROR)}…` : e.error } : {}),
    ...(e.requestId !== undefined ? { requestId: e.requestId } : {}),
    ...(e.traceId !== undefined ? { traceId: e.traceId } : {}),
  };
}

/** One JSON line per record on stdout (the default sink): what log shippers expect. */
export function stdoutSink(write: (line: string) => void = (line) => void process.stdout.write(line)): AuditSink {
  return (record) => write(`${JSON.stringify(record)}\n`);
}

/**
 * Rows of a Prisma model (see mcp-gen's docs/operations.md for the model to add, `McpAuditLog`). `ids` is stored as
 * JSON text so the same model works on SQLite, PostgreSQL and MySQL.
 */
export function prismaSink(prisma: unknown, delegate: string): AuditSink {
  const model = (prisma as Record<string, { create?: (args: object) => Promise<unknown> }> | null)?.[delegate];
  if (typeof model?.create !== 'function') {
    throw new Error(`audit.sink: the Prisma client has no model delegate '${delegate}' (add the model, then prisma generate)`);
  }
  return async (r) => {
    await model.create!({
      data: {
        time: new Date(r.time),
        userId: r.user === null ? null : String(r.user),
        credentialKind: r.credential.kind,
        credentialId: r.credential.id,
        clientId: r.credential.clientId ?? null,
        tool: r.tool,
        toolset: r.toolset,
        model: r.model,
        action: r.action,
        ids: JSON.stringify(r.ids),
        outcome: r.outcome,
        error: r.error ?? null,
        requestId: r.requestId === undefined ? null : String(r.requestId),
        traceId: r.traceId ?? null,
      },
    });
  };
}

/**
 * Sends a record without ever failing the call it describes (the write has already happened):
 * a sink error is logged by tool and error name, and the record itself goes to stderr.
 */
export async function emitAudit(sink: AuditSink, record: AuditRecord, log: (line: string) => void = (l) => console.error(l)): Promise<void> {
  try {
    await sink(record);
  } catch (error) {
    log(`[mcp] audit sink failed (${error instanceof Error ? error.name : typeof error}) for ${record.tool}; record: ${JSON.stringify(record)}`);
  }
}
