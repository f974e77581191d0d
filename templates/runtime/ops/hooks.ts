// The ops hooks the web handler and the tool-call path run: rate limits before and after
// authentication and once the body names its tool calls; one span around every tool call and,
// for writes, one audit record with its outcome. All of it is optional data: no limits unless
// configured, audit to stdout, tracing a no-op until the app registers an OpenTelemetry SDK.
import type { Caller } from '../core/caller.js';
import { allows, argumentsRefused } from '../mcp/server.js';
import type { Access, ToolDef } from '../core/spec.js';
import { auditRecord, emitAudit, stdoutSink, type AuditOutcome, type AuditSink } from './audit.js';
import { createRateLimiter, type LimitedCall, type RateLimits } from './rate-limit.js';
import { startSpan, traceDb } from './tracing.js';

export interface OpsOptions {
  /** Rate limits; absent: none. */
  readonly limits?: RateLimits;
  /** Where write audit records go; false: nowhere. @default stdoutSink() */
  readonly audit?: AuditSink | false;
  /** OpenTelemetry spans (nothing is recorded until the app registers an SDK). @default true */
  readonly tracing?: boolean;
  /** The user row's id field, for audit records. @default 'id' */
  readonly userIdField?: string;
  /** Where sink failures are reported. @default console.error */
  readonly log?: (line: string) => void;
}

type Tool = Pick<ToolDef, 'name' | 'toolset' | 'access' | 'audit' | 'gate'>;

/** A tool call as the tool-call path hands it to hooks (validated arguments). */
export interface HookedCall {
  readonly tool: Tool;
  readonly caller: Caller;
  readonly arguments: unknown;
  readonly signal: AbortSignal;
  /** The JSON-RPC request id, when the path knows it. */
  readonly requestId?: string | number;
  /**
   * A call made from inside another tool (code mode's `execute`): its rate limits are drawn here
   * (the body named only the outer call) and its audit record carries the outer tool's name.
   */
  readonly via?: string;
  /** With `via`: whether the outer tool kept its writes; a write's record waits for it. */
  readonly committed?: Promise<boolean>;
}

/** A call refused before it ran (invalid arguments), with the result the client gets. */
export interface RefusedCall {
  readonly tool: Tool;
  readonly caller: Caller;
  readonly requestId?: string | number;
  readonly result: ResultLike;
}

/** The MCP tool result, as far as the outcome goes. */
interface ResultLike {
  readonly isError?: boolean | undefined;
  readonly content?: readonly unknown[] | undefined;
  readonly structuredContent?: unknown;
}

export interface Ops {
  /** Before authentication: the client address's budget. */
  onRequest(request: Request, info: { readonly remoteAddress?: string }): Promise<Response | undefined>;
  /** After authentication: the credential's request budget. */
  onCaller(request: Request, caller: Caller): Promise<Response | undefined>;
  /**
   * Once the JSON-RPC body is read: write and toolset budgets for its tools/calls. Write calls
   * the caller lacks the scope for (the handler answers 403) and refused ones are audited here.
   */
  onBody(caller: Caller, body: unknown): Promise<Response | undefined>;
  /**
   * Around each tool call: its span and, for writes, its audit record. `toolCall.refused` records
   * write calls whose arguments failed validation (`invalid_arguments`: nothing ran).
   */
  readonly toolCall: (<R extends ResultLike>(call: HookedCall, run: () => Promise<R>) => Promise<R>) & {
    readonly refused: (call: RefusedCall) => Promise<void>;
  };
  /** The Prisma client tool handlers get: its queries become spans of the running tool call. */
  traceDb<Db>(prisma: Db): Db;
  close(): Promise<void>;
}

/** tools/call names and arguments in a JSON-RPC message or batch. */
function calledTools(body: unknown): { name: string; arguments: unknown }[] {
  const calls: { name: string; arguments: unknown }[] = [];
  for (const m of Array.isArray(body) ? body : [body]) {
    const message = m as { method?: unknown; params?: { name?: unknown; arguments?: unknown } } | null;
    if (message?.method === 'tools/call' && typeof message.params?.name === 'string') calls.push({ name: message.params.name, arguments: message.params.arguments });
  }
  return calls;
}

function firstText(result: ResultLike): string | undefined {
  const first = result.content?.[0] as { type?: unknown; text?: unknown } | undefined;
  return first?.type === 'text' && typeof first.text === 'string' ? first.text : undefined;
}

