/**
 * Issue 9: the blog fixture's tools/list, in full and in compact mode, passes the MCP Inspector
 * CLI's portability check (`--method tools/list --strict`: exit 6 on an error, findings printed
 * on stderr) with 0 errors and 0 warnings. The Inspector needs Node 22 (test/helpers/node22.ts).
 * tools/list needs no database, so the golden server runs with a client that is never called.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { models, serverInfo, startServer } from '../golden/blog/index.js';
import { compactTools } from '../golden/blog/runtime/tools/compact/tools.js';
import { createHandler } from '../golden/blog/runtime/http/handler.js';
import { boundHosts, listen, type RunningServer } from '../golden/blog/runtime/adapters/node.js';
import { createToolServer, toolAccessMap } from '../golden/blog/runtime/mcp/server.js';
import { node22With } from '../helpers/node22.js';
import { run } from '../helpers/run.js';

const INSPECTOR = '@modelcontextprotocol/inspector@2.12.0';
const ICONS = [
  { name: 'icon.png', mimeType: 'image/png', sizes: ['1x1'], base64: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=' },
  { src: 'https://blog.example.com/icon.svg', mimeType: 'image/svg+xml', theme: 'dark' as const },
];

let inspector: { node: string; dir: string };
let full: RunningServer;
let compact: RunningServer;

beforeAll(async () => {
  inspector = await node22With('inspector', [INSPECTOR]);
  full = await startServer({ prisma: {} as never, port: 0, host: '127.0.0.1' });
  // Compact mode over the same models: what tools.ts lists when every toolset is compact; with
  // icons (a served file and a URL) and a title, so initialize carries every serverInfo field.
  const tools = compactTools(models, Object.keys(models));
  const identity = { ...serverInfo, title: 'Blog', websiteUrl: 'https://blog.example.com', icons: ICONS };
  const handler = createHandler({
    tools: toolAccessMap(tools),
    verifiers: [],
    allowedHosts: boundHosts('127.0.0.1'),
    icons: identity.icons,
    server: createToolServer({ ...identity, tools, models, prisma: {} }),
  });
  compact = await listen(handler, { port: 0, host: '127.0.0.1', requireLoopback: true });
}, 300_000);

afterAll(async () => {
  await full?.close();
  await compact?.close();
});

function inspect(url: string) {
  const cli = path.join(inspector.dir, 'node_modules/@modelcontextprotocol/inspector/clients/launcher/build/index.js');
  return run(inspector.node, [cli, '--cli', url, '--transport', 'http', '--method', 'tools/list', '--strict'], { cwd: inspector.dir });
}

describe('MCP Inspector --strict', () => {
  it('full mode: 0 errors, 0 warnings', async () => {
    const r = await inspect(full.url);
    expect(r.output).not.toMatch(/Warning:|Error:|portability/);
    expect(r.code, r.output).toBe(0);
    const listed = JSON.parse(r.output.slice(r.output.indexOf('{'))) as { tools: { name: string; _meta?: { ui?: { visibility?: string[] } } }[] };
    expect(listed.tools.map((t) => t.name)).toContain('list_blog_posts');
    // 22 tools the model sees, and the MCP Apps views' app-only view_rows (hosts hide it from the model).
    expect(listed.tools).toHaveLength(23);
    expect(listed.tools.filter((t) => t._meta?.ui?.visibility?.includes('model') !== true && t._meta?.ui?.visibility !== undefined).map((t) => t.name)).toEqual(['view_rows']);
  }, 120_000);

  it('compact mode: 0 errors, 0 warnings', async () => {
    const r = await inspect(compact.url);
    expect(r.output).not.toMatch(/Warning:|Error:|portability/);
    expect(r.code, r.output).toBe(0);
    const listed = JSON.parse(r.output.slice(r.output.indexOf('{'))) as { tools: { name: string }[] };
    expect(listed.tools.map((t) => t.name)).toEqual(['describe_models', 'query', 'mutate']);
  }, 120_000);
});
