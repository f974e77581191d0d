// The ops hooks the HTTP handler and the tool-call path call: rate limits before and after
// authentication, and one span plus (for writes) one audit record around every tool call.
// Everything is optional data: no limits, stdout audit, tracing a no-op until an SDK is registered.
import type { Caller } from '../caller.js';
import type { ToolDef } from '../spec.js';
import { auditRecord, emitAudit, stdoutSink, type AuditOutcome, type AuditSink } from './audit.js';
import { createRateLimiter, type RateLimiter, type RateLimits } from './rate-limit.js';
import { createTracing, type Tracing } from './tracing.js';

export interface OpsOptions {
  /** Rate limits; absent or false: none. */
  readonly limits?: RateLimits | false;
  /** Where write audit records go; false: nowhere. @default stdoutSink() */
  readonly audit?: AuditSink | false;
  /** OpenTelemetry spans (a no-op until the app registers an SDK). @default true */
  readonly tracing?: boolean;
  /** The user row's id field, for audit records. @default 'id' */
  readonly userIdField?: string;
  /** The server version, on the tracer. */
  readonly version?: string;
  /** Where sink failures are reported. @default console.error */
  readonly log?: (line: string) => void;
}

/** How a tool call ended, as the tool-call path reports it. */
export interface ToolCallOutcome {
  readonly outcome: Exclude<AuditOutcome, 'forbidden' | 'rate_limited'>;
  /** The message the client got, when not `ok`. */
  readonly error?: string;
  /** The validated arguments, when they validated. */
  readonly args?: unknown;
  /** The handler's result, when it succeeded. */
  readonly value?: unknown;
}

export interface ToolCall {
  readonly tool: Pick<ToolDef, 'name' | 'toolset' | 'access' | 'audit'>;
  readonly caller: Caller;
  readonly requestId?: string | number;
}

export interface Ops {
  /** Absent when no limits are configured. */
  readonly limiter: RateLimiter | undefined;
  /**
   * Runs one tool call inside its span; `run` gets `traceDb`, to wrap the Prisma client the
   * handler uses. Writes get their audit record once the outcome is known.
   */
  toolCall<T extends ToolCallOutcome>(call: ToolCall, run: (traceDb: <Db>(prisma: Db) => Db) => Promise<T>): Promise<T>;
  /** A write call refused before it ran (scope, rate limit): audited, since someone tried. */
  refused(call: ToolCall, outcome: 'forbidden' | 'rate_limited', error: string): Promise<void>;
  close(): Promise<void>;
}

export function createOps(options: OpsOptions = {}): Ops {
  const sink = options.audit === false ? undefined : (options.audit ?? stdoutSink());
  const limiter = options.limits ? createRateLimiter(options.limits) : undefined;
  const tracing: Promise<Tracing> = options.tracing === false ? Promise.resolve({ startSpan: () => NO_TRACING }) : createTracing(options.version ?? '0');
  const log = options.log ?? ((line: string) => console.error(line));

  const audit = async (call: ToolCall, outcome: AuditOutcome, extra: { error?: string; args?: unknown; value?: unknown; traceId?: string | undefined }) => {
    if (!sink || call.tool.access !== 'write') return;
    let target;
    try {
      target = call.tool.audit?.(extra.args, extra.value);
    } catch {
      // A failing describer must not lose the record: it is written without model and ids.
    }
    const record = auditRecord({
      caller: call.caller,
      tool: call.tool,
      outcome,
      ...(target ? { target } : {}),
      ...(extra.error !== undefined ? { error: extra.error } : {}),
      ...(call.requestId !== undefined ? { requestId: call.requestId } : {}),
      ...(extra.traceId !== undefined ? { traceId: extra.traceId } : {}),
      ...(options.userIdField !== undefined ? { userIdField: options.userIdField } : {}),
    });
    await emitAudit(sink, record, log);
  };

  return {
    limiter,
    async toolCall<T extends ToolCallOutcome>(call: ToolCall, run: (traceDb: <Db>(prisma: Db) => Db) => Promise<T>): Promise<T> {
      const span = (await tracing).startSpan(`tools/call ${call.tool.name}`, {
        'mcp.method.name': 'tools/call',
        'gen_ai.operation.name': 'execute_tool',
        'gen_ai.tool.name': call.tool.name,
        'mcpgen.toolset': call.tool.toolset,
        'mcpgen.tool.access': call.tool.access,
        'mcpgen.credential.kind': call.caller.credential.kind,
        'mcpgen.credential.id': call.caller.credential.id,
        ...(call.requestId !== undefined ? { 'jsonrpc.request.id': String(call.requestId) } : {}),
      });
      let result: T | undefined;
      try {
        result = await span.run(() => run((prisma) => span.traceDb(prisma)));
        return result;
      } finally {
        const outcome = result?.outcome ?? 'error';
        span.setAttribute('mcpgen.outcome', outcome);
        if (outcome !== 'ok') span.fail(outcome === 'error' ? 'tool_error' : outcome);
        span.end();
        await audit(call, outcome, { ...(result ?? { error: 'internal error' }), traceId: span.traceId });
      }
    },
    refused: (call, outcome, error) => audit(call, outcome, { error }),
    close: async () => {
      await limiter?.close();
    },
  };
}

const NO_TRACING = { traceId: undefined, setAttribute() {}, fail() {}, end() {}, run: <T>(fn: () => T) => fn(), traceDb: <Db>(prisma: Db) => prisma };
