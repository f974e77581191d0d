import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

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
