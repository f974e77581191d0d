/**
 * Issue 9 over every shared real-world schema (every model exposed read-only, as `init --yes`
 * writes it): no full-mode tool over 1,500 o200k tokens, generate's estimate within 10% of the
 * real tools/list, and generate warns that the toolset is past the budget. Only `generate` runs:
 * tools/list needs the generated tools, not a database or the Prisma client.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusNames, createCorpusProject } from './corpus-project.js';
import { mcpGen } from './cli.js';
import { removeScratch } from '../helpers/scratch.js';
import { listGenerated, tokensOf, type ListingTokens } from '../helpers/listing-tokens.js';

const names = corpusNames();
const measured = new Map<string, { tokens: ListingTokens; stdout: string }>();
const dirs: string[] = [];

beforeAll(async () => {
  for (const name of names) {
    const { dir } = await createCorpusProject(name);
    dirs.push(dir);
    const gen = await mcpGen(['generate'], dir);
    expect(gen.code, gen.stderr).toBe(0);
    measured.set(name, { tokens: tokensOf(await listGenerated(path.join(dir, 'src/mcp/generated'))), stdout: gen.stdout });
  }
}, 600_000);

afterAll(async () => {
  for (const dir of dirs) await removeScratch(dir);
});

describe.skipIf(names.length === 0)('real-world schemas, full mode', () => {
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
