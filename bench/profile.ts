/**
 * Where a server spends its CPU under the bench/load.ts mix: runs the generated clinic server (or
 * the hand-written baseline) with `node --cpu-prof`, drives it, and prints CPU ms per call, self
 * time by area (Prisma, MCP SDK, zod, the runtime, node internals…) and the top functions. The
 * .cpuprofile is kept (open it in Chrome DevTools or speedscope).
 *
 * Run: `npm run build && npx tsx bench/profile.ts [--db sqlite] [--side generated|handwritten] [--duration 15] [--mode full|compact]`
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { configuredDatabases } from '../test/helpers/databases.js';
import { startServer } from '../test/helpers/server.js';
import { createClinicProject } from '../test/e2e/scoping/project.js';
import { cpuMs, load, serverPid, type Tally } from './load-mix.js';
import { option } from './args.js';

const DB = option('db', 'sqlite');
const SIDE = option('side', 'generated');
const DURATION = Number(option('duration', '15'));
const CONNECTIONS = Number(option('connections', '50'));

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

/** Which part of the stack a script belongs to. */
function area(url: string): string {
  if (!url) return '(native / gc / idle)';
  if (url.startsWith('node:')) return 'node internals';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) {
    const pkg = m[1]!;
    if (pkg.startsWith('@prisma') || pkg === '.prisma') return 'prisma';
    if (pkg === 'tsx' || pkg === 'esbuild' || pkg === 'get-tsconfig') return 'tsx loader';
    return pkg;
  }
  if (url.includes('/runtime/')) return `runtime/${url.split('/runtime/')[1]!.split('/')[0]}`;
  if (url.includes('/generated/')) return 'prisma (generated client)';
  return url.replace(/^file:\/\/.*\/(clinic[^/]*|src)\//, '');
}

const database = configuredDatabases().find((d) => d.provider === DB);
if (!database) throw new Error(`--db ${DB}: not configured (PostgreSQL needs MCPGEN_TEST_POSTGRES_URL)`);
const p = await createClinicProject(database, option('mode', 'full') as 'full' | 'compact');
const profDir = await fs.mkdtemp(path.join(os.tmpdir(), 'mcpgen-prof-'));
try {
  const rw = await p.createKey('ann@example.com', ['--scopes', 'read,write', '--name', 'profile']);
  await p.server.stop();
  const env = { ...p.env, PROJECT_DIR: p.dir, MCPGEN_PROFILE_DIR: profDir, NODE_OPTIONS: `--import ${path.resolve('bench/cpu-profiler.mjs')}` };
  const server = await startServer(p.dir, { env, ...(SIDE === 'handwritten' ? { entry: path.resolve('bench/load-handwritten.ts') } : {}) });
  const pid = serverPid(server);
  const tally: Tally = { ok: 0, toolErrors: 0, writes: [] };
  await load(server, rw.key, 'warm', 3, tally, CONNECTIONS);
  const cpu0 = cpuMs(pid);
  const r = await load(server, rw.key, 'run', DURATION, tally, CONNECTIONS);
  const cpu = cpuMs(pid) - cpu0;
  process.kill(pid, 'SIGUSR2');
  const file = path.join(profDir, `${pid}.cpuprofile`);
  for (let i = 0; i < 100 && !(await fs.stat(file).catch(() => undefined)); i++) await new Promise((r) => setTimeout(r, 100));
  await new Promise((r) => setTimeout(r, 500)); // let the write finish
  await server.stop();
  console.log(`${SIDE} on ${database.label}: ${r.requests.total} calls, ${r.requests.average} req/s, ${(cpu / r.requests.total).toFixed(2)} ms server CPU per call, ${tally.toolErrors} tool errors`);

  const profile = JSON.parse(await fs.readFile(file, 'utf8')) as Profile;
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const byArea = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  for (const [id, ms] of self) {
    const node = byId.get(id)!;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') continue;
    total += ms;
    const a = area(url);
    byArea.set(a, (byArea.get(a) ?? 0) + ms);
    const key = `${functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}:${lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
  }
  const perCall = (ms: number) => `${((ms / total) * 100).toFixed(1).padStart(5)} %`;
  console.log(`\nself time by area (busy ${Math.round(total)} ms sampled):`);
  for (const [a, ms] of [...byArea].sort((x, y) => y[1] - x[1]).slice(0, 20)) console.log(`  ${perCall(ms)}  ${a}`);
  console.log('\ntop functions by self time:');
  for (const [f, ms] of [...byFunction].sort((x, y) => y[1] - x[1]).slice(0, Number(option('top', '40')))) console.log(`  ${perCall(ms)}  ${f}`);
  console.log(`\nprofile: ${file}`);
} finally {
  await p.close();
}
