import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadSchema } from '../../src/parse/index.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const corpus = path.resolve(repo, '../shared/fixtures/real-world');

/** The model counts from the corpus README's table (`| folder | provider | models | ...`). */
function readmeTable(): [string, { provider: string; models: number }][] {
  const readme = readFileSync(path.join(corpus, 'README.md'), 'utf8');
  return [...readme.matchAll(/^\|\s*([\w.-]+)\s*\|\s*(\w+)\s*\|\s*(\d+)\s*\|/gm)].map((m) => [
    m[1]!,
    { provider: m[2]!, models: Number(m[3]) },
  ]);
}

describe.skipIf(!existsSync(corpus))('real-world schemas', () => {
  const table = readmeTable();

  it('has the five schemas in the table', () => {
    expect(table.map(([name]) => name).sort()).toEqual(['epic-stack', 'hoppscotch', 'trigger.dev', 'umami', 'umami-mysql']);
  });

  it.each(table)('%s loads with the README\'s provider and model count', async (name, want) => {
    const ir = await loadSchema({ root: path.join(corpus, name) });
    expect(ir.provider).toBe(want.provider);
    expect(ir.models).toHaveLength(want.models);
    expect(ir.models.filter((m) => m.isView)).toEqual([]);
    for (const m of ir.models) {
      expect(m.loc?.file).toBe('schema.prisma');
      for (const f of m.fields) expect(f.loc, `${m.name}.${f.name}`).toBeDefined();
    }
  });

  it('trigger.dev: shims noted once each, loads well under a second', async () => {
    const start = performance.now();
    const ir = await loadSchema({ root: path.join(corpus, 'trigger.dev') });
    const ms = performance.now() - start;
    expect(ir.enums).toHaveLength(48);
    expect(ir.previewFeatures).not.toContain('metrics');
    expect(ir.notes).toEqual([
      'schema.prisma: ignored datasource url/directUrl (Prisma 7 reads connection URLs from prisma.config.ts)',
      'schema.prisma: ignored preview feature "metrics" (unknown to Prisma 7)',
    ]);
    expect(ms).toBeLessThan(1500); // ≈0.35 s warm on the 2-core CI box; the bound leaves room for load
  });
});
