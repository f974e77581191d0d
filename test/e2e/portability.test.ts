/**
 * Issue 9: the blog fixture's tools/list passes the MCP Inspector CLI's portability check
 * (`--method tools/list --strict`: exit 6 on an error, findings printed on stderr) with 0 errors
 * and 0 warnings. The Inspector needs Node 22: test/helpers/node22.ts installs it once per machine.
 * tools/list needs no database, so the golden server runs with a client that is never called.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { models, serverInfo, startServer } from '../golden/blog/index.js';
import { compactTools } from '../golden/blog/runtime/compact/tools.js';
import { startHttpServer } from '../golden/blog/runtime/http.js';
import { createMcpServer, toolAccessMap } from '../golden/blog/runtime/server.js';
import { node22, type Node22 } from '../helpers/node22.js';

const INSPECTOR = '@modelcontextprotocol/inspector@2.12.0';

let tool: Node22;
let server: Awaited<ReturnType<typeof startServer>>;
let compact: Awaited<ReturnType<typeof startServer>>;

beforeAll(async () => {
  tool = await node22([INSPECTOR]);
  server = await startServer({ prisma: {} as never, port: 0, host: '127.0.0.1' });
  // Compact mode over the same models: what tools.ts lists when every toolset is compact.
  const tools = compactTools(models, Object.keys(models));
  compact = await startHttpServer({
    port: 0,
    host: '127.0.0.1',
    tools: toolAccessMap(tools),
    createServer: ({ user, scopes }) => createMcpServer({ ...serverInfo, tools, models, prisma: {}, user, scopes }),
  });
}, 300_000);

afterAll(async () => {
  await server?.close();
  await compact?.close();
});

async function inspect(url: string) {
  return tool.run('node_modules/@modelcontextprotocol/inspector/clients/launcher/build/index.js', [
    '--cli', url, '--transport', 'http', '--method', 'tools/list', '--strict',
  ]);
}

describe('MCP Inspector --strict', () => {
  it('full mode: 0 errors, 0 warnings', async () => {
    const r = await inspect(server.url);
    expect(r.output).not.toMatch(/Warning:|Error:|portability/);
    expect(r.code, r.output).toBe(0);
    const listed = JSON.parse(r.output.slice(r.output.indexOf('{'))) as { tools: { name: string }[] };
    expect(listed.tools.map((t) => t.name)).toContain('list_blog_posts');
    expect(listed.tools).toHaveLength(22);
  }, 120_000);

  it('compact mode: 0 errors, 0 warnings', async () => {
    const r = await inspect(compact.url);
    expect(r.output).not.toMatch(/Warning:|Error:|portability/);
    expect(r.code, r.output).toBe(0);
    const listed = JSON.parse(r.output.slice(r.output.indexOf('{'))) as { tools: { name: string }[] };
    expect(listed.tools.map((t) => t.name)).toEqual(['describe_models', 'query', 'mutate']);
  }, 120_000);
});
