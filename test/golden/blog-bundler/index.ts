/**
 * The MCP server: `startServer({ prisma })` runs it on its own; `createMcpHandler({ prisma })` gives a
 * fetch handler to mount in your app (Next.js, Express, Fastify, Hono).
 */
import type { Db } from './context';
import { models } from './registry';
import { boundHosts, listen, listenHost } from './runtime/adapters/node';
import type { NodeServerOptions, RunningServer } from './runtime/adapters/node';
import type { Verifier } from './runtime/core/caller';
import { databaseReady } from './runtime/data/db';
import { createHandler } from './runtime/http/handler';
import type { HandlerOptions, McpHandler } from './runtime/http/handler';
import { createToolServer, toolAccessMap } from './runtime/mcp/server';
import type { ToolCallHook } from './runtime/mcp/server';
import type { AuditSink } from './runtime/ops/audit';
import { createOps } from './runtime/ops/hooks';
import type { RateLimits } from './runtime/ops/rate-limit';
import { serverInfo } from './server-info';
import { tools } from './tools';

export { models } from './registry';
export { serverInfo } from './server-info';
export { tools } from './tools';
export type { CurrentUser, Db, ToolContext } from './context';
export type { Caller, Verifier } from './runtime/core/caller';
export type { McpHandler, RequestHooks, RequestInfo, Route } from './runtime/http/handler';
export type { RunningServer } from './runtime/adapters/node';
export type { ToolCall, ToolCallHook } from './runtime/mcp/server';

export interface McpHandlerOptions extends Omit<HandlerOptions, 'server' | 'tools' | 'verifiers'> {
  /** Your Prisma client (from src/mcp/db.ts). */
  prisma: Db;
  /**
   * Callers recognised before anyone else: your app's session, say. A verifier returns a Caller, a
   * Response (refusal), or null (not its kind of credential: the next one is asked).
   * With `auth: 'none'` and no verifier, every request is the anonymous caller (loopback only).
   * @default []
   */
  authenticate?: Verifier | readonly Verifier[];
  /** Run around every tool call, outermost first, inside the built-in audit and tracing. @default [] */
  toolCallHooks?: readonly ToolCallHook[];
  /** Rate limits (429 with Retry-After). @default `limits` from mcp-gen.config.ts; `false`: none */
  limits?: RateLimits | false;
  /** Where write audit records go. @default `audit` from mcp-gen.config.ts (JSON lines on stdout); `false`: none */
  audit?: AuditSink | false;
  /** OpenTelemetry spans per tool call and query (recorded once your app registers an SDK). @default true */
  tracing?: boolean;
}

/** `limits` and `audit` from mcp-gen.config.ts (absent: no limits; audit records as JSON lines on stdout). */
function configuredOps(_prisma: Db): { limits?: RateLimits; audit?: AuditSink | false } {
  return {};
}

const toolAccess = toolAccessMap(tools, models);

/**
 * The web-standard handler: `fetch(request)` serves /mcp, /mcp/<toolset>, /healthz (alive) and /readyz
 * (the database answers) with every
 * check (Host, Origin, authentication, body limit, scopes), protocol 2025-11-25 and 2026-07-28.
 * `routePaths` are its extra routes at the site root (OAuth endpoints and metadata, with auth.oauth).
 */
export function createMcpHandler(options: McpHandlerOptions): McpHandler {
  const { prisma, authenticate = [], toolCallHooks = [], hooks = [], limits, audit, tracing, ...http } = options;
  const own: readonly Verifier[] = typeof authenticate === 'function' ? [authenticate] : authenticate;
  const configured = configuredOps(prisma);
  const chosenLimits = limits === undefined ? configured.limits : limits || undefined;
  const chosenAudit = audit === undefined ? configured.audit : audit;
  const ops = createOps(tools, {
    ...(chosenLimits ? { limits: chosenLimits } : {}),
    ...(chosenAudit !== undefined ? { audit: chosenAudit } : {}),
    ...(tracing !== undefined ? { tracing } : {}),
    userIdField: 'id',
  });
  const handler = createHandler({
    ready: () => databaseReady(prisma),
    ...http,
    hooks: [ops, ...hooks],
    tools: toolAccess,
    icons: serverInfo.icons ?? [],
    verifiers: [...own,
    ],
    // Handlers get the client whose queries become spans of their tool call (a no-op without tracing).
    server: createToolServer({ ...serverInfo, tools, models, prisma: ops.traceDb(prisma), toolCallHooks: [ops.toolCall, ...toolCallHooks] }),
  });
  return {
    routePaths: handler.routePaths,
    fetch: (request, info) => handler.fetch(request, info),
    close: async () => {
      await handler.close();
      await ops.close();
    },
  };
}

export interface StartServerOptions extends McpHandlerOptions, Omit<NodeServerOptions, 'requireLoopback' | 'path' | 'bodyLimit' | 'log'> {}

/** Starts the Streamable HTTP server at /mcp on node:http (stateless; GET /healthz: alive, GET /readyz: the database answers). */
export function startServer(options: StartServerOptions): Promise<RunningServer> {
  const host = listenHost(options.host);
  const handler = createMcpHandler({ ...options, allowedHosts: [...(options.allowedHosts ?? []), ...boundHosts(host)] });
  return listen(handler, { ...options, host, requireLoopback: [options.authenticate ?? []].flat().length === 0 });
}
