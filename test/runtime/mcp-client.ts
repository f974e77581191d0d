// Starts the runtime's HTTP server over the golden blog modules and connects the official SDK client.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { createHandler } from '../../templates/runtime/http/handler.js';
import { listen, type RunningServer } from '../../templates/runtime/adapters/node.js';
import { createToolServer, toolAccessMap, type ToolServerOptions } from '../../templates/runtime/mcp/server.js';
import type { Registry } from '../../templates/runtime/core/spec.js';
import { models as blogModels } from './fixture/registry.js';
import { tools } from './fixture/tools.js';

export interface TestKey {
  readonly user: { id: number; email: string };
  readonly scopes: readonly string[];
}

/** Bearer tokens are test key names; unknown ones get a 401 like the real API-key check. */
export async function startBlogServer(
  prisma: unknown,
  keys: Record<string, TestKey>,
  models: Registry = blogModels,
  extra: Partial<ToolServerOptions> = {},
): Promise<RunningServer> {
  const served = extra.tools ?? tools;
  const handler = createHandler({
    log: () => {},
    tools: toolAccessMap(served),
    verifiers: [
      async (request) => {
        const token = /^Bearer (.+)$/.exec(request.headers.get('authorization') ?? '')?.[1] ?? '';
        const key = keys[token];
        if (!key) return new Response(JSON.stringify({ error: 'invalid_token' }), { status: 401, headers: { 'www-authenticate': 'Bearer realm="mcp"' } });
        return { user: key.user, scopes: key.scopes, credential: { kind: 'api-key', id: token } };
      },
    ],
    server: createToolServer({ name: 'blog-test', version: '0.0.0', tools: served, models, prisma, ...extra }),
  });
  return listen(handler, { port: 0, log: () => {} });
}

export async function connect(url: string, token: string): Promise<Client> {
  const client = new Client({ name: 'runtime-test', version: '0.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { authorization: `Bearer ${token}` } } }));
  return client;
}

export interface CallResult {
  readonly isError: boolean;
  readonly text: string;
  readonly data: any;
}

/** Any SDK client (v1 or v2): only callTool is used. */
interface ToolCaller {
  callTool(params: { name: string; arguments: Record<string, unknown> }): Promise<object>;
}

export async function call(client: ToolCaller, name: string, args: Record<string, unknown> = {}): Promise<CallResult> {
  const result = (await client.callTool({ name, arguments: args })) as { content?: unknown; isError?: unknown; structuredContent?: unknown };
  const text = (result.content as { type: string; text: string }[])[0]?.text ?? '';
  return { isError: result.isError === true, text, data: result.structuredContent };
}
