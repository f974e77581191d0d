/**
 * Load and soak benchmark (issue 11, part 5). The generated server (clinic fixture, API keys, row
 * scope) next to bench/load-handwritten.ts, a minimal SDK server doing the same Prisma queries with
 * the same key check, both running at once, measured interleaved with autocannon on loopback:
 * 50 kept-alive connections, 3 reads (list_notes) to 1 write (create_note), on SQLite and PostgreSQL.
 * Reports throughput and its ratio, p50/p99 latency, errors (socket errors, time-outs, non-2xx,
 * tool errors), server CPU per call (from /proc: less sensitive to a busy machine than throughput),
 * server RSS before warm-up, after warm-up and after every round, heap used after a full GC per round
 * (bench/heap-probe.mjs: flat when nothing leaks), and after the run checks
 * that every acknowledged write is in the database. Then a 401/403 storm on kept-alive connections
 * mixed with good calls, counting socket errors.
 *
 * Each server under test runs on a CPU of its own (CPU 1; the load generator, and a local
 * PostgreSQL when this user may move its processes, on CPU 0, put back afterwards), so the
 * throughput ratio compares the servers rather than how much CPU the generator and the database
 * leave them; `--pin no` lets everything share every CPU. CPU per call does not depend on it.
 *
 * Run: `npm run build && npx tsx bench/load.ts [--db sqlite,postgresql] [--duration 10] [--rounds 5] [--pin yes|no]`
 * (PostgreSQL needs MCPGEN_TEST_POSTGRES_URL, e.g. postgresql://postgres@127.0.0.1:5432/test.)
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import { configuredDatabases, type TestDatabase } from '../test/helpers/databases.js';
import { startServer, type RunningServer } from '../test/helpers/server.js';
import { createClinicProject } from '../test/e2e/scoping/project.js';
import { rawCall } from '../test/e2e/scoping/rpc.js';
import { call, cpuMs, heapAfterGcMb, heapProbeEnv, type HeapMb, load as drive, rssMb, serverPid, type Tally } from './load-mix.js';
import { median } from './stats.js';
import { option } from './args.js';

const load = (server: RunningServer, key: string, tag: string, seconds: number, tally: Tally) => drive(server, key, tag, seconds, tally, CONNECTIONS);

const DURATION = Number(option('duration', '10'));
const ROUNDS = Number(option('rounds', '5'));
const CONNECTIONS = Number(option('connections', '50'));
const WANTED = option('db', 'sqlite,postgresql').split(',');
// On a machine with two CPUs or more, each server under test runs on CPU 1 and this process (the
// load generator) on CPU 0, so the generator does not take its CPU from the server it measures.
const PIN = option('pin', canPin() ? 'yes' : 'no') === 'yes';

/** Runs `pid`'s threads on `cpus` (taskset list syntax); `quiet`: a process gone meanwhile is fine. */
function pin(pid: number, cpus: string, quiet = false): void {
  try {
    execFileSync('taskset', ['-a', '-p', '-c', cpus, String(pid)], { stdio: 'ignore' });
  } catch (error) {
    if (!quiet) throw error;
  }
}

/** Moves every local `postgres` process to `cpus`; returns each one's CPUs before, to put back. */
function moveLocalPostgres(cpus: string): Map<number, string> {
  const before = new Map<number, string>();
  let pids: number[];
  try {
    pids = execFileSync('pgrep', ['-x', 'postgres'], { encoding: 'utf8' }).trim().split('\n').map(Number).filter(Boolean);
  } catch {
    return before; // none here (a remote database)
  }
  for (const pid of pids) {
    try {
      const list = /list: (\S+)/.exec(execFileSync('taskset', ['-c', '-p', String(pid)], { encoding: 'utf8' }))?.[1];
      execFileSync('taskset', ['-a', '-p', '-c', cpus, String(pid)], { stdio: 'ignore' });
      if (list) before.set(pid, list);
    } catch {
      // not ours to move
    }
  }
  return before;
}

function canPin(): boolean {
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
    return os.cpus().length >= 2;
  } catch {
    return false;
  }
}

interface Side {
  readonly name: string;
  readonly server: RunningServer;
  readonly tally: Tally;
  readonly rps: number[];
  readonly p50: number[];
  readonly p99: number[];
  /** Server CPU (user + system) per answered call, per round. */
  readonly cpu: number[];
  readonly pid: number;
  socketErrors: number;
  non2xx: number;
  rss: { start: number; warm: number; end: number; rounds: number[] };
  /** Heap used after a full GC (MB), after warm-up and after each round. */
  heap: { warm: HeapMb | undefined; rounds: HeapMb[] };
  readonly heapFile: string;
}

