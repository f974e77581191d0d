// What bench/load.ts and bench/profile.ts share: the 3 reads : 1 write mix driven by autocannon,
// and the server process's resident memory and CPU time read from /proc.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import autocannon from 'autocannon';
import type { RunningServer } from '../test/helpers/server.js';

export interface Tally {
  ok: number;
  toolErrors: number;
  writes: number[];
}

/** The pid of the process listening on the server's port (the node process, not tsx). */
export function serverPid(server: RunningServer): number {
  const port = new URL(server.url).port;
  const line = execFileSync('ss', ['-ltnpH', `sport = :${port}`], { encoding: 'utf8' });
  const pid = /pid=(\d+)/.exec(line)?.[1];
  if (!pid) throw new Error(`no process listens on port ${port}: ${line}`);
  return Number(pid);
}

/** Resident memory in MB. */
export function rssMb(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  return Math.round(kb / 102.4) / 10;
}

/** Environment that makes a server answer heapAfterGcMb (bench/heap-probe.mjs writes to `file`). */
export function heapProbeEnv(file: string): Record<string, string> {
  return { MCPGEN_HEAP_FILE: file, NODE_OPTIONS: `--import ${path.resolve('bench/heap-probe.mjs')}` };
}

export interface HeapMb {
  /** JS heap in use after a full collection: what a leak grows. */
  readonly used: number;
  /** JS heap V8 keeps reserved (part of RSS; it follows the allocation rate, not what is retained). */
  readonly total: number;
  /** Memory outside the JS heap held by JS objects (Buffers, streams). */
  readonly external: number;
}

/** Heap after a full garbage collection, in MB, from a server started with heapProbeEnv(file). */
export async function heapAfterGcMb(pid: number, file: string): Promise<HeapMb> {
  await fs.rm(file, { force: true });
  process.kill(pid, 'SIGUSR2');
  for (let i = 0; i < 1200; i++) {
    const text = await fs.readFile(file, 'utf8').catch(() => '');
    if (text) {
      const m = JSON.parse(text) as { heapUsed: number; heapTotal: number; external: number };
      const mb = (bytes: number) => Math.round(bytes / 104857.6) / 10;
      return { used: mb(m.heapUsed), total: mb(m.heapTotal), external: mb(m.external) };
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`pid ${pid} did not answer the heap probe`);
}

/** User + system CPU time the process used so far, in ms (a machine shared with other work does not inflate it). */
export function cpuMs(pid: number): number {
  // Fields after the command name (which can hold spaces): utime and stime are fields 14 and 15.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // USER_HZ is 100 on Linux
}

export function call(name: string, args: Record<string, unknown>): string {
  return JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name, arguments: args } });
}

/** The tool result inside a JSON or one-event SSE answer. */
function resultOf(body: string): { isError?: boolean; structuredContent?: { id?: number } } | undefined {
  const data = body.startsWith('{') ? body : body.split('\n').find((l) => l.startsWith('data:'))?.slice(5);
  try {
    return data ? (JSON.parse(data) as { result?: any }).result : undefined;
  } catch {
    return undefined;
  }
}

/** `seconds` of 3 list_notes : 1 create_note on `connections` kept-alive connections. */
export async function load(server: RunningServer, key: string, tag: string, seconds: number, tally: Tally, connections: number) {
  let n = 0;
  const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
  const onResponse = (status: number, body: string) => {
    const r = status === 200 ? resultOf(body) : undefined;
    if (!r || r.isError) tally.toolErrors++;
    else tally.ok++;
  };
  const read = { method: 'POST' as const, path: '/mcp', headers, body: call('list_notes', { take: 5 }), onResponse };
  const write = {
    method: 'POST' as const, path: '/mcp', headers,
    setupRequest: (req: any) => ({ ...req, body: call('create_note', { data: { title: `${tag}-${n++}`, body: 'load' } }) }),
    onResponse: (status: number, body: string) => {
      const r = status === 200 ? resultOf(body) : undefined;
      if (!r || r.isError || typeof r.structuredContent?.id !== 'number') return void tally.toolErrors++;
      tally.ok++;
      tally.writes.push(r.structuredContent.id);
    },
  };
  return autocannon({ url: server.baseUrl, connections, duration: seconds, requests: [read, read, read, write] as any });
}
