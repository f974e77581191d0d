// One MCP server per request (stateless HTTP): registers the tools the caller's scopes allow,
// validates arguments with our own messages, runs handlers with a ToolContext, and turns every
// failure into a tool error the client can read.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { CallToolRequestSchema, ListToolsRequestSchema, type CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { callTimeoutFromEnv, withDeadline } from './deadline.js';
import { formatZodError, logInternalError, toolErrorMessage } from './errors.js';
import { listing } from './listing.js';
import type { Access, LogLevel, Registry, ToolContext, ToolDef } from './spec.js';
import { toJsonValue } from './values.js';

export interface McpServerOptions {
  readonly name: string;
  readonly version: string;
  readonly tools: readonly ToolDef[];
  readonly models: Registry;
  readonly prisma: unknown;
  readonly user: unknown | null;
  readonly scopes: readonly string[];
  readonly instructions?: string;
  /** Per-call time limit in ms (0: none). Default: env MCP_CALL_TIMEOUT_MS, else 30 000. */
  readonly callTimeoutMs?: number;
}

/** Whether `scopes` grant `access` to tools of `toolset` (`read`, or `<toolset>:read`). Write does not imply read. */
export function allows(scopes: readonly string[], access: Access, toolset: string): boolean {
  return scopes.includes(access) || scopes.includes(`${toolset}:${access}`);
}

/** What the HTTP layer's scope check needs per tool: access, toolset and the optional per-call gate. */
export type ToolAccess = Pick<ToolDef, 'access' | 'toolset' | 'gate'>;

/** Tool name → access and toolset, for the HTTP layer's scope check. */
export function toolAccessMap(tools: readonly ToolDef[]): ReadonlyMap<string, ToolAccess> {
  return new Map(tools.map((t) => [t.name, { access: t.access, toolset: t.toolset, ...(t.gate ? { gate: t.gate.bind(t) } : {}) }]));
}

/** Listed when the caller may use the tool's toolset, or any of them for tools serving several. */
function offered(scopes: readonly string[], tool: ToolDef): boolean {
  return (tool.toolsets ?? [tool.toolset]).some((toolset) => allows(scopes, tool.access, toolset));
}

function errorResult(text: string): CallToolResult {
  return { content: [{ type: 'text', text }], isError: true };
}

export function createMcpServer(opts: McpServerOptions): McpServer {
  const mcp = new McpServer(
    { name: opts.name, version: opts.version },
    { capabilities: { logging: {} }, ...(opts.instructions ? { instructions: opts.instructions } : {}) },
  );
  const limit = opts.callTimeoutMs ?? callTimeoutFromEnv();
  const tools = new Map(opts.tools.filter((t) => offered(opts.scopes, t)).map((t) => [t.name, t]));
  // Tools are served by our own handlers (not McpServer.registerTool): cached JSON Schemas, and
  // argument errors phrased as `path: reason` instead of the SDK's generic validation text.
  mcp.server.registerCapabilities({ tools: {} });
  mcp.server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: [...tools.values()].map(listing) }));
  mcp.server.setRequestHandler(CallToolRequestSchema, async (request, extra): Promise<CallToolResult> => {
    const tool = tools.get(request.params.name);
    if (!tool) return errorResult(`unknown tool ${request.params.name}`);
    const parsed = await tool.input.safeParseAsync(request.params.arguments ?? {});
    if (!parsed.success) return errorResult(`Invalid arguments for ${tool.name}:\n${formatZodError(parsed.error)}`);
    const progressToken = request.params._meta?.progressToken;
    const ctx: ToolContext & { readonly models: Registry } = {
      user: opts.user,
      scopes: opts.scopes,
      prisma: opts.prisma,
      models: opts.models,
      signal: extra.signal,
      async progress(done, total, message) {
        if (progressToken === undefined) return;
        await extra.sendNotification({
          method: 'notifications/progress',
          params: { progressToken, progress: done, ...(total !== undefined ? { total } : {}), ...(message !== undefined ? { message } : {}) },
        });
      },
      async log(level: LogLevel, message: string) {
        await extra.sendNotification({ method: 'notifications/message', params: { level, logger: tool.name, data: message } });
      },
    };
    try {
      const value = await withDeadline(limit, extra.signal, (signal) => tool.handler(parsed.data, { ...ctx, signal }));
      const result = toJsonValue(value) as Record<string, unknown>;
      let structured = result;
      if (tool.output) {
        const checked = tool.output.safeParse(result);
        // A handler returning something its schema does not allow is our bug, not the caller's.
        if (!checked.success) return errorResult(`${tool.name} failed: internal error (reference ${logInternalError(checked.error, tool.name)})`);
        structured = checked.data as Record<string, unknown>;
      }
      return { content: [{ type: 'text', text: tool.text ? tool.text(structured) : JSON.stringify(structured) }], structuredContent: structured };
    } catch (error) {
      if (extra.signal.aborted) return errorResult('cancelled');
      return errorResult(toolErrorMessage(error, tool.name));
    }
  });
  return mcp;
}
