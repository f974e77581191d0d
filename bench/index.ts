/**
 * Benchmark (not a test): on the largest real-world schema, how mcp-gen compares with Prisma's own
 * code generation, which every user of it already runs.
 *
 *   1. `mcp-gen generate` wall time ÷ `prisma generate` wall time, same schema, same project
 *      (target ≤ 0.5×). Both are cold CLI processes, run interleaved, median of N.
 *   2. `tsc --noEmit` of the project with our generated server ÷ the same project with only the
 *      Prisma client (target ≤ 1.5×), for TypeScript 7 and 5, interleaved, median of N.
 *
 * Run: `npm run build && npx tsx bench/index.ts [--schema trigger.dev] [--runs 5] [--only generate]`
 * (`--only generate` skips the tsc comparisons.)
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { createCorpusProject, SCHEMA_PATH } from '../test/e2e/corpus-project.js';
import { mcpGen } from '../test/e2e/cli.js';
import { removeScratch } from '../test/helpers/scratch.js';
import { repoBin } from '../test/helpers/repo.js';
import { run } from '../test/helpers/run.js';
import { stripDatasourceUrls } from '../test/helpers/strip-datasource-urls.js';
import { median, ratioLine, timed } from './stats.js';
import { option } from './args.js';

const schemaName = option('schema', 'trigger.dev');
const runs = Number(option('runs', '5'));
const only = option('only', 'all');
if (only !== 'all' && only !== 'generate') throw new Error(`--only takes "generate", got "${only}"`);

const COMPILERS = { ts7: 'typescript7/bin/tsc', ts5: 'typescript/bin/tsc' } as const;

async function must(what: string, p: Promise<{ code: number | null; output?: string; stdout?: string; stderr?: string }>) {
  const r = await p;
  if (r.code !== 0) throw new Error(`${what} failed (exit ${r.code}):\n${r.output ?? `${r.stdout}${r.stderr}`}`);
}

async function main(): Promise<void> {
  const project = await createCorpusProject(schemaName);
  const dir = project.dir;
  try {
    // Prisma 7's CLI rejects datasource URLs in the schema; give both tools the same, accepted file.
    // No `generator mcp` block: prisma generate is timed alone, against mcp-gen generate.
    await fs.writeFile(path.join(dir, SCHEMA_PATH), stripDatasourceUrls(project.schema));
    await must('mcp-gen init', mcpGen(['init', '--yes', '--no-install', '--auth', 'none', '--no-prisma-generator'], dir));
    const outDir = path.join(dir, 'src/mcp/generated');
    const prismaEnv = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: '/bin/true', PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' };
    const prismaGenerate = () => run(repoBin('.bin/prisma'), ['generate', '--schema', SCHEMA_PATH], { cwd: dir, env: prismaEnv });
    const ourGenerate = async () => {
      await fs.rm(outDir, { recursive: true, force: true }); // a full write every time, as prisma does
      return mcpGen(['generate'], dir);
    };

    const ours: number[] = [];
    const prisma: number[] = [];
    for (let i = 0; i < runs; i++) {
      prisma.push(await timed(() => must('prisma generate', prismaGenerate())));
      ours.push(await timed(() => must('mcp-gen generate', ourGenerate())));
    }

    // The "client only" project: same tsconfig, only the Prisma client's files.
    const tsconfig = JSON.parse(await fs.readFile(path.join(dir, 'tsconfig.json'), 'utf8')) as Record<string, unknown>;
    await fs.writeFile(path.join(dir, 'tsconfig.client-only.json'), JSON.stringify({ ...tsconfig, include: ['src/generated/**/*.ts'] }, null, 2));
    const tsc = (compiler: keyof typeof COMPILERS, config: string) =>
      must(`tsc (${compiler}, ${config})`, run(process.execPath, [repoBin(COMPILERS[compiler]), '-p', path.join(dir, config), '--noEmit'], { cwd: dir }));

    const tscResults: { compiler: string; withServer: number[]; clientOnly: number[] }[] = [];
    for (const compiler of only === 'generate' ? [] : (['ts7', 'ts5'] as const)) {
      const withServer: number[] = [];
      const clientOnly: number[] = [];
      await tsc(compiler, 'tsconfig.json'); // warm the file cache once; not counted
      for (let i = 0; i < runs; i++) {
        clientOnly.push(await timed(() => tsc(compiler, 'tsconfig.client-only.json')));
        withServer.push(await timed(() => tsc(compiler, 'tsconfig.json')));
      }
      tscResults.push({ compiler, withServer, clientOnly });
    }

    const files = (await fs.readdir(outDir, { recursive: true })).filter((f) => f.endsWith('.ts')).length;
    console.log(`schema: ${schemaName} (${project.ir.models.length} models, ${files} generated files), ${runs} runs each, interleaved, medians`);
    console.log(ratioLine('generate: mcp-gen / prisma', median(ours), median(prisma), 0.5));
    for (const r of tscResults) {
      console.log(ratioLine(`tsc --noEmit (${r.compiler}): with server / client only`, median(r.withServer), median(r.clientOnly), 1.5));
    }
  } finally {
    await removeScratch(dir);
  }
}

await main();
