// The MCP side of a request: which tools a caller sees, argument validation with our own
// messages, handlers run with a ToolContext, every failure turned into a tool error the client
// can read. Everything that does not depend on the request (tool maps per scope set, JSON Schema
// listings) is built once. A 2025-era tools/list or tools/call is answered without any
// per-request server object (http/exchange.ts); other requests get the SDK's small McpServer.
import { McpServer, ProtocolError, ProtocolErrorCode, type CallToolResult, type Tool } from '@modelcontextprotocol/server';
import { VIEW_META_KEY } from '../apps/meta.js';
import type { Caller } from '../core/caller.js';
import { callTimeoutFromEnv, withDeadline } from '../data/deadline.js';
import { ArgumentError, formatZodError, logInternalError, toolErrorMessage } from '../core/errors.js';
import { implementation, instructionsFor, type ServerIdentity } from './identity.js';
import { listing } from '../tools/listing/listing.js';
import type { Access, InvokeTool, LogLevel, Registry, ToolContext, ToolDef } from '../core/spec.js';
import { toJsonValue } from '../data/values.js';

/** One tool call as hooks see it: never the raw credential, and arguments only after validation. */
export interface ToolCall {
  readonly tool: Pick<ToolDef, 'name' | 'toolset' | 'access'>;
  readonly caller: Caller;
  /** The validated arguments (hooks that log must not copy them by default: they can hold personal data). */
  readonly arguments: unknown;
  readonly signal: AbortSignal;
  /** The JSON-RPC request id (audit records carry it so a client's report can be matched). */
  readonly requestId: string | number;
  /** A call made from inside another tool (code mode's `execute`): that tool's name. */
  readonly via?: string;
  /** With `via`: resolves once the outer tool knows whether its writes were kept. */
  readonly committed?: Promise<boolean>;
}

/** A call refused before the hooks ran: its arguments failed validation (nothing ran). */
export interface RefusedToolCall {
  readonly tool: Pick<ToolDef, 'name' | 'toolset' | 'access' | 'audit'>;
  readonly caller: Caller;
  readonly requestId: string | number;
  /** The error result the client gets. */
  readonly result: CallToolResult;
}

/**
 * Runs around every tool call, after scope checks and argument validation: rate limits refuse by
 * returning an error result without calling `run`; audit and tracing call `run` and record the outcome.
 * `refused`, when present, hears of calls whose arguments failed validation (the audit hook records
 * write attempts refused that way too).
 */
export type ToolCallHook = ((call: ToolCall, run: () => Promise<CallToolResult>) => Promise<CallToolResult>) & {
  readonly refused?: (call: RefusedToolCall) => Promise<void>;
};

/** `name`, `version`, title, icons and instructions (identity.ts): the generated `serverInfo`. */
export interface ToolServerOptions extends ServerIdentity {
  readonly tools: readonly ToolDef[];
  readonly models: Registry;
  readonly prisma: unknown;
  /** Outermost first. @default [] */
  readonly toolCallHooks?: readonly ToolCallHook[];
  /** Per-call time limit in ms (0: none). @default env MCP_CALL_TIMEOUT_MS, else 30000 */
  readonly callTimeoutMs?: number;
}

/** What one request's server needs to know about it. */
export interface RequestScope {
  readonly caller: Caller;
  /** `/mcp/<toolset>`: only that toolset's tools; undefined on `/mcp`. */
  readonly toolset?: string;
  /**
   * The call's signal when the HTTP layer routes client cancellations: it aborts when the client
   * cancels the call or when `request` (the exchange's own signal) aborts; `done()` unlinks both.
   */
  readonly cancelSignal?: (requestId: string | number, request: AbortSignal) => { signal: AbortSignal; done(): void };
  /** Absolute URL under which the handler serves icon files (`https://app.example.com/mcp/_icons`). */
  readonly iconBase?: string;
}

/** Whether `scopes` grant `access` to tools of `toolset` (`read`, or `<toolset>:read`). Write does not imply read. */
export function allows(scopes: readonly string[], access: Access, toolset: string): boolean {
  return scopes.includes(access) || scopes.includes(`${toolset}:${access}`);
}

