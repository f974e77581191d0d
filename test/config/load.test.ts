import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { ConfigError } from '../../src/config/errors.js';

const dirs: string[] = [];
function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'mcp-gen-config-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const TS_CONFIG = `import { defineConfig } from 'mcp-gen';
const take: number = 7;
export default defineConfig({
  auth: 'none',
  defaults: { defaultTake: take },
  toolsets: { blog: { models: { Post: { operations: ['list'] } } } },
});
`;

describe('loadConfig', () => {
  it("loads mcp-gen.config.ts written in TypeScript, importing defineConfig from 'mcp-gen'", async () => {
    const root = project({ 'mcp-gen.config.ts': TS_CONFIG });
    const { config, path } = await loadConfig(root);
    expect(path).toBe(join(root, 'mcp-gen.config.ts'));
    expect(config.defaults).toEqual({ defaultTake: 7, maxTake: 100, relationDepth: 2 });
    expect(config.toolsets['blog']!.models['Post']!.operations).toEqual(['list']);
  });

  it('finds .mjs, and takes an explicit file', async () => {
    const mjs = `export default { auth: 'none', toolsets: {} };\n`;
    expect((await loadConfig(project({ 'mcp-gen.config.mjs': mjs }))).config.toolsets).toEqual({});
    const root = project({ 'other.config.mjs': mjs });
    expect((await loadConfig(root, 'other.config.mjs')).path).toBe(join(root, 'other.config.mjs'));
  });

  // (.mjs goes through Node's own loader, whose cache jiti cannot bypass.)
  it('sees edits to a .ts config on a second load in the same process', async () => {
    const root = project({ 'mcp-gen.config.ts': `export default { auth: 'none', output: 'a', toolsets: {} };\n` });
    expect((await loadConfig(root)).config.output).toBe('a');
    writeFileSync(join(root, 'mcp-gen.config.ts'), `export default { auth: 'none', output: 'b', toolsets: {} };\n`);
    expect((await loadConfig(root)).config.output).toBe('b');
  });

  it('suggests init when there is no config', async () => {
    const root = project({});
    await expect(loadConfig(root)).rejects.toThrow(/no mcp-gen\.config\.ts in .*run `npx mcp-gen init` to create one/);
    await expect(loadConfig(root, 'nope.ts')).rejects.toThrow(/config file not found: .*nope\.ts/);
  });

  it('reports validation problems with the file name', async () => {
    const root = project({ 'mcp-gen.config.ts': `export default { auth: 'none', toolsets: { blog: { models: { Post: { maxTake: -1 } } } } };\n` });
    const error = await loadConfig(root).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual(['mcp-gen.config.ts: toolsets.blog.models.Post.maxTake: expected a positive integer, got -1']);
  });

  it('reports a config that does not compile or throws', async () => {
    const root = project({ 'mcp-gen.config.ts': `throw new Error('boom');\n` });
    await expect(loadConfig(root)).rejects.toThrow(/mcp-gen\.config\.ts: could not load the config: boom/);
  });
});
