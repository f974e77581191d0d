/**
 * Benchmark (not a test), issue 25: what five realistic multi-step questions cost a model in full,
 * compact and code mode, on the blog fixture (SQLite: its seed plus 6 writers, 6 tags, 80 posts
 * and their comments). Each answer is a scripted transcript
 * (no model) run against the real server through the SDK v2 client. Counted with gpt-tokenizer's
 * o200k_base: the tools/list answer, every call's `{ name, arguments }` and every result's text.
 * Round trips: tool calls. Also: `execute` overhead cold (first program after start) and warm
 * (median of 20), next to the same count through compact `query`, and the server's memory (RSS
 * of its process group) before, after the first program and after 50 more.
 *
 * The real-world schemas (../shared/fixtures/real-world) are not benchmarked here: they come
 * without data, and their questions would be answered from empty tables (see the closing note of
 * issue 25). Run: `npm run build && npx tsx bench/code-mode.ts`.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import type { Client } from '@modelcontextprotocol/client';
import { mcpGen, REPO, tsx } from '../test/e2e/cli.js';
import { connectClientV2 } from '../test/helpers/client.js';
import { generatePrismaClient } from '../test/helpers/prisma-generate.js';
import { pushSchema } from '../test/helpers/push-schema.js';
import { createScratchProject, removeScratch } from '../test/helpers/scratch.js';
import { startServer, type RunningServer } from '../test/helpers/server.js';
import { QUESTIONS, type Call, type Mode } from './code-mode-questions.js';

interface Tally { calls: number; callTokens: number; resultTokens: number; describeTokens: number; answer: unknown }

async function transcript(client: Client, run: (call: Call) => Promise<unknown>): Promise<Tally> {
  const t: Tally = { calls: 0, callTokens: 0, resultTokens: 0, describeTokens: 0, answer: undefined };
  const call: Call = async (name, args) => {
    t.calls++;
    t.callTokens += countTokens(JSON.stringify({ name, arguments: args }));
    const r = await client.callTool({ name, arguments: args });
    const text = (r.content as { type: string; text?: string }[]).filter((b) => b.type === 'text').map((b) => b.text ?? '').join('\n');
    t.resultTokens += countTokens(text);
    if (name === 'describe_models') t.describeTokens += countTokens(text);
    if (r.isError) throw new Error(`${name} ${JSON.stringify(args)}: ${text}`);
    return r.structuredContent ?? text;
  };
  t.answer = await run(call);
  return t;
}

function rss(server: RunningServer): number {
  const out = execFileSync('ps', ['-o', 'rss=', '-g', String(server.pid)], { encoding: 'utf8' });
  return out.split('\n').filter(Boolean).reduce((sum, l) => sum + Number(l.trim()), 0) / 1024;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timed(client: Client, name: string, args: Record<string, unknown>): Promise<number> {
  const t = performance.now();
  const r = await client.callTool({ name, arguments: args });
  if (r.isError) throw new Error(JSON.stringify(r.content));
  return performance.now() - t;
}

async function setMode(dir: string, mode: Mode): Promise<void> {
  const file = path.join(dir, 'mcp-gen.config.ts');
  const text = (await fs.readFile(file, 'utf8')).replace(/\n {2}mode: '\w+',/, '');
  // Code mode's wall clock is raised: this measures tokens, and a loaded two-core box can take
  // seconds over a cold server's first queries.
  const code = mode === 'code' ? '\n  code: { timeoutMs: 30000 },' : '';
  await fs.writeFile(file, mode === 'full' ? text.replace(/\n {2}code: \{[^}]*\},/, '') : text.replace("auth: 'none',", `auth: 'none',\n  mode: '${mode}',${code}`));
  const gen = await mcpGen(['generate'], dir);
  if (gen.code !== 0) throw new Error(gen.stderr || gen.stdout);
}

const BENCH_SEED = `import { prisma } from './src/mcp/db.js';
const tags = ['release', 'security', 'tutorial', 'opinion', 'event', 'guide'];
await prisma.tag.createMany({ data: tags.map((name) => ({ name })) });
const writers = [];
for (let u = 0; u < 6; u++) writers.push(await prisma.user.create({ data: { email: \`writer\${u}@example.com\`, name: \`Writer \${u}\`, role: 'AUTHOR', passwordHash: 'x' } }));
const everyone = (await prisma.user.findMany({ select: { id: true } })).map((u) => u.id);
for (let i = 0; i < 80; i++) {
  await prisma.blogPost.create({ data: {
    slug: \`bench-\${i}\`, title: \`Bench post \${i}\`, body: 'A paragraph of text. '.repeat(1 + (i % 5)),
    published: i % 4 !== 0, views: BigInt((i * 37) % 1000), rating: i % 5 === 0 ? null : String((i % 5) + 0.5),
    publishedAt: i % 4 !== 0 ? new Date(Date.UTC(2026, 1, 1 + (i % 28), i % 24)) : null,
    authorId: writers[i % writers.length].id,
    tags: { connect: [{ name: tags[i % tags.length] }, { name: i % 2 ? 'news' : 'howto' }] },
    comments: { create: Array.from({ length: i % 3 }, (_, k) => ({ body: \`Comment \${k} on \${i}\`, authorId: everyone[(i + k) % everyone.length] })) },
  } });
}
await prisma.$disconnect();
`;

async function main(): Promise<void> {
  const dir = await createScratchProject('bench-code-mode', { fixtureDir: path.join(REPO, 'fixtures/blog') });
  const env = { DATABASE_URL: `file:${path.join(dir, 'dev.db')}` };
  const rows: string[] = [];
  const overhead: string[] = [];
  try {
    const init = await mcpGen(['init', '--yes', '--no-install', '--auth', 'none'], dir);
    if (init.code !== 0) throw new Error(init.stderr);
    await generatePrismaClient(dir, 'prisma/schema.prisma');
    await pushSchema({ files: [['prisma/schema.prisma', await fs.readFile(path.join(dir, 'prisma/schema.prisma'), 'utf8')]], url: env.DATABASE_URL, provider: 'sqlite' });
    await tsx('prisma/seed.ts', dir, env);
    // More rows than the fixture's dozen, so pages, groups and per-row lookups look like a real blog.
    await fs.writeFile(path.join(dir, 'bench-seed.ts'), BENCH_SEED);
    await tsx('bench-seed.ts', dir, env);
    const answers = new Map<string, string>();
    for (const mode of ['full', 'compact', 'code'] as const) {
      await setMode(dir, mode);
      const server = await startServer(dir, { env });
      const client = await connectClientV2(server.url, { protocol: '2025-11-25' });
      try {
        const listTokens = countTokens(JSON.stringify(await client.listTools()));
        for (const q of QUESTIONS) {
          const t = await transcript(client, q[mode]);
          const answer = JSON.stringify(t.answer);
          // Every mode must reach the same answer, or the comparison means nothing.
          const seen = answers.get(q.id);
          if (seen !== undefined && seen !== answer) throw new Error(`${q.id}: ${mode} answered ${answer}, expected ${seen}`);
          answers.set(q.id, answer);
          rows.push(`| ${q.id} | ${mode} | ${t.calls} | ${listTokens} | ${t.callTokens} | ${t.resultTokens} (${t.describeTokens}) | ${listTokens + t.callTokens + t.resultTokens} |`);
        }
        if (mode === 'code') {
          const before = rss(server);
          const cold = await timed(client, 'execute', { code: 'return 1' });
          const afterFirst = rss(server);
          const warm: number[] = [];
          for (let i = 0; i < 20; i++) warm.push(await timed(client, 'execute', { code: 'return 1' }));
          const viaExecute: number[] = [];
          for (let i = 0; i < 20; i++) viaExecute.push(await timed(client, 'execute', { code: 'return await db.blogPost.count({ where: { published: true } })' }));
          for (let i = 0; i < 30; i++) await timed(client, 'execute', { code: 'return (await db.blogPost.findMany({ take: 10 })).items.length' });
          const after = rss(server);
          overhead.push(
            `execute 'return 1': cold ${cold.toFixed(0)} ms, warm median ${median(warm).toFixed(1)} ms`,
            `one count: execute median ${median(viaExecute).toFixed(1)} ms`,
            `server RSS: ${before.toFixed(0)} MB before, ${afterFirst.toFixed(0)} MB after the first program (+${(afterFirst - before).toFixed(0)} MB: worker + engine), ${after.toFixed(0)} MB after 70 more (${((after - afterFirst) / 70 * 1024).toFixed(0)} KB per run)`,
          );
        }
        if (mode === 'compact') {
          const viaQuery: number[] = [];
          for (let i = 0; i < 20; i++) viaQuery.push(await timed(client, 'query', { model: 'BlogPost', operation: 'count', args: { where: { published: true } } }));
          overhead.push(`one count: compact query median ${median(viaQuery).toFixed(1)} ms`);
        }
      } finally {
        await client.close();
        await server.stop();
      }
    }
  } finally {
    await removeScratch(dir);
  }
  console.log('| question | mode | round trips | tools/list | calls | results (of which describe_models) | total tokens |\n|---|---|---|---|---|---|---|');
  console.log(rows.join('\n'));
  console.log(`\n${overhead.join('\n')}`);
}

await main();