async function benchDatabase(database: TestDatabase): Promise<void> {
  console.log(`\n== ${database.label} ==`);
  const p = await createClinicProject(database);
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'mcpgen-load-'));
  const heapFiles = [path.join(tmp, 'generated.json'), path.join(tmp, 'handwritten.json')] as const;
  let hand: RunningServer | undefined;
  let movedDb = new Map<number, string>();
  const putDbBack = () => {
    for (const [pid, cpus] of movedDb) pin(pid, cpus, true);
  };
  const interrupted = () => {
    putDbBack();
    process.exit(130);
  };
  let generated: RunningServer | undefined;
  try {
    const rw = await p.createKey('ann@example.com', ['--scopes', 'read,write', '--name', 'load']);
    const ro = await p.createKey('ann@example.com', ['--name', 'load-read']);
    // Both servers run with the heap probe preloaded (the project's own server is restarted with it).
    await p.server.stop();
    generated = await startServer(p.dir, { env: { ...p.env, ...heapProbeEnv(heapFiles[0]) } });
    hand = await startServer(p.dir, { entry: path.resolve('bench/load-handwritten.ts'), env: { ...p.env, PROJECT_DIR: p.dir, ...heapProbeEnv(heapFiles[1]) } });
    const sides: Side[] = [generated, hand].map((server, i) => {
      const pid = serverPid(server);
      return {
        name: i === 0 ? 'generated' : 'handwritten', server, pid, tally: { ok: 0, toolErrors: 0, writes: [] }, rps: [], p50: [], p99: [], cpu: [], socketErrors: 0, non2xx: 0,
        rss: { start: rssMb(pid), warm: 0, end: 0, rounds: [] }, heap: { warm: undefined, rounds: [] }, heapFile: heapFiles[i]!,
      };
    });
    if (PIN) {
      for (const side of sides) pin(side.pid, '1');
      pin(process.pid, '0');
      // A local PostgreSQL's processes (new connections inherit the postmaster's CPUs) join the load
      // generator, when this user may move them; put back as they were afterwards.
      if (database.provider === 'postgresql') movedDb = moveLocalPostgres('0');
      if (movedDb.size > 0) process.once('SIGINT', interrupted);
    }
    for (const side of sides) {
      for (const [tool, a] of [['list_notes', { take: 5 }], ['create_note', { data: { title: 'probe' } }]] as const) {
        const r = await rawCall(side.server.url, rw.key, tool, a);
        const result = (r.body as { result?: { isError?: boolean } }).result;
        if (r.status !== 200 || !result || result.isError) throw new Error(`${side.name} ${tool} probe failed: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
      }
    }
    const { prisma } = await projectPrisma(p.dir, p.env);
    const before = await prisma.note.count();
    for (const side of sides) await load(side.server, rw.key, `warm-${side.name}`, 5, side.tally);
    for (const side of sides) {
      side.rss.warm = rssMb(side.pid);
      side.heap.warm = await heapAfterGcMb(side.pid, side.heapFile);
    }
    for (let round = 0; round < ROUNDS; round++) {
      // Interleaved, and the order alternates, so neither side always runs on a warmer machine.
      const order = round % 2 === 0 ? sides : [...sides].reverse();
      for (const side of order) {
        const cpu0 = cpuMs(side.pid);
        const r = await load(side.server, rw.key, `${side.name}-${round}`, DURATION, side.tally);
        side.cpu.push((cpuMs(side.pid) - cpu0) / r.requests.total);
        // Calls still queued for a database connection when the load stops are not a leak: let them finish.
        await new Promise((resolve) => setTimeout(resolve, 2000));
        side.rps.push(r.requests.average);
        side.p50.push(r.latency.p50);
        side.p99.push(r.latency.p99);
        side.socketErrors += r.errors + r.timeouts;
        side.non2xx += r.non2xx;
        side.rss.rounds.push(rssMb(side.pid));
        side.heap.rounds.push(await heapAfterGcMb(side.pid, side.heapFile));
      }
    }
    for (const side of sides) side.rss.end = rssMb(side.pid);

    const [gen, hw] = sides as [Side, Side];
    console.log(`commit ${execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim()}, ${CONNECTIONS} connections, ${ROUNDS} rounds × ${DURATION} s each, 3 reads : 1 write`);
    console.log(!PIN ? 'not pinned: servers, load generator and database share every CPU'
      : `servers pinned to CPU 1; load generator${movedDb.size ? ' and database' : ''} on CPU 0 (taskset; --pin no to share every CPU)`);
    console.log('side         req/s (median)  CPU ms/call  p50 ms  p99 ms  socket err  non-2xx  tool err  RSS MB start → warm → end');
    for (const s of sides) {
      console.log(`${s.name.padEnd(12)} ${median(s.rps).toFixed(0).padStart(14)}  ${median(s.cpu).toFixed(2).padStart(11)}  ${median(s.p50).toFixed(0).padStart(6)}  ${median(s.p99).toFixed(0).padStart(6)}  ${String(s.socketErrors).padStart(10)}  ${String(s.non2xx).padStart(7)}  ${String(s.tally.toolErrors).padStart(8)}  ${s.rss.start} → ${s.rss.warm} → ${s.rss.end}`);
    }
    for (const s of sides) {
      const growth = s.rss.rounds.at(-1)! - s.rss.rounds[0]!;
      console.log(`${s.name} RSS after each round: ${s.rss.rounds.join(' → ')} MB (round 1 → ${ROUNDS}: ${growth >= 0 ? '+' : ''}${growth.toFixed(1)} MB)`);
      const used = s.heap.rounds.map((h) => h.used);
      const heapGrowth = used.at(-1)! - used[0]!;
      console.log(`${s.name} heap used after full GC: warm ${s.heap.warm!.used}, after each round ${used.join(' → ')} MB (round 1 → ${ROUNDS}: ${heapGrowth >= 0 ? '+' : ''}${heapGrowth.toFixed(1)} MB)`);
      console.log(`${s.name} heap reserved ${s.heap.rounds.map((h) => h.total).join(' → ')} MB, external ${s.heap.rounds.map((h) => h.external).join(' → ')} MB`);
    }
    // Each round measures both sides back to back, so the ratio is taken per round and the median
    // of those is the headline: a round the shared machine slowed weighs on one pair, not on a side.
    const ratios = gen.rps.map((g, i) => g / hw.rps[i]!);
    console.log(`throughput generated / handwritten = ${median(ratios).toFixed(2)}×, median of the rounds' ratios (per round: ${ratios.map((r) => r.toFixed(2)).join(', ')}; ratio of the medians ${(median(gen.rps) / median(hw.rps)).toFixed(2)}×)`);
    // CPU per call does not depend on what else the machine runs as much as throughput does.
    const cpuRatios = gen.cpu.map((g, i) => hw.cpu[i]! / g);
    console.log(`CPU per call handwritten / generated = ${median(cpuRatios).toFixed(2)}×, median of the rounds' ratios (per round: ${cpuRatios.map((r) => r.toFixed(2)).join(', ')})`);

    // Every acknowledged write is in the database.
    const acknowledged = sides.flatMap((s) => s.tally.writes);
    const stored = new Set((await prisma.note.findMany({ where: { id: { in: acknowledged } }, select: { id: true } })).map((r: { id: number }) => r.id));
    const after = await prisma.note.count();
    console.log(`writes: ${acknowledged.length} acknowledged, ${acknowledged.filter((id) => !stored.has(id)).length} missing; rows ${before} → ${after} (+${after - before}, ≥ acknowledged: ${after - before >= acknowledged.length})`);

    // 401/403 storm on kept-alive connections, mixed with good calls.
    const json = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
    const storm = await autocannon({
      url: generated.baseUrl, connections: CONNECTIONS, duration: DURATION,
      requests: [
        { method: 'POST', path: '/mcp', headers: { ...json, authorization: `Bearer ${rw.key}` }, body: call('list_notes', {}) },
        { method: 'POST', path: '/mcp', headers: { ...json, authorization: 'Bearer mcpk_AAAAAAAA_' + 'A'.repeat(43) }, body: call('list_notes', {}) },
        { method: 'POST', path: '/mcp', headers: { ...json, authorization: `Bearer ${ro.key}` }, body: call('create_note', { data: { title: 'nope' } }) },
        { method: 'POST', path: '/mcp', headers: json, body: call('list_notes', { pad: 'x'.repeat(20_000) }) },
      ] as any,
    });
    console.log(`401/403 storm (generated): ${storm.requests.total} requests, 2xx ${storm['2xx']}, 4xx ${storm['4xx']}, 5xx ${storm['5xx']}, socket errors ${storm.errors}, time-outs ${storm.timeouts}, resets ${storm.resets}`);
    await prisma.$disconnect();
  } finally {
    putDbBack();
    process.off('SIGINT', interrupted);
    await hand?.stop();
    await generated?.stop();
    await p.close();
    await fs.rm(tmp, { recursive: true, force: true });
  }
}

async function projectPrisma(dir: string, env: Record<string, string>): Promise<{ prisma: any }> {
  Object.assign(process.env, env);
  return (await import(pathToFileURL(path.join(dir, 'src/mcp/db.ts')).href)) as { prisma: any };
}

for (const database of configuredDatabases().filter((d) => WANTED.includes(d.provider))) await benchDatabase(database);
