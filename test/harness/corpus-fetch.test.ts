/**
 * `npm run corpus:fetch` (scripts/corpus-fetch.ts) against a local HTTP server standing in for GitHub:
 * it writes the files only when every checksum matches, fails clearly on a wrong file, a missing
 * one, a refused connection or a server that never answers (within its timeout, not hanging), and
 * the command exits 1 with one message naming the URL.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchCorpus } from '../../scripts/corpus-fetch.js';
import type { CorpusEntry } from '../helpers/real-world.js';
import { repoBin, repoRoot } from '../helpers/repo.js';
import { run } from '../helpers/run.js';

const files: Record<string, string> = {
  '/acme/shop/1111111111111111111111111111111111111111/prisma/schema.prisma': 'model Order {\n  id Int @id\n}\n',
  '/acme/blog/2222222222222222222222222222222222222222/db/schema.prisma': 'model Post {\n  id Int @id\n}\n',
};
const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const entry = (name: string, url: string, content: string): CorpusEntry => {
  const [, owner, repo, commit, ...rest] = url.split('/');
  return { name, repo: `${owner}/${repo}`, commit: commit!, path: rest.join('/'), license: 'MIT', sha256: sha(content), provider: 'sqlite', models: 1 };
};
const [shopUrl, blogUrl] = Object.keys(files) as [string, string];
const entries = [entry('shop', shopUrl, files[shopUrl]!), entry('blog', blogUrl, files[blogUrl]!)];

let server: http.Server;
let base: string;
let tmp: string;
let served = 0;

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'corpus-fetch-'));
  server = http.createServer((req, res) => {
    served++;
    if (req.url?.startsWith('/hang/')) return; // accepts, never answers
    const body = files[req.url!.replace(/^\/tampered/, '')];
    if (!body) return void res.writeHead(404).end('404: Not Found');
    res.end(req.url!.startsWith('/tampered') ? body.replace('Int', 'BigInt') : body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await fs.rm(tmp, { recursive: true, force: true });
});

describe('fetchCorpus', () => {
  it('downloads every file at its pinned commit, checks its sha256, writes SOURCE.txt; a second run downloads nothing', async () => {
    const dest = path.join(tmp, 'ok', 'real-world');
    const done = await fetchCorpus({ entries, dest, baseUrl: base });
    expect(done).toEqual([expect.stringMatching(/^shop: \d+ bytes from acme\/shop@111111111111, sha256 checked$/), expect.stringMatching(/^blog: /)]);
    expect(await fs.readFile(path.join(dest, 'shop', 'schema.prisma'), 'utf8')).toBe(files[shopUrl]);
    expect(await fs.readFile(path.join(dest, 'blog', 'SOURCE.txt'), 'utf8')).toContain('commit: 2222222222222222222222222222222222222222\n');
    const before = served;
    expect(await fetchCorpus({ entries, dest, baseUrl: base })).toEqual(['shop: already there, sha256 checked', 'blog: already there, sha256 checked']);
    expect(served).toBe(before);
  });

  it('refuses a file whose sha256 differs, naming both hashes, and writes nothing', async () => {
    const dest = path.join(tmp, 'tampered', 'real-world');
    await expect(fetchCorpus({ entries, dest, baseUrl: `${base}/tampered` })).rejects.toThrow(
      new RegExp(`^shop: ${base}/tampered/acme/shop/1{40}/prisma/schema.prisma has sha256 [0-9a-f]{64}, fixtures/real-world.json pins ${entries[0]!.sha256}; nothing was written$`),
    );
    expect(existsSync(path.join(tmp, 'tampered'))).toBe(false);
  });

  it('names the URL and the HTTP status of a missing file', async () => {
    const dest = path.join(tmp, 'missing', 'real-world');
    const wrong = [{ ...entries[0]!, commit: '3'.repeat(40) }];
    await expect(fetchCorpus({ entries: wrong, dest, baseUrl: base })).rejects.toThrow(`shop: could not download ${base}/acme/shop/${'3'.repeat(40)}/prisma/schema.prisma: HTTP 404 Not Found`);
    expect(existsSync(dest)).toBe(false);
  });

  it('gives up on a server that never answers after its timeout, instead of hanging', async () => {
    const started = performance.now();
    await expect(fetchCorpus({ entries, dest: path.join(tmp, 'hang', 'real-world'), baseUrl: `${base}/hang`, timeoutMs: 300 })).rejects.toThrow(/^(shop|blog): could not download .*: no answer within 300 ms$/);
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});

it('npm run corpus:fetch without a reachable server exits 1 with one message naming the URL, and changes nothing', async () => {
  const closed = http.createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
  const dest = path.join(tmp, 'cli', 'real-world');
  const r = await run(repoBin('.bin/tsx'), ['scripts/corpus-fetch.ts', '--dest', dest], { cwd: repoRoot, env: { ...process.env, MCPGEN_CORPUS_BASE_URL: `http://127.0.0.1:${port}` } });
  expect(r.code).toBe(1);
  expect(r.output).toMatch(new RegExp(`^corpus:fetch failed: [\\w.-]+: could not download http://127\\.0\\.0\\.1:${port}/\\S+/schema\\.prisma: ECONNREFUSED`, 'm'));
  expect(r.output).toContain('Nothing was changed.');
  expect(existsSync(path.join(tmp, 'cli'))).toBe(false);
});
