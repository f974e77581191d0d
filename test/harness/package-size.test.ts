/**
 * Issue 21 item 11: the published package stays lean. `npm pack --dry-run` (scripts skipped: the
 * suite has built dist/ already) lists what a user downloads: only bin/, dist/, templates/,
 * package.json and README.md (and a LICENSE), under a size bound with room for growth but not for a
 * stray folder (fixtures, tests, the corpus, docs images). Size, not time: no timing here.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { repoRoot } from '../helpers/repo.js';

/** 308 KB packed and 1.12 MB unpacked (416 files) in December 2026; the bounds leave ~30% room. */
const MAX_PACKED = 400_000;
const MAX_UNPACKED = 1_500_000;

interface Packed {
  size: number;
  unpackedSize: number;
  files: { path: string; size: number }[];
}

it('npm pack: only bin, dist, templates, package.json and README, under 400 KB packed', async () => {
  expect(existsSync(path.join(repoRoot, 'dist/index.js')), 'run npm run build first (npm test does)').toBe(true);
  const { stdout } = await promisify(execFile)('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: repoRoot, maxBuffer: 16 * 1024 * 1024 });
  const [packed] = JSON.parse(stdout) as Packed[];
  const stray = packed!.files.map((f) => f.path).filter((p) => !/^(bin|dist|templates)\//.test(p) && !['package.json', 'README.md', 'LICENSE'].includes(p));
  expect(stray).toEqual([]);
  expect(packed!.files.filter((f) => /(^|\/)(test|fixtures|\.corpus|\.scratch|node_modules)\//.test(f.path) || /\.test\.[jt]s$/.test(f.path))).toEqual([]);
  expect(packed!.files.map((f) => f.path)).toEqual(expect.arrayContaining(['bin/mcp-gen.js', 'dist/index.js', 'dist/index.d.ts', 'templates/init/config.ts.hbs']));
  expect(packed!.size, `packed size ${packed!.size} bytes`).toBeLessThan(MAX_PACKED);
  expect(packed!.unpackedSize, `unpacked size ${packed!.unpackedSize} bytes`).toBeLessThan(MAX_UNPACKED);
});
