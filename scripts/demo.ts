/**
 * npm run demo: what a new user does, on the blog fixture and SQLite — init (API keys), generate,
 * Prisma client, database, seed, a key, and a running server. The knobs (also printed by --help):
 *
 *   PORT=3001 npm run demo             listen elsewhere (default 3000; 0 picks a free port)
 *   npm run demo -- --smoke            connect a real MCP client, call a few tools, exit
 *   npm run demo -- --oauth            also the built-in OAuth server (init --auth oauth), and what
 *                                      to paste into Claude's "Add custom connector" and Claude Code
 *   npm run demo -- --mode compact     describe_models / query / mutate instead of per-model tools
 *   npm run demo -- --fresh            start over (the project is otherwise kept between runs)
 *   npm run demo -- --dir <path>       another project folder (default .scratch/demo)
 *
 * A rerun keeps .scratch/demo as you edited it (config, tools, server.ts, data) and runs generate
 * again, so an edit to mcp-gen.config.ts shows on the next run; see scripts/demo-project.ts.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectClientV2 } from '../test/helpers/client.js';
import { startServer } from '../test/helpers/server.js';
import { mcpGen } from '../test/e2e/cli.js';
import { createDemo, databaseUrl, existingDemo, refreshDemo, type DemoOptions } from './demo-project.js';
import { connectHelp, KNOBS } from './demo-text.js';

const repo = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const argv = process.argv.slice(2);
const value = (flag: string) => (argv.includes(flag) ? argv[argv.indexOf(flag) + 1] : undefined);
const step = (s: string) => console.log(`\n▸ ${s}`);

if (argv.includes('--help')) {
  console.log(KNOBS);
  process.exit(0);
}
const mode = value('--mode') ?? 'full';
if (mode !== 'full' && mode !== 'compact') {
  console.error(`--mode: expected full or compact, got ${JSON.stringify(mode)}\n\n${KNOBS}`);
  process.exit(2);
}
const dir = path.resolve(repo, value('--dir') ?? '.scratch/demo');
const wanted: DemoOptions = { oauth: argv.includes('--oauth'), mode };
const smoke = argv.includes('--smoke');

const existing = argv.includes('--fresh') ? undefined : await existingDemo(dir);
if (existing) {
  // Only options asked for on the command line must match; a plain rerun takes the project as it is.
  const clash = [
    wanted.oauth && !existing.oauth ? '--oauth (it has no OAuth)' : undefined,
    argv.includes('--mode') && wanted.mode !== existing.mode ? `--mode ${wanted.mode} (its config is in ${existing.mode} mode)` : undefined,
  ].filter(Boolean);
  if (clash.length > 0) {
    console.error(`${path.relative(repo, dir)} exists and does not match ${clash.join(', ')}.\n` +
      `Your edits there are kept: edit mcp-gen.config.ts yourself, or start over with\n  npm run demo -- --fresh ${argv.filter((a) => a !== '--fresh').join(' ')}`);
    process.exit(1);
  }
  await refreshDemo(repo, dir, step);
} else {
  await createDemo(repo, dir, wanted, step);
}
const options = (await existingDemo(dir))!;

step('npx mcp-gen keys create --user ann@example.com --scopes read');
const env = { DATABASE_URL: databaseUrl(dir) };
const created = JSON.parse(await mcpGen(['keys', 'create', '--user', 'ann@example.com', '--name', 'demo', '--json'], dir, env).then((r) => {
  if (r.code !== 0) throw new Error(`keys create failed:\n${r.stdout}${r.stderr}`);
  return r.stdout;
})) as { key: string };

step('npx tsx src/mcp/server.ts');
const server = await startServer(dir, { env: { ...env, PORT: process.env['PORT'] ?? '3000' } });
console.log(connectHelp({ dir: path.relative(process.cwd(), dir) || '.', url: server.url, baseUrl: server.baseUrl, key: created.key, oauth: options.oauth, mode: options.mode }));

if (smoke) {
  const client = await connectClientV2(server.url, { protocol: '2025-11-25', headers: { authorization: `Bearer ${created.key}` } });
  const { tools } = await client.listTools();
  console.log(`tools/list: ${tools.length} tools: ${tools.map((t) => t.name).join(', ')}`);
  const me = await client.callTool({ name: 'get_user_info', arguments: {} });
  console.log('get_user_info →', JSON.stringify(me.structuredContent));
  const posts =
    options.mode === 'compact'
      ? await client.callTool({ name: 'query', arguments: { model: 'BlogPost', operation: 'findMany', args: { take: 2, select: { slug: true, title: true, views: true } } } })
      : await client.callTool({ name: 'list_blog_posts', arguments: { take: 2, select: ['slug', 'title', 'views'] } });
  console.log(`${options.mode === 'compact' ? 'query BlogPost.findMany' : 'list_blog_posts'} →`, JSON.stringify(posts.structuredContent));
  await client.close();
  await server.stop();
  if (me.isError || posts.isError) process.exit(1);
} else {
  console.log('Ctrl-C stops the server.');
  const stop = () => void server.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
