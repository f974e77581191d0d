/**
 * SQL statements per call (a count, so it does not depend on how busy the machine is): the
 * generated clinic server next to bench/load-handwritten.ts, for one list_notes and one create_note,
 * each repeated; statements are counted in the server process by bench/sql-counter.mjs.
 *
 * Run: `npm run build && npx tsx bench/queries.ts [--db sqlite|postgresql] [--calls 20]`
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { configuredDatabases } from '../test/helpers/databases.js';
import { startServer, type RunningServer } from '../test/helpers/server.js';
import { createClinicProject } from '../test/e2e/scoping/project.js';
import { rawCall } from '../test/e2e/scoping/rpc.js';
import { serverPid } from './load-mix.js';
import { option } from './args.js';

const DB = option('db', 'sqlite');
const CALLS = Number(option('calls', '20'));

const database = configuredDatabases().find((d) => d.provider === DB);
if (!database) throw new Error(`--db ${DB}: not configured (PostgreSQL needs MCPGEN_TEST_POSTGRES_URL)`);
const p = await createClinicProject(database);
const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mcpgen-sql-'));
try {
  const rw = await p.createKey('ann@example.com', ['--scopes', 'read,write', '--name', 'queries']);
  await p.server.stop();
  for (const side of ['generated', 'handwritten'] as const) {
    const file = path.join(dir, `${side}.json`);
    const env = { ...p.env, PROJECT_DIR: p.dir, MCPGEN_SQL_COUNT_FILE: file, NODE_OPTIONS: `--import ${path.resolve('bench/sql-counter.mjs')}` };
    const server: RunningServer = await startServer(p.dir, { env, ...(side === 'handwritten' ? { entry: path.resolve('bench/load-handwritten.ts') } : {}) });
    const pid = serverPid(server);
    const counts = async (): Promise<Record<string, number>> => {
      await fs.rm(file, { force: true });
      process.kill(pid, 'SIGUSR2');
      for (let i = 0; i < 100; i++) {
        const text = await fs.readFile(file, 'utf8').catch(() => undefined);
        if (text) return JSON.parse(text) as Record<string, number>;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`${side}: no counts from the server`);
    };
    try {
      for (const [tool, a] of [['list_notes', { take: 5 }], ['create_note', { data: { title: 'q', body: 'x' } }]] as const) {
        await rawCall(server.url, rw.key, tool, a); // warm: lastUsedAt, plan caches
        await counts();
        for (let i = 0; i < CALLS; i++) {
          const r = await rawCall(server.url, rw.key, tool, a);
          const result = (r.body as { result?: { isError?: boolean } }).result;
          if (r.status !== 200 || !result || result.isError) throw new Error(`${side} ${tool} failed: ${JSON.stringify(r.body)}`);
        }
        const c = await counts();
        const total = Object.values(c).reduce((a, b) => a + b, 0);
        console.log(`${side.padEnd(12)} ${tool.padEnd(12)} ${(total / CALLS).toFixed(1)} statements per call (${Object.entries(c).map(([k, n]) => `${k} ${(n / CALLS).toFixed(1)}`).join(', ')})`);
      }
    } finally {
      await server.stop();
    }
  }
} finally {
  await p.close();
  await fs.rm(dir, { recursive: true, force: true });
}
