// Where the real-world Prisma schemas are. They are other projects' files, never committed here
// (fixtures/real-world.json names each one's repository, commit, license and sha256). Looked for in:
//   1. ../shared/fixtures/real-world, beside the repository (CI's layout);
//   2. .corpus/real-world, where `npm run corpus:fetch` downloads them (git-ignored).
// MCPGEN_BARE_CLONE=1 ignores both, so the suite behaves exactly as in a fresh clone (CI checks this).
// MCPGEN_REQUIRE_CORPUS=1 turns "not found" from a skip into a failure (CI's full run sets it).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './repo.js';

export interface CorpusEntry {
  name: string;
  /** GitHub owner/name. */
  repo: string;
  /** The file's path inside that repository. */
  path: string;
  commit: string;
  license: string;
  sha256: string;
  provider: string;
  models: number;
}

export const MANIFEST_FILE = path.join(repoRoot, 'fixtures', 'real-world.json');
export const SHARED_CORPUS = path.resolve(repoRoot, '..', 'shared', 'fixtures', 'real-world');
export const FETCHED_CORPUS = path.join(repoRoot, '.corpus', 'real-world');

export const bareClone = process.env['MCPGEN_BARE_CLONE'] === '1';
export const corpusRequired = process.env['MCPGEN_REQUIRE_CORPUS'] === '1';

/** The pinned list of real-world schemas (committed: names, sources, checksums, expected counts). */
export function corpusManifest(): CorpusEntry[] {
  return (JSON.parse(readFileSync(MANIFEST_FILE, 'utf8')) as { schemas: CorpusEntry[] }).schemas;
}

/** The folder holding the real-world schemas, or undefined when there is none (see the file comment). */
export function realWorldDir(): string | undefined {
  if (bareClone) return undefined;
  return [SHARED_CORPUS, FETCHED_CORPUS].find((dir) => existsSync(dir) && readdirSync(dir).length > 0);
}

/** The one line printed when the corpus is missing: what is missing, what is skipped, how to get it. */
export const CORPUS_MISSING =
  `real-world schemas not found (${bareClone ? 'MCPGEN_BARE_CLONE=1 ignores them' : 'looked in ../shared/fixtures/real-world and .corpus/real-world'}): ` +
  'the cases that read them are skipped (docs/testing.md lists them); `npm run corpus:fetch` downloads them';

/**
 * For a test file that needs the corpus: the folder, or undefined (skip). With
 * MCPGEN_REQUIRE_CORPUS=1 a missing corpus throws instead, so CI cannot skip it silently.
 */
export function corpusOrSkip(): string | undefined {
  const dir = realWorldDir();
  if (!dir && corpusRequired) throw new Error(`MCPGEN_REQUIRE_CORPUS=1, but ${CORPUS_MISSING}`);
  return dir;
}