/**
 * What the HTTP layer needs per tool: access, toolset(s), the optional per-call gate, and the
 * user fields it reads (absent: the whole user row).
 */
export type ToolAccess = Pick<ToolDef, 'access' | 'toolset' | 'toolsets' | 'gate'> & { readonly userFields?: readonly string[] };

/**
 * Tool name → what the HTTP layer checks before MCP. `models` resolves `userFields: 'scopes'` to
 * the user fields any model's scope reads (a tool's relations carry other models' scopes); without
 * it, or when a scoped model does not say, such tools get the whole user.
 */
export function toolAccessMap(tools: readonly ToolDef[], models?: Registry): ReadonlyMap<string, ToolAccess> {
  const scopeFields = models ? scopeUserFields(models) : undefined;
  return new Map(
    tools.map((t) => {
      const userFields = t.userFields === 'scopes' ? scopeFields : t.userFields;
      return [t.name, {
        access: t.access, toolset: t.toolset,
        ...(t.toolsets ? { toolsets: t.toolsets } : {}),
        ...(t.gate ? { gate: t.gate.bind(t) } : {}),
        ...(userFields ? { userFields } : {}),
      }];
    }),
  );
}

/** Every user field the registry's scopes read; undefined when a scoped model does not say which. */
function scopeUserFields(models: Registry): readonly string[] | undefined {
  const fields = new Set<string>();
  for (const spec of Object.values(models)) {
    if (!spec.scope && !spec.fixed) continue;
    if (!spec.userFields) return undefined;
    for (const field of spec.userFields) fields.add(field);
  }
  return [...fields];
}

/** The toolsets a tool serves: several for compact query/mutate, else its own. */
export function toolsetsOf(tool: Pick<ToolDef, 'toolset' | 'toolsets'>): readonly string[] {
  return tool.toolsets ?? [tool.toolset];
}

/** Listed when the caller may use the tool's toolset, or any of them for tools serving several. */
function offered(scopes: readonly string[], tool: ToolDef): boolean {
  return toolsetsOf(tool).some((toolset) => allows(scopes, tool.access, toolset));
}

function errorResult(text: string): CallToolResult {
  return { content: [{ type: 'text', text }], isError: true };
}

// Error results of calls whose arguments a handler refused before doing anything (compact `args`).
const refusedArguments = new WeakSet<object>();

/** Whether a tool's error result says its arguments were refused before anything ran (audit: `invalid_arguments`). */
export function argumentsRefused(result: object | undefined): boolean {
  return result !== undefined && refusedArguments.has(result);
}

interface Visible {
  readonly byName: ReadonlyMap<string, ToolDef>;
  readonly list: readonly Tool[];
}

/** One tools/call as the code that answers it sees the request: its id, abort signal and back channel. */
export interface CallExchange {
  readonly id: string | number;
  /** Aborts when the client goes away (or the SDK cancels the request). */
  readonly signal: AbortSignal;
  /** Sends a notification about this request (progress, a log message) ahead of its answer. */
  notify(notification: { method: 'notifications/progress' | 'notifications/message'; params: Record<string, unknown> }): Promise<void>;
  /**
   * Sends a log message when the request's log level lets it through (2026-07-28: only when its
   * `_meta` names a level, at or above it). Absent: every message is sent (a 2025-era stateless
   * request has no level; logging/setLevel does not outlive its own request).
   */
  log?(level: LogLevel, message: string, logger: string): Promise<void>;
}

/** `params` of a tools/call request, as the 2025-11-25 schema accepts them. */
export interface CallToolParams {
  readonly name: string;
  readonly arguments?: Record<string, unknown> | undefined;
  readonly _meta?: { readonly progressToken?: string | number | undefined } | undefined;
}

/**
 * The tools of one server, per request. Called, it builds the request's McpServer (initialize,
 * batches, 2026-07-28 traffic); `listTools` and `callTool` answer the two requests that make up
 * nearly all traffic without one (http/exchange.ts), with the very handlers that server uses.
 */
