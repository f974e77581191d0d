/**
 * Size and speed of the generated servers over the real-world corpus (test/helpers/real-world.ts finds it; `npm run corpus:fetch` gets it).
 * Run: `npm run build && npx tsx scripts/corpus.ts [name ...]`
 *
 * Per schema: models, tools, `mcp-gen generate` wall time (a cold CLI process, as a user runs it),
 * `tsc --noEmit` time (TS 7) of the whole project, and the size of the tools/list answer — the part of
 * an AI client's context window the server takes — in total and per tool. The server is started with
 * an unreachable DATABASE_URL: it connects only on the first query, and tools/list needs none.
 */
import { corpusDir, corpusNames, createCorpusProject, SCHEMA_PATH } from '../test/e2e/corpus-project.js';
import { mcpGen } from '../test/e2e/cli.js';
import { removeScratch } from '../test/helpers/scratch.js';
import { generatePrismaClient } from '../test/helpers/prisma-generate.js';
import { typecheck } from '../test/helpers/tsc.js';
import { startServer } from '../test/helpers/server.js';
import { connectClient } from '../test/helpers/client.js';

const UNREACHABLE: Record<string, string> = {
  sqlite: 'file:./never-opened.db',
  postgresql: 'postgresql://nobody@127.0.0.1:9/none',
  mysql: 'mysql://nobody@127.0.0.1:9/none',
};

interface Row {
  schema: string;
  provider: string;
  models: number;
  tools: number;
  generateMs: number;
  tscMs: number;
  listBytes: number;
  bytesPerTool: number;
}

async function measure(name: string): Promise<Row> {
  const project = await createCorpusProject(name);
  try {
    const started = performance.now();
    const gen = await mcpGen(['generate'], project.dir);
    const generateMs = Math.round(performance.now() - started);
    if (gen.code !== 0) throw new Error(`${name}: mcp-gen generate failed:\n${gen.stdout}${gen.stderr}`);
    // init adds the user-owned server entry and db module (the config exists and is kept).
    const init = await mcpGen(['init', '--yes', '--no-install', '--auth', 'none'], project.dir);
    if (init.code !== 0) throw new Error(`${name}: mcp-gen init failed:\n${init.stdout}${init.stderr}`);
    await generatePrismaClient(project.dir, SCHEMA_PATH);
    const tsc = await typecheck(project.dir, 'ts7');
    if (!tsc.ok) throw new Error(`${name}: tsc failed:\n${tsc.output}`);

    const server = await startServer(project.dir, { env: { DATABASE_URL: UNREACHABLE[project.ir.provider] ?? '' } });
    try {
      const client = await connectClient(server.url);
      const list = await client.listTools();
      await client.close();
      const listBytes = Buffer.byteLength(JSON.stringify(list));
      return {
        schema: name,
        provider: project.ir.provider,
        models: project.ir.models.length,
        tools: list.tools.length,
        generateMs,
        tscMs: tsc.ms,
        listBytes,
        bytesPerTool: Math.round(listBytes / list.tools.length),
      };
    } finally {
      await server.stop();
    }
  } finally {
    await removeScratch(project.dir);
  }
}

function table(rows: Row[]): string {
  const head = ['schema', 'provider', 'models', 'tools', 'generate ms', 'tsc ms (ts7)', 'tools/list bytes', 'bytes/tool'];
  const body = rows.map((r) => [r.schema, r.provider, r.models, r.tools, r.generateMs, r.tscMs, r.listBytes, r.bytesPerTool].map(String));
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  return [line(head), `|${widths.map((w, i) => (i < 2 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...body.map(line)].join('\n');
}

const wanted = process.argv.slice(2);
corpusDir(); // fails with what is missing and how to get it (npm run corpus:fetch)
const names = wanted.length > 0 ? wanted : corpusNames();
const rows: Row[] = [];
for (const name of names) {
  process.stderr.write(`measuring ${name}…\n`);
  rows.push(await measure(name));
}
console.log(table(rows));
