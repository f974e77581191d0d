// Issue 10 item 6: init's example tool names no toolset, so the config stays the user's to edit. Renaming
// the toolset keeps `generate` working; a second toolset asks, naming the file, where the tool belongs.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchProject, removeScratch } from '../helpers/scratch.js';
import { mcpGen, REPO } from '../e2e/cli.js';

describe('init, then the user edits the config', () => {
  let dir: string;
  let configFile: string;
  let original: string;
  let toolset: string;
  beforeAll(async () => {
    dir = await createScratchProject('init-example');
    await fs.cp(path.join(REPO, 'fixtures/blog/prisma'), path.join(dir, 'prisma'), { recursive: true });
    await fs.writeFile(path.join(dir, 'package.json'), JSON.stringify({ name: 'my-blog', private: true, type: 'module' }));
    const init = await mcpGen(['init', '--yes', '--no-install', '--auth', 'none'], dir);
    if (init.code !== 0) throw new Error(`mcp-gen init failed:\n${init.stdout}\n${init.stderr}`);
    configFile = path.join(dir, 'mcp-gen.config.ts');
    original = await fs.readFile(configFile, 'utf8');
    toolset = 'my_blog';
    if (!original.includes(`    ${toolset}: {`)) throw new Error(`init no longer names the toolset ${toolset}:\n${original}`);
  }, 60_000);
  afterAll(async () => {
    if (dir) await removeScratch(dir);
  });

  it('the config names the server after the app (issue 29), and the generated serverInfo follows it', async () => {
    expect(original).toContain("  server: { name: 'my-blog' },\n");
    expect(await fs.readFile(path.join(dir, 'src/mcp/generated/server-info.ts'), 'utf8')).toMatch(/^ {2}name: 'my-blog',\n {2}title: 'my-blog',\n {2}version: '0\.0\.0',$/m);
  });

  it('the example tool carries no @toolset tag', async () => {
    const example = await fs.readFile(path.join(dir, 'src/mcp/tools/greet.ts'), 'utf8');
    expect(example).toContain('export async function greet(');
    expect(example).not.toMatch(/^ \* @toolset/m);
  });

  it('renaming the toolset: generate succeeds and greet moves with it', async () => {
    await fs.writeFile(configFile, original.replace(`    ${toolset}: {`, '    reading: {'));
    const r = await mcpGen(['generate'], dir);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const custom = await fs.readFile(path.join(dir, 'src/mcp/generated/custom-tools.ts'), 'utf8');
    expect(custom).toMatch(/name: 'greet'[\s\S]*toolset: 'reading'/);
    expect(custom).not.toContain(toolset);
  }, 60_000);

  it('a second toolset: generate fails naming the file, the tool and the toolsets', async () => {
    await fs.writeFile(configFile, original.replace('  toolsets: {', '  toolsets: {\n    admin: { models: {} },'));
    const r = await mcpGen(['generate'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `src/mcp/tools/greet.ts:11: greet: which toolset does greet belong to? Add @toolset <name> or list it in toolsets.<name>.tools (toolsets: admin, ${toolset})`,
    );
  }, 60_000);
});