export interface ToolServer {
  (scope: RequestScope): McpServer;
  listTools(scope: RequestScope): { tools: Tool[] };
  /**
   * Whether every tool `scope` lists is advertised the same way in both protocol revisions (an
   * output schema whose root is not an object is wrapped for 2025-era clients by the SDK).
   */
  listsPlainly(scope: RequestScope): boolean;
  callTool(scope: RequestScope, params: CallToolParams, exchange: CallExchange): Promise<CallToolResult>;
}

/** Builds per-request MCP servers for one set of tools; see the file comment for what is shared. */
export function createToolServer(opts: ToolServerOptions): ToolServer {
  // Keyed by scope set and toolset: a handful of distinct values in practice, bounded anyway.
  const visible = new Map<string, Visible & { readonly plain: boolean }>();
  const visibleFor = (scope: RequestScope) => {
    const { scopes } = scope.caller;
    const { toolset } = scope;
    const key = `${toolset ?? ''}\u0000${scopes.join(',')}`;
    let entry = visible.get(key);
    if (!entry) {
      const tools = opts.tools.filter((t) => (toolset === undefined || toolsetsOf(t).includes(toolset)) && offered(scopes, t));
      const list = tools.map(listing);
      entry = { byName: new Map(tools.map((t) => [t.name, t])), list, plain: list.every((t) => !t.outputSchema || t.outputSchema.type === 'object') };
      if (visible.size >= 256) visible.clear();
      visible.set(key, entry);
    }
    return entry;
  };
  const hooks = opts.toolCallHooks ?? [];
  const limit = opts.callTimeoutMs ?? callTimeoutFromEnv();
  // listChanged: false — the tool list never changes while a server runs.
  const capabilities = { tools: { listChanged: false }, logging: {} };

  const listTools = (scope: RequestScope) => ({ tools: [...visibleFor(scope).list] });

  const callTool = async (scope: RequestScope, params: CallToolParams, exchange: CallExchange): Promise<CallToolResult> => {
    const { caller } = scope;
    const tool = visibleFor(scope).byName.get(params.name);
    // The spec lists an unknown tool among protocol errors: -32602, not a tool result. A tool of
    // another toolset, on /mcp/<toolset>, is unknown there too.
    if (!tool) throw new ProtocolError(ProtocolErrorCode.InvalidParams, `Unknown tool: ${params.name}`);
    const parsed = await tool.input.safeParseAsync(params.arguments ?? {});
    if (!parsed.success) {
      const result = errorResult(`Invalid arguments for ${tool.name}:\n${formatZodError(parsed.error)}`);
      for (const hook of hooks) await hook.refused?.({ tool, caller, requestId: exchange.id, result });
      return result;
    }
    const cancellable = scope.cancelSignal?.(exchange.id, exchange.signal);
    const signal = cancellable?.signal ?? exchange.signal;
    const progressToken = params._meta?.progressToken;
    const toolCtx: ToolContext & { readonly models: Registry } = {
      user: caller.user,
      scopes: caller.scopes,
      prisma: opts.prisma,
      models: opts.models,
      signal,
      async progress(done, total, message) {
        if (progressToken === undefined) return;
        await exchange.notify({
          method: 'notifications/progress',
          params: { progressToken, progress: done, ...(total !== undefined ? { total } : {}), ...(message !== undefined ? { message } : {}) },
        });
      },
      async log(level: LogLevel, message: string) {
        if (exchange.log) return exchange.log(level, message, tool.name);
        await exchange.notify({ method: 'notifications/message', params: { level, logger: tool.name, data: message } });
      },
    };
    // Tools run from inside this one (code mode) go through the same hooks, with no time limit of
    // their own: the outer call's signal carries it.
    const invokeFor = (outer: AbortSignal): InvokeTool => async (inner, args, options = {}) => {
      const checked = await inner.input.safeParseAsync(args);
      if (!checked.success) return { ok: false, message: `Invalid arguments for ${inner.name}:\n${formatZodError(checked.error)}` };
      const innerCtx = { ...toolCtx, signal: outer, ...(options.prisma !== undefined ? { prisma: options.prisma } : {}) };
      const innerCall: ToolCall = { tool: inner, caller, arguments: checked.data, signal: outer, requestId: exchange.id, via: tool.name, ...(options.committed ? { committed: options.committed } : {}) };
      const result = await hooks.reduceRight<() => Promise<CallToolResult>>((next, hook) => () => hook(innerCall, next), () => runTool(inner, checked.data, innerCtx, 0))();
      if (!result.isError) return { ok: true, value: (result.structuredContent ?? {}) as Record<string, unknown> };
      const first = result.content?.[0];
      return { ok: false, message: first?.type === 'text' ? first.text : `${inner.name} failed` };
    };
    const run = () => runTool(tool, parsed.data, toolCtx, limit, invokeFor);
    const call: ToolCall = { tool, caller, arguments: parsed.data, signal, requestId: exchange.id };
    try {
      return await hooks.reduceRight<() => Promise<CallToolResult>>((next, hook) => () => hook(call, next), run)();
    } finally {
      cancellable?.done();
    }
  };

  const perRequest = (scope: RequestScope): McpServer => {
    const instructions = instructionsFor(opts, scope.toolset);
    const mcp = new McpServer(implementation(opts, scope.iconBase), { capabilities, ...(instructions ? { instructions } : {}) });
    // Tools are served by our own handlers (not McpServer.registerTool): cached JSON Schemas, and
    // argument errors phrased as `path: reason` instead of the SDK's generic validation text.
    mcp.server.setRequestHandler('tools/list', () => listTools(scope));
    mcp.server.setRequestHandler('tools/call', (request, ctx) =>
      callTool(scope, request.params, {
        id: ctx.mcpReq.id, signal: ctx.mcpReq.signal, notify: (n) => ctx.mcpReq.notify(n), log: (level, message, logger) => ctx.mcpReq.log(level, message, logger),
      }));
    return mcp;
  };
  return Object.assign(perRequest, { listTools, callTool, listsPlainly: (scope: RequestScope) => visibleFor(scope).plain });
}

