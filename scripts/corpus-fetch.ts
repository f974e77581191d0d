/**
 * npm run corpus:fetch — downloads the real-world Prisma schemas the corpus suites use, each from its
 * public repository at the commit fixtures/real-world.json pins, checks each file's sha256, and puts
 * them in .corpus/real-world/<name>/ (git-ignored), where the tests look for them. All or nothing: the
 * folder appears only when every file arrived intact. Without internet it fails within seconds,
 * saying which URL could not be reached; the suites then stay skipped, as in any fresh clone.
 *
 * `-- --dest <dir>` writes elsewhere (the tests look only in .corpus/real-world).
 * MCPGEN_CORPUS_BASE_URL replaces https://raw.githubusercontent.com (a mirror serving
 * <owner>/<repo>/<commit>/<path>); MCPGEN_CORPUS_TIMEOUT_MS (default 20000) bounds each download.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { corpusManifest, FETCHED_CORPUS, type CorpusEntry } from '../test/helpers/real-world.js';

export interface FetchOptions {
  entries: readonly CorpusEntry[];
  /** The folder to fill: <dest>/<name>/schema.prisma and SOURCE.txt. */
  dest: string;
  baseUrl?: string;
  /** Per file, from request to the last byte. */
  timeoutMs?: number;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Why a download failed, in words (fetch's own "fetch failed" hides the cause). */
function reason(error: unknown, timeoutMs: number): string {
  const e = error as Error & { cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  if (e.name === 'AbortError') return 'stopped: another download failed';
  return e.cause?.code ? `${e.cause.code} (${e.cause.message ?? e.message})` : e.message;
}

async function download(entry: CorpusEntry, baseUrl: string, timeoutMs: number, stop: AbortSignal): Promise<Uint8Array> {
  const url = `${baseUrl.replace(/\/$/, '')}/${entry.repo}/${entry.commit}/${entry.path}`;
  let bytes: Uint8Array;
  try {
    const response = await fetch(url, { signal: AbortSignal.any([AbortSignal.timeout(timeoutMs), stop]), redirect: 'follow' });
    if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`);
    bytes = new Uint8Array(await response.arrayBuffer());
  } catch (error) {
    throw new Error(`${entry.name}: could not download ${url}: ${reason(error, timeoutMs)}`);
  }
  const got = sha256(bytes);
  if (got !== entry.sha256) throw new Error(`${entry.name}: ${url} has sha256 ${got}, fixtures/real-world.json pins ${entry.sha256}; nothing was written`);
  return bytes;
}

function sourceText(entry: CorpusEntry): string {
  return [`repo: https://github.com/${entry.repo}`, 'paths:', `  ${entry.path}`, `commit: ${entry.commit}`, `license: ${entry.license}`, `sha256: ${entry.sha256}`, ''].join('\n');
}

/** Downloads and checks every entry, then moves the complete folder into place. Returns what it did. */
export async function fetchCorpus(options: FetchOptions): Promise<string[]> {
  const { entries, dest } = options;
  const baseUrl = options.baseUrl ?? 'https://raw.githubusercontent.com';
  const timeoutMs = options.timeoutMs ?? 20_000;
  const present = await Promise.all(
    entries.map(async (e) => {
      const file = path.join(dest, e.name, 'schema.prisma');
      return existsSync(file) && sha256(await fs.readFile(file)) === e.sha256;
    }),
  );
  if (present.every(Boolean)) return entries.map((e) => `${e.name}: already there, sha256 checked`);

  const stop = new AbortController();
  const files = await Promise.all(
    entries.map((e) =>
      download(e, baseUrl, timeoutMs, stop.signal).catch((error: unknown) => {
        stop.abort();
        throw error;
      }),
    ),
  );
  const partial = `${dest}.partial-${process.pid}`;
  await fs.rm(partial, { recursive: true, force: true });
  for (const [i, e] of entries.entries()) {
    await fs.mkdir(path.join(partial, e.name), { recursive: true });
    await fs.writeFile(path.join(partial, e.name, 'schema.prisma'), files[i]!);
    await fs.writeFile(path.join(partial, e.name, 'SOURCE.txt'), sourceText(e));
  }
  await fs.rm(dest, { recursive: true, force: true });
  await fs.mkdir(path.dirname(dest), { recursive: true });
  await fs.rename(partial, dest);
  return entries.map((e, i) => `${e.name}: ${files[i]!.length} bytes from ${e.repo}@${e.commit.slice(0, 12)}, sha256 checked`);
}

async function main(): Promise<void> {
  const timeout = Number(process.env['MCPGEN_CORPUS_TIMEOUT_MS'] || 20_000);
  const at = process.argv.indexOf('--dest');
  const dest = at > 0 && process.argv[at + 1] ? path.resolve(process.argv[at + 1]!) : FETCHED_CORPUS;
  try {
    const done = await fetchCorpus({ entries: corpusManifest(), dest, baseUrl: process.env['MCPGEN_CORPUS_BASE_URL'] || undefined, timeoutMs: timeout });
    console.log(`${done.join('\n')}\n→ ${dest}${dest === FETCHED_CORPUS ? ': the corpus suites will run' : ''}`);
  } catch (error) {
    console.error(`corpus:fetch failed: ${(error as Error).message}\nNothing was changed. It needs https access to GitHub (raw.githubusercontent.com, or a mirror in\nMCPGEN_CORPUS_BASE_URL); without the corpus its suites are skipped (docs/testing.md).`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
