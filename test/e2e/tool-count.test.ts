/**
 * Issue 21 item 7: `init`, `generate` and `prisma generate` count the tools exactly as tools/list
 * serves them to a caller with every scope (get_user_info and custom tools included), in full and
 * compact mode. The project is what `npm run demo` builds: the blog fixture's schema, `init --yes`
 * (API keys, the example tool greet). The served list is the generated server's own (its tools.ts
 * listed by its runtime), counted with o200k as in test/e2e/budget.test.ts.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchProject, removeScratch } from '../helpers/scratch.js';
import { prismaGenerate } from '../helpers/prisma-generate.js';
import { listGenerated, tokensOf, type ListingTokens } from '../helpers/listing-tokens.js';
import { mcpGen, REPO } from './cli.js';

interface Printed {
  readonly summary: number;
  readonly listed: number;
  readonly tokens: number;
}

/** generate's two counts: `N models, T tools → out` and `tools/list: T tools, ~K tokens`. */
function printed(stdout: string): Printed {
  const summary = /\d+ models, (\d+) tools →/.exec(stdout);
  const listed = /tools\/list: ([\d,]+) tools, ~([\d,]+) tokens/.exec(stdout);
  expect(summary, stdout).not.toBeNull();
  expect(listed, stdout).not.toBeNull();
  const n = (s: string) => Number(s.replace(/,/g, ''));
  return { summary: n(summary![1]!), listed: n(listed![1]!), tokens: n(listed![2]!) };
}

let dir: string;
let initCount: number;
const runs = new Map<'full' | 'compact', { generate: Printed; prisma: Printed; served: ListingTokens }>();

beforeAll(async () => {
  dir = await createScratchProject('tool-count');
  await fs.cp(path.join(REPO, 'fixtures/blog/prisma'), path.join(dir, 'prisma'), { recursive: true });
  const init = await mcpGen(['init', '--yes', '--no-install'], dir);
  expect(init.code, init.stderr).toBe(0);
  initCount = Number(/mode: full \(full mode would list (\d+) tools/.exec(init.stdout)?.[1]);
  // db.ts reads it when the custom tool's module loads (nothing connects).
  process.env.DATABASE_URL ??= `file:${path.join(dir, 'dev.db')}`;
  for (const mode of ['full', 'compact'] as const) {
    if (mode === 'compact') {
      const configFile = path.join(dir, 'mcp-gen.config.ts');
      await fs.writeFile(configFile, (await fs.readFile(configFile, 'utf8')).replace('defineConfig({', "defineConfig({\n  mode: 'compact',"));
    }
    const generate = await mcpGen(['generate'], dir);
    expect(generate.code, generate.stderr).toBe(0);
    // init added `generator mcp`: prisma generate runs mcp-gen generate too, and prints the same.
    const prisma = await prismaGenerate(dir, 'prisma/schema.prisma');
    expect(prisma.code, prisma.output).toBe(0);
    // A fresh copy of the generated folder per mode: modules already imported stay cached.
    const copy = path.join(dir, `src/mcp/generated-${mode}`);
    await fs.cp(path.join(dir, 'src/mcp/generated'), copy, { recursive: true });
    runs.set(mode, { generate: printed(generate.stdout), prisma: printed(prisma.output), served: tokensOf(await listGenerated(copy)) });
  }
}, 300_000);

afterAll(async () => {
  if (dir) await removeScratch(dir);
});

describe('the printed tool count is what tools/list serves', () => {
  it('init counts the demo as served: 23 tools (view_rows, get_user_info and greet among them)', () => {
    const { served } = runs.get('full')!;
    expect(served.tools.map((t) => t.name)).toEqual(expect.arrayContaining(['get_user_info', 'greet']));
    expect(initCount).toBe(served.tools.length);
    // 22 the model sees, and the MCP Apps views' app-only view_rows (apps are on by default).
    expect(served.tools.length).toBe(23);
    expect(served.tools.map((t) => t.name)).toContain('view_rows');
  });

  it.each(['full', 'compact'] as const)('%s mode: generate and prisma generate print the served count, and tokens within 10 percent', (mode) => {
    const { generate, prisma, served } = runs.get(mode)!;
    for (const p of [generate, prisma]) {
      expect(p.summary).toBe(served.tools.length);
      expect(p.listed).toBe(served.tools.length);
    }
    console.log(`${mode}: printed ${generate.listed} tools ~${generate.tokens} tokens; served ${served.tools.length} tools, ${served.total} tokens`);
    expect(Math.abs(generate.tokens - served.total) / served.total).toBeLessThan(0.1);
    if (mode === 'compact') expect(served.tools.map((t) => t.name).sort()).toEqual(['describe_models', 'get_user_info', 'greet', 'query', 'view_rows']);
  });
});
