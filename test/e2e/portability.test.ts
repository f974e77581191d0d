/**
 * Issue 9: the blog fixture's tools/list passes the MCP Inspector CLI's portability check
 * (`--method tools/list --strict`: exit 6 on an error, findings printed on stderr) with 0 errors
 * and 0 warnings. The Inspector needs Node 22: test/helpers/node22.ts installs it once per machine.
 * tools/list needs no database, so the golden server runs with a client that is never called.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../golden/blog/index.js';
import { node22, type Node22 } from '../helpers/node22.js';

const INSPECTOR = '@modelcontextprotocol/inspector@2.12.0';

let tool: Node22;
let server: Awaited<ReturnType<typeof startServer>>;

beforeAll(async () => {
  tool = await node22([INSPECTOR]);
  server = await startServer({ prisma: {} as never, port: 0, host: '127.0.0.1' });
}, 300_000);

afterAll(async () => {
  await server?.close();
});

describe('MCP Inspector --strict', () => {
  it('full mode: 0 errors, 0 warnings', async () => {
    const r = await tool.run('node_modules/@modelcontextprotocol/inspector/clients/launcher/build/index.js', [
      '--cli', server.url, '--transport', 'http', '--method', 'tools/list', '--strict',
    ]);
    expect(r.output).not.toMatch(/Warning:|Error:|portability/);
    expect(r.code, r.output).toBe(0);
    const listed = JSON.parse(r.output.slice(r.output.indexOf('{'))) as { tools: { name: string }[] };
    expect(listed.tools.map((t) => t.name)).toContain('list_blog_posts');
    expect(listed.tools).toHaveLength(22);
  }, 120_000);
});
