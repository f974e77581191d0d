import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { Client as ClientV2, StreamableHTTPClientTransport as StreamableHTTPClientTransportV2 } from '@modelcontextprotocol/client';

/** Connects the official MCP SDK client over Streamable HTTP. Close it with `client.close()`. */
export async function connectClient(url: string, opts: { headers?: Record<string, string> } = {}): Promise<Client> {
  const client = new Client({ name: 'mcp-gen-tests', version: '0.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: opts.headers ?? {} } });
  await client.connect(transport);
  return client;
}

export interface ToolCallResult {
  isError: boolean;
  /** `structuredContent` of the result, if any. */
  structured: unknown;
  /** All text content blocks, joined with newlines. */
  text: string;
}

/** Calls a tool. JSON-RPC errors reject; tool failures (including argument validation, with SDK 1.x) come back as isError. */
export async function callTool(client: Client, name: string, args: Record<string, unknown> = {}): Promise<ToolCallResult> {
  const result = await client.callTool({ name, arguments: args });
  const content = Array.isArray(result.content) ? (result.content as { type: string; text?: string }[]) : [];
  return {
    isError: result.isError === true,
    structured: result.structuredContent,
    text: content
      .filter((block) => block.type === 'text')
      .map((block) => block.text ?? '')
      .join('\n'),
  };
}

/**
 * Connects the SDK v2 client (`@modelcontextprotocol/client`): `2026-07-28` pins the stateless
 * revision (server/discover, per-request `_meta` envelope, Mcp-Method/Mcp-Name headers);
 * `2025-11-25` runs the initialize handshake as every 2025 client does.
 */
export async function connectClientV2(
  url: string,
  opts: { protocol: '2026-07-28' | '2025-11-25'; headers?: Record<string, string> },
): Promise<ClientV2> {
  const client = new ClientV2(
    { name: 'mcp-gen-tests', version: '0.0.0' },
    { versionNegotiation: { mode: opts.protocol === '2026-07-28' ? { pin: '2026-07-28' } : 'legacy' } },
  );
  await client.connect(new StreamableHTTPClientTransportV2(new URL(url), { requestInit: { headers: opts.headers ?? {} } }));
  return client;
}
