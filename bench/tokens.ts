/**
 * Benchmark (not a test): what each server's tools/list costs a client's context window, for the
 * blog fixture and every real-world schema (test/helpers/real-world.ts finds them; `npm run corpus:fetch`), in full and compact
 * mode. Tokens: gpt-tokenizer's o200k_base over the compact JSON of `{ tools: [...] }` (see
 * test/helpers/listing-tokens.ts). Real-world schemas are generated as `init --yes` exposes them:
 * every model, read-only operations.
 *
 * Run: `npm run build && npx tsx bench/tokens.ts [name ...]` (or `npm run bench:tokens`).
 * Also prints what `generate` estimated, next to the real count.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { corpusNames, createCorpusProject } from '../test/e2e/corpus-project.js';
import { mcpGen, REPO } from '../test/e2e/cli.js';
import { listGenerated, tokensOf } from '../test/helpers/listing-tokens.js';
import { createScratchProject, removeScratch } from '../test/helpers/scratch.js';

type Mode = 'full' | 'compact';

interface Cell {
  readonly tools: number;
  readonly total: number;
  /** Of `total`: what MCP Apps adds (`_meta.ui` on read tools, the app-only view_rows tool). */
  readonly apps: number;
  readonly largest: string;
  readonly estimate: string;
}

/** The config with `mode` set; absent `mode` means full. */
async function setMode(dir: string, mode: Mode): Promise<void> {
  const file = path.join(dir, 'mcp-gen.config.ts');
  const text = (await fs.readFile(file, 'utf8')).replace(/\n\s*mode: '(full|compact)',/, '');
  await fs.writeFile(file, mode === 'full' ? text : text.replace('defineConfig({', `defineConfig({\n  mode: '${mode}',`));
}

/** A fresh project per schema and mode: generated modules, once imported, stay cached in this process. */
async function project(name: string): Promise<string> {
  return name === 'blog' ? createScratchProject('tokens-blog', { fixtureDir: path.join(REPO, 'fixtures/blog') }) : (await createCorpusProject(name)).dir;
}

async function measure(name: string, mode: Mode): Promise<Cell | string> {
  const dir = await project(name);
  try {
    await setMode(dir, mode);
    const gen = await mcpGen(['generate'], dir);
    if (gen.code !== 0) return `generate failed: ${(gen.stderr || gen.stdout).split('\n')[0]}`;
    const listed = await listGenerated(path.join(dir, 'src/mcp/generated'));
    const t = tokensOf(listed);
    // The same listing as with `apps: false`: no view_rows, no `_meta`.
    const plain = tokensOf(listed.filter((x) => x.name !== 'view_rows').map(({ _meta, ...x }: { name: string; _meta?: unknown }) => x));
    const estimate = /~([\d,]+) tokens/.exec(gen.stdout)?.[1] ?? '-';
    return { tools: t.tools.length, total: t.total, apps: t.total - plain.total, largest: `${t.largest.tokens} (${t.largest.name})`, estimate };
  } finally {
    await removeScratch(dir);
  }
}

async function row(name: string): Promise<string[]> {
  const cells: string[] = [name];
  for (const mode of ['full', 'compact'] as const) {
    const c = await measure(name, mode);
    if (typeof c === 'string') cells.push(c, '', '', '', '');
    else cells.push(String(c.tools), c.total.toLocaleString('en-US'), c.apps.toLocaleString('en-US'), c.estimate, c.largest);
  }
  return cells;
}

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

const wanted = process.argv.slice(2);
const names = ['blog', ...corpusNames()].filter((n) => wanted.length === 0 || wanted.includes(n));
const rows: string[][] = [];
for (const name of names) {
  process.stderr.write(`measuring ${name}…\n`);
  rows.push(await row(name));
}
console.log(
  table(
    ['schema', 'full tools', 'full tokens', 'full: apps', 'full estimate', 'full largest tool', 'compact tools', 'compact tokens', 'compact: apps', 'compact estimate', 'compact largest tool'],
    rows,
  ),
);
