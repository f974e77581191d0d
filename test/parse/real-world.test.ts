import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSchema } from '../../src/parse/index.js';
import { corpusManifest, corpusOrSkip } from '../helpers/real-world.js';

/** The real-world schemas (../shared beside the repository, or `npm run corpus:fetch`); absent in a fresh clone. */
const corpus = corpusOrSkip();
const manifest = corpusManifest();
/** Provider and model count per schema, as fixtures/real-world.json pins them. */
const table = manifest.map((s) => [s.name, { provider: s.provider, models: s.models }] as const);

/** The table of the corpus README in ../shared (`| folder | provider | models | ...`), when there is one. */
function readmeTable(dir: string): [string, { provider: string; models: number }][] | undefined {
  const file = path.join(dir, 'README.md');
  if (!existsSync(file)) return undefined;
  return [...readFileSync(file, 'utf8').matchAll(/^\|\s*([\w.-]+)\s*\|\s*(\w+)\s*\|\s*(\d+)\s*\|/gm)].map((m) => [
    m[1]!,
    { provider: m[2]!, models: Number(m[3]) },
  ]);
}

describe.skipIf(!corpus)('real-world schemas', () => {
  it('are the five of fixtures/real-world.json, byte for byte (sha256), as the corpus README lists them', () => {
    const dir = corpus!;
    const folders = readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    expect(folders).toEqual(['epic-stack', 'hoppscotch', 'trigger.dev', 'umami', 'umami-mysql']);
    expect(manifest.map((s) => s.name).sort()).toEqual(folders);
    for (const s of manifest) {
      const sha = createHash('sha256').update(readFileSync(path.join(dir, s.name, 'schema.prisma'))).digest('hex');
      expect(sha, s.name).toBe(s.sha256);
    }
    const readme = readmeTable(dir);
    if (readme) expect(Object.fromEntries(readme)).toEqual(Object.fromEntries(table));
  });

  it.each(table)('%s loads with the pinned provider and model count', async (name, want) => {
    const ir = await loadSchema({ root: path.join(corpus!, name) });
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
    const ir = await loadSchema({ root: path.join(corpus!, 'trigger.dev') });
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
