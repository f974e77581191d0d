/**
 * Issue 9 over every real-world schema (every model exposed read-only, as `init --yes` writes it;
 * skipped when the schemas are absent, see ../helpers/real-world.ts): no full-mode tool over 1,500 o200k tokens, generate's estimate within 10% of the
 * real tools/list, a warning past the budget; compact mode's tools/list under 2,000 tokens; and
 * `init --yes` choosing compact exactly when full mode would pass the budget. Only mcp-gen runs:
 * tools/list needs the generated tools, not a database or the Prisma client.
 */
import fs from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import type { Registry, ToolDef } from '../../templates/runtime/core/spec.js';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusNamesOrPinned, createCorpusProject, REAL_WORLD } from './corpus-project.js';
import { mcpGen } from './cli.js';
import { removeScratch } from '../helpers/scratch.js';
import { listGenerated, tokensOf, type ListingTokens } from '../helpers/listing-tokens.js';

const names = corpusNamesOrPinned();
const measured = new Map<string, { tokens: ListingTokens; stdout: string }>();
const compact = new Map<string, ListingTokens>();
/** describe_models without `models`: the o200k tokens of each page, and how many models they list. */
const described = new Map<string, { tokens: number[]; models: number; listed: number }>();

async function describePages(generatedDir: string): Promise<{ tokens: number[]; models: number; listed: number }> {
  const { tools } = (await import(pathToFileURL(path.join(generatedDir, 'tools.ts')).href)) as { tools: readonly ToolDef[] };
  const { models } = (await import(pathToFileURL(path.join(generatedDir, 'registry.ts')).href)) as { models: Registry };
  const describe = tools.find((t) => t.name === 'describe_models')!;
  const ctx = { user: null, scopes: ['read'], prisma: null, models, signal: new AbortController().signal, progress: async () => {}, log: async () => {} };
  const tokens: number[] = [];
  let listed = 0;
  for (let page = 1; ; page++) {
    const { text } = (await describe.handler({ page } as never, ctx)) as { text: string };
    tokens.push(countTokens(text));
    listed += text.split('\n').filter((l) => / \[findMany/.test(l)).length;
    if (!text.includes(`describe_models { page: ${page + 1}`)) return { tokens, models: Object.keys(models).length, listed };
  }
}
const inits = new Map<string, { stdout: string; config: string; tokens: ListingTokens }>();
const dirs: string[] = [];

beforeAll(async () => {
  if (!REAL_WORLD) return;
  for (const name of names) {
    const { dir } = await createCorpusProject(name);
    dirs.push(dir);
    const gen = await mcpGen(['generate'], dir);
    expect(gen.code, gen.stderr).toBe(0);
    measured.set(name, { tokens: tokensOf(await listGenerated(path.join(dir, 'src/mcp/generated'))), stdout: gen.stdout });
    // Compact mode, same models (a fresh project: modules already imported stay cached).
    const second = (await createCorpusProject(name)).dir;
    dirs.push(second);
    const configFile = path.join(second, 'mcp-gen.config.ts');
    await fs.writeFile(configFile, (await fs.readFile(configFile, 'utf8')).replace('defineConfig({', "defineConfig({\n  mode: 'compact',"));
    const genCompact = await mcpGen(['generate'], second);
    expect(genCompact.code, genCompact.stderr).toBe(0);
    compact.set(name, tokensOf(await listGenerated(path.join(second, 'src/mcp/generated'))));
    described.set(name, await describePages(path.join(second, 'src/mcp/generated')));
    // init --yes on a project without a config: it writes its own and picks the mode.
    const third = (await createCorpusProject(name)).dir;
    dirs.push(third);
    await fs.rm(path.join(third, 'mcp-gen.config.ts'));
    const init = await mcpGen(['init', '--yes', '--no-install'], third);
    expect(init.code, init.stderr).toBe(0);
    const out = path.join(third, 'src/mcp/generated');
    const configFileInit = path.join(third, 'mcp-gen.config.ts');
    inits.set(name, { stdout: init.stdout, config: await fs.readFile(configFileInit, 'utf8'), tokens: tokensOf(await listGenerated(out)) });
  }
}, 600_000);

afterAll(async () => {
  for (const dir of dirs) await removeScratch(dir);
});

describe.skipIf(!REAL_WORLD)('real-world schemas, full mode', () => {
  it.each(names)('%s: no tool over 1,500 tokens, every name as clients require', (name) => {
    const { largest, tools } = measured.get(name)!.tokens;
    expect(largest.tokens, largest.name).toBeLessThanOrEqual(1_500);
    for (const tool of tools) expect(tool.name).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
  });

  it.each(names)('%s: the printed estimate is within 10 percent of the real tools/list; past the budget, a warning names models', (name) => {
    const { tokens, stdout } = measured.get(name)!;
    const printed = /tools\/list: ([\d,]+) tools, ~([\d,]+) tokens/.exec(stdout);
    expect(printed, stdout).not.toBeNull();
    expect(Number(printed![1]!.replace(/,/g, ''))).toBe(tokens.tools.length);
    const estimate = Number(printed![2]!.replace(/,/g, ''));
    expect(Math.abs(estimate - tokens.total) / tokens.total).toBeLessThan(0.1);
    const over = tokens.tools.length > 40 || estimate > 20_000;
    const warning = /warning: toolset "all" is past the budget: [\d,]+ tools, ~[\d,]+ tokens\. Costliest models: \w+ \(~/;
    if (over) expect(stdout).toMatch(warning);
    else expect(stdout).not.toMatch(/warning: toolset/);
  });
});

describe.skipIf(!REAL_WORLD)('real-world schemas, compact mode and init', () => {
  it.each(names)('%s: compact tools/list is under 2,000 tokens', (name) => {
    const tokens = compact.get(name)!;
    // view_rows: the app-only tool of the MCP Apps views (apps are on by default).
    expect(tokens.tools.map((t) => t.name).sort()).toEqual(['describe_models', 'query', 'view_rows']);
    expect(tokens.total).toBeLessThanOrEqual(2_000);
  });

  it.each(names)('%s: describe_models without arguments is under 2,000 tokens a page, and its pages list every model', (name) => {
    const { tokens, models, listed } = described.get(name)!;
    console.log(`${name}: ${models} models, describe_models pages of ${tokens.join(', ')} tokens`);
    for (const t of tokens) expect(t).toBeLessThan(2_000);
    expect(listed).toBe(models);
  });

  it.each(names)('%s: init --yes picks compact exactly when full mode would pass the budget, and says why', (name) => {
    const { stdout, config, tokens } = inits.get(name)!;
    const choice = /mode: (full|compact) \(full mode would list (\d+) tools in ~([\d,]+) tokens/.exec(stdout);
    expect(choice, stdout).not.toBeNull();
    const over = Number(choice![2]) > 40 || Number(choice![3]!.replace(/,/g, '')) > 20_000;
    expect(choice![1]).toBe(over ? 'compact' : 'full');
    expect(config.includes("mode: 'compact',")).toBe(over);
    if (over) expect(tokens.total).toBeLessThanOrEqual(2_000);
  });
});
