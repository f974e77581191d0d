// The official MCP conformance suite (@modelcontextprotocol/conformance, on Node 22) against the
// generated blog server (the golden files: emitter output + runtime) on SQLite, for protocol
// 2025-11-25 and 2026-07-28, each the scenarios its revision requires. Scenarios that need
// features or diagnostic tools the generated server does not have are listed, with the reason,
// in expected-failures-<revision>.yml; the suite fails on any other failure and on a listed
// scenario that starts passing.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { models } from '../golden/blog/registry.js';
import { tools } from '../golden/blog/tools.js';
import { createHandler } from '../../templates/runtime/http/handler.js';
import { listen, type RunningServer } from '../../templates/runtime/adapters/node.js';
import { createToolServer, toolAccessMap } from '../../templates/runtime/mcp/server.js';
import { node22With } from '../helpers/node22.js';
import { createBlogDb, seedBlog, type BlogDb } from '../runtime/blog-db.js';
import { conformanceTools } from './fixture-tools.js';

const SUITE = '@modelcontextprotocol/conformance@0.2.0-alpha.12';
const here = path.dirname(new URL(import.meta.url).pathname);

let db: BlogDb;
let server: RunningServer;
let suite: { node: string; dir: string };
let out: string;

beforeAll(async () => {
  [suite, db] = await Promise.all([node22With('conformance', [SUITE]), createBlogDb('conformance')]);
  await seedBlog(db.prisma);
  const all = [...tools, ...conformanceTools];
  const handler = createHandler({
    tools: toolAccessMap(all),
    server: createToolServer({ name: 'mcp-gen', version: '0.0.0-conformance', tools: all, models, prisma: db.prisma }),
    log: () => {},
  });
  server = await listen(handler, { port: 0, log: () => {} });
  out = await mkdtemp(path.join(os.tmpdir(), 'mcp-conformance-'));
});

afterAll(async () => {
  await server?.close();
  await db?.cleanup();
  if (out) await rm(out, { recursive: true, force: true });
});

function runSuite(revision: string): Promise<{ code: number; output: string }> {
  const bin = path.join(suite.dir, 'node_modules', '@modelcontextprotocol', 'conformance', 'dist', 'index.js');
  const args = [bin, 'server', '--url', server.url, '--requirements', revision, '--expected-failures', path.join(here, `expected-failures-${revision}.yml`), '-o', path.join(out, revision)];
  return new Promise((resolve) => {
    execFile(suite.node, args, { maxBuffer: 64 * 1024 * 1024, timeout: 240_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, output: `${stdout}${stderr}` });
    });
  });
}

interface Check { readonly id: string; readonly status: string; readonly errorMessage?: string }

/** The server scenarios a revision requires (its requirements file's `server:` list). */
async function required(revision: string): Promise<Set<string>> {
  const text = await readFile(path.join(suite.dir, 'node_modules', '@modelcontextprotocol', 'conformance', 'requirements', `${revision}.yaml`), 'utf8');
  const block = text.slice(text.indexOf('\nserver:\n') + 9);
  return new Set([...block.slice(0, block.search(/\n\S/)).matchAll(/^ {2}- (\S+)/gm)].map((m) => m[1]!));
}

/**
 * Per revision, from the run's checks.json files: scenarios whose every check passed and checks
 * passed (a warning is not a pass), among the required scenarios and the others the suite also
 * runs; then each check that did not pass.
 */
async function tally(dir: string, revision: string): Promise<string> {
  const wanted = await required(revision);
  const counts = { required: [0, 0, 0, 0], other: [0, 0, 0, 0] };
  const lines: string[] = [];
  for (const entry of (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    let list: Check[];
    try {
      list = JSON.parse(await readFile(path.join(dir, entry.name, 'checks.json'), 'utf8')) as Check[];
    } catch {
      continue;
    }
    const scenario = entry.name.replace(/^server-/, '').replace(/-\d{4}-\d{2}-\d{2}T.*$/, '');
    const scored = list.filter((c) => c.status === 'SUCCESS' || c.status === 'FAILURE' || c.status === 'WARNING');
    const bad = scored.filter((c) => c.status !== 'SUCCESS');
    const c = wanted.has(scenario) ? counts.required : counts.other;
    c[0]! += 1;
    c[1]! += bad.length === 0 ? 1 : 0;
    c[2]! += scored.length;
    c[3]! += scored.length - bad.length;
    for (const check of bad) lines.push(`  ${wanted.has(scenario) ? '' : '(not required) '}${check.status.toLowerCase()} ${scenario}:${check.id}: ${(check.errorMessage ?? '').slice(0, 140)}`);
  }
  const line = (name: string, [n, clean, checks, passed]: number[]) => `${name}: scenarios passed ${clean}/${n}, checks passed ${passed}/${checks}`;
  return [line('required', counts.required), line('also run', counts.other), ...lines].join('\n');
}

describe('official MCP conformance suite', () => {
  it.each(['2025-11-25', '2026-07-28'])('passes every %s scenario the generated server can serve', async (revision) => {
    const { code, output } = await runSuite(revision);
    const summary = output.slice(output.indexOf('=== SUMMARY ==='));
    // What passed, in the run's log (the closing notes list it).
    console.log(`conformance ${revision}:\n${summary}\n${await tally(path.join(out, revision), revision)}`);
    expect(code, summary).toBe(0);
    // The tool scenarios ran for real (not skipped for lack of a connection).
    expect(summary).toMatch(/✓ tools-list: [1-9]\d* passed, 0 failed/);
    expect(summary).toMatch(/✓ dns-rebinding-protection: 2 passed, 0 failed/);
    // The fixture has the tools these call: they pass on the tools' own results, not on an error's text.
    for (const scenario of ['tools-call-simple-text', 'tools-call-error', 'tools-call-image', 'tools-call-audio', 'tools-call-embedded-resource', 'tools-call-mixed-content']) {
      expect(summary).toMatch(new RegExp(`✓ ${scenario}: [1-9]\\d* passed, 0 failed`));
    }
  }, 300_000);
});