export function createOps(tools: readonly Tool[], options: OpsOptions = {}): Ops {
  const byName = new Map(tools.map((t) => [t.name, t]));
  const sink = options.audit === false ? undefined : (options.audit ?? stdoutSink());
  const limiter = options.limits ? createRateLimiter(options.limits) : undefined;
  const tracing = options.tracing !== false;
  const log = options.log ?? ((line: string) => console.error(line));

  const audit = async (
    tool: Tool,
    caller: Caller,
    outcome: AuditOutcome,
    extra: { error?: string | undefined; args?: unknown; value?: unknown; requestId?: string | number | undefined; traceId?: string | undefined },
  ): Promise<void> => {
    if (!sink || tool.access !== 'write') return;
    let target;
    let toolset = tool.toolset;
    try {
      target = tool.audit?.(extra.args, extra.value);
      // A tool serving several toolsets (compact mutate) is recorded under the one the call used.
      if (tool.gate && extra.args !== undefined) toolset = tool.gate(extra.args)?.toolset ?? toolset;
    } catch {
      // A describer that throws must not lose the record: it is written without model and ids.
    }
    const record = auditRecord({
      caller,
      tool: { name: tool.name, toolset },
      outcome,
      ...(target ? { target } : {}),
      ...(extra.error !== undefined ? { error: extra.error } : {}),
      ...(extra.requestId !== undefined ? { requestId: extra.requestId } : {}),
      ...(extra.traceId !== undefined ? { traceId: extra.traceId } : {}),
      ...(options.userIdField !== undefined ? { userIdField: options.userIdField } : {}),
    });
    await emitAudit(sink, record, log);
  };

  return {
    async onRequest(_request, info) {
      return (await limiter?.checkIp(info.remoteAddress)) ?? undefined;
    },
    async onCaller(_request, caller) {
      return (await limiter?.checkCaller(caller)) ?? undefined;
    },
    async onBody(caller, body) {
      // What each call needs, as the handler's scope check decides it: a tool serving several
      // toolsets (compact mutate) names the toolset per call through its gate.
      const called = calledTools(body).flatMap(({ name, arguments: args }) => {
        const tool = byName.get(name);
        if (!tool) return [];
        const need = tool.gate ? tool.gate(args) : { access: tool.access, toolset: tool.toolset };
        return [{ tool, need }];
      });
      const permitted = called.filter(({ need }) => !need || allows(caller.scopes, need.access, need.toolset));
      for (const c of called) {
        if (!permitted.includes(c)) await audit({ ...c.tool, toolset: c.need!.toolset }, caller, 'forbidden', { error: `this tool needs the "${c.need!.access}" scope` });
      }
      if (!limiter || permitted.length === 0 || permitted.length < called.length) return undefined;
      const refused = await limiter.checkCalls(caller, permitted.map(({ tool, need }): LimitedCall => ({ toolset: need?.toolset ?? tool.toolset, access: (need?.access ?? tool.access) as Access })));
      if (refused) {
        const message = ((await refused.clone().json()) as { error?: { message?: string } }).error?.message;
        for (const { tool, need } of permitted) await audit({ ...tool, toolset: need?.toolset ?? tool.toolset }, caller, 'rate_limited', { error: message });
      }
      return refused ?? undefined;
    },
    toolCall: Object.assign(toolCall, {
      refused: (call: RefusedCall) => audit(call.tool, call.caller, 'invalid_arguments', { error: firstText(call.result) ?? 'invalid arguments', requestId: call.requestId }),
    }),
    traceDb: (prisma) => (tracing ? traceDb(prisma) : prisma),
    close: async () => {
      await limiter?.close();
    },
  };

  /** A call from inside another tool: its per-call budgets, drawn now; the refusal's text, if any. */
  async function limitNested(call: HookedCall): Promise<string | undefined> {
    if (!limiter) return undefined;
    const need = call.tool.gate?.(call.arguments) ?? { access: call.tool.access, toolset: call.tool.toolset };
    const refused = await limiter.checkCalls(call.caller, [{ toolset: need.toolset, access: need.access }]);
    if (!refused) return undefined;
    const message = ((await refused.clone().json()) as { error?: { message?: string } }).error?.message ?? 'Rate limit exceeded';
    await audit({ ...call.tool, name: call.via!, toolset: need.toolset }, call.caller, 'rate_limited', { error: message, args: call.arguments, requestId: call.requestId });
    return message;
  }

  /** Around each tool call: its span and, for writes, its audit record. */
  async function toolCall<R extends ResultLike>(call: HookedCall, run: () => Promise<R>): Promise<R> {
    if (call.via) {
      const refused = await limitNested(call);
      if (refused) return { content: [{ type: 'text', text: refused }], isError: true } as unknown as R;
    }
    const span = tracing
      ? await startSpan(`tools/call ${call.tool.name}`, {
          'mcp.method.name': 'tools/call',
          'gen_ai.operation.name': 'execute_tool',
          'gen_ai.tool.name': call.tool.name,
          'mcpgen.toolset': call.tool.toolset,
          'mcpgen.tool.access': call.tool.access,
          'mcpgen.credential.kind': call.caller.credential.kind,
          'mcpgen.credential.id': call.caller.credential.id,
          ...(call.requestId !== undefined ? { 'jsonrpc.request.id': String(call.requestId) } : {}),
        })
      : undefined;
    let result: R | undefined;
    try {
      result = await (span ? span.run(run) : run());
      return result;
    } finally {
      // A run that threw (a bug below the tool path) counts as an error, never as no record.
      const outcome: AuditOutcome = !result?.isError
      ? (result ? 'ok' : 'error')
      : call.signal.aborted ? 'cancelled' : argumentsRefused(result) ? 'invalid_arguments' : 'error';
      if (span) {
        span.setAttribute('mcpgen.outcome', outcome);
        if (outcome !== 'ok') span.fail(outcome === 'error' ? 'tool_error' : outcome);
        span.end();
      }
      const extra = {
        error: outcome === 'ok' ? undefined : (result && firstText(result)) ?? 'internal error',
        args: call.arguments,
        value: outcome === 'ok' ? result?.structuredContent : undefined,
        requestId: call.requestId,
        traceId: span?.traceId,
      };
      const tool = call.via ? { ...call.tool, name: call.via } : call.tool;
      // A write inside a code-mode program is recorded once the program's transaction ends.
      if (call.committed && outcome === 'ok' && tool.access === 'write') {
        void call.committed.then((kept) => audit(tool, call.caller, kept ? 'ok' : 'rolled_back', kept ? extra : { ...extra, error: 'the program failed after this write: nothing was saved' }));
      } else await audit(tool, call.caller, outcome, extra);
    }
  }
}
