/** The MCP server: call startServer({ prisma }) from your own entry file. */
import type { Db } from './context.js';
import { models } from './registry.js';
import { databaseReady } from './runtime/db.js';
import { RunningServer, startHttpServer } from './runtime/http.js';
import { createMcpServer, toolAccessMap } from './runtime/server.js';
import { tools } from './tools.js';

export { models } from './registry.js';
export { tools } from './tools.js';
export type { CurrentUser, Db, ToolContext } from './context.js';

export interface StartServerOptions {
  /** Your Prisma client (from src/mcp/db.ts). */
  prisma: Db;
  /** Default: env PORT, else 3000. */
  port?: number;
  /** Default: env HOST, else 127.0.0.1 (loopback only). */
  host?: string;
  /** Browser origins allowed to call the server (env MCP_ALLOWED_ORIGINS, comma-separated). */
  allowedOrigins?: string[];
  /** Host header values accepted (env MCP_ALLOWED_HOSTS); loopback names are always accepted. */
  allowedHosts?: string[];
}

export const serverInfo = { name: 'mcp-gen', version: '0.0.0-golden' };

/** Starts the Streamable HTTP server at /mcp (stateless; GET /healthz: alive, GET /readyz: the database answers). */
export function startServer(options: StartServerOptions): Promise<RunningServer> {
  const { prisma, ...http } = options;
  return startHttpServer({
    ...http,
    tools: toolAccessMap(tools),
    ready: () => databaseReady(prisma),
    createServer: ({ user, scopes }) =>
      createMcpServer({ ...serverInfo, tools, models, prisma, user, scopes }),
  });
}