async function runTool(
  tool: ToolDef,
  args: unknown,
  ctx: ToolContext & { readonly models: Registry },
  limit: number,
  invokeFor?: (signal: AbortSignal) => InvokeTool,
): Promise<CallToolResult> {
  try {
    const value = await withDeadline(limit, ctx.signal, (signal) => tool.handler(args as never, { ...ctx, signal, ...(invokeFor ? { invoke: invokeFor(signal) } : {}) }));
    const result = toJsonValue(value) as Record<string, unknown>;
    // structuredContent is an object (the result schema says so); anything else is our bug.
    if (typeof result !== 'object' || result === null || Array.isArray(result)) {
      return errorResult(`${tool.name} failed: internal error (reference ${logInternalError(new TypeError('the tool returned a value that is not an object'), tool.name)})`);
    }
    let structured = result;
    if (tool.output) {
      const checked = tool.output.safeParse(result);
      // A handler returning something its schema does not allow is our bug, not the caller's.
      if (!checked.success) return errorResult(`${tool.name} failed: internal error (reference ${logInternalError(checked.error, tool.name)})`);
      structured = checked.data as Record<string, unknown>;
    }
    const view = tool.viewMeta?.(args, structured);
    const content = tool.content ? tool.content(structured) : [{ type: 'text' as const, text: tool.text ? tool.text(structured) : JSON.stringify(structured) }];
    return {
      content,
      structuredContent: structured,
      // For the view only (MCP Apps): hosts hand `_meta` to the view, not to the model.
      ...(view ? { _meta: { [VIEW_META_KEY]: view } } : {}),
    };
  } catch (error) {
    if (ctx.signal.aborted) return errorResult('cancelled');
    const result = errorResult(toolErrorMessage(error, tool.name));
    if (error instanceof ArgumentError) refusedArguments.add(result);
    return result;
  }
}
