// `generator mcp { provider = "mcp-gen" }`: a real `prisma generate` (the CLI from npm, running our bin
// as its generator over JSON-RPC) writes byte-for-byte what `mcp-gen generate` writes, fails on a
// broken config with mcp-gen's own message, and checks instead of writing under MCP_GEN_CHECK=1.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchProject, removeScratch } from '../helpers/scratch.js';
import { prismaGenerate } from '../helpers/prisma-generate.js';
import { mcpGen, REPO } from '../e2e/cli.js';

const SCHEMA = 'prisma/schema.prisma';
const OUT = 'src/mcp/generated';

/** Every file under dir, by relative path. */
async function readTree(dir: string): Promise<Map<string, string>> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name))).sort();
  return new Map(await Promise.all(files.map(async (f) => [f, await fs.readFile(path.join(dir, f), 'utf8')] as const)));
}

describe('prisma generate runs mcp-gen', () => {
  let dir: string;
  let initOutput: string;
  beforeAll(async () => {
    dir = await createScratchProject('prisma-generator', { fixtureDir: path.join(REPO, 'fixtures/blog') });
    const init = await mcpGen(['init', '--yes', '--no-install', '--auth', 'none'], dir);
    if (init.code !== 0) throw new Error(`mcp-gen init failed:\n${init.stdout}\n${init.stderr}`);
    initOutput = init.stdout;
  }, 60_000);
  afterAll(async () => {
    if (dir) await removeScratch(dir);
  });

  it('init adds the generator block to the schema', async () => {
    expect(initOutput).toContain(`Added \`generator mcp\` to ${SCHEMA}`);
    expect(await fs.readFile(path.join(dir, SCHEMA), 'utf8')).toContain('generator mcp {\n  provider = "mcp-gen"\n}\n');
  });

  it('writes the same tree as mcp-gen generate', async () => {
    const out = path.join(dir, OUT);
    await fs.rm(out, { recursive: true, force: true });
    const prisma = await prismaGenerate(dir, SCHEMA);
    expect(prisma.code, prisma.output).toBe(0);
    expect(prisma.output).toContain('Generated MCP server (mcp-gen) to ./src/mcp/generated');
    const viaPrisma = await readTree(out);

    await fs.rm(out, { recursive: true, force: true });
    const cli = await mcpGen(['generate'], dir);
    expect(cli.code, cli.stderr).toBe(0);
    const viaCli = await readTree(out);

    expect(viaPrisma.size).toBeGreaterThan(20);
    expect(viaPrisma.has('tools.ts')).toBe(true);
    expect([...viaPrisma.keys()]).toEqual([...viaCli.keys()]);
    for (const [file, content] of viaCli) expect(viaPrisma.get(file), file).toBe(content);
  }, 60_000);

  it('MCP_GEN_CHECK=1 lists stale files, writes nothing and fails prisma generate', async () => {
    const file = path.join(dir, OUT, 'tools.ts');
    const edited = `${await fs.readFile(file, 'utf8')}// edited\n`;
    await fs.writeFile(file, edited);
    const prisma = await prismaGenerate(dir, SCHEMA, { MCP_GEN_CHECK: '1' });
    expect(prisma.code).not.toBe(0);
    expect(prisma.output).toContain(`stale:    ${OUT}/tools.ts`);
    expect(prisma.output).toContain('the MCP server is out of date (MCP_GEN_CHECK=1)');
    expect(await fs.readFile(file, 'utf8')).toBe(edited);
    // Without the check it is regenerated.
    expect((await prismaGenerate(dir, SCHEMA)).code).toBe(0);
    expect(await fs.readFile(file, 'utf8')).not.toContain('// edited');
  }, 60_000);

  it('a config error fails prisma generate with the message of mcp-gen generate, output untouched', async () => {
    const configFile = path.join(dir, 'mcp-gen.config.ts');
    const config = await fs.readFile(configFile, 'utf8');
    await fs.writeFile(configFile, config.replace('BlogPost: {', 'BlogPst: {'));
    try {
      const before = await readTree(path.join(dir, OUT));
      const prisma = await prismaGenerate(dir, SCHEMA);
      const cli = await mcpGen(['generate'], dir);
      expect(prisma.code).not.toBe(0);
      expect(cli.code).toBe(1);
      const message = 'toolsets.blog.models.BlogPst: unknown model "BlogPst" (did you mean "BlogPost"?)';
      expect(cli.stderr).toContain(message);
      expect(prisma.output).toContain(message);
      expect(await readTree(path.join(dir, OUT))).toEqual(before);
    } finally {
      await fs.writeFile(configFile, config);
    }
  }, 60_000);
});
