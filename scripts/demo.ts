/**
 * npm run demo: what a new user does, on the blog fixture and SQLite —
 * init (API keys), generate, Prisma client, database, seed, a key, and a running server.
 * `npm run demo -- --smoke` connects a real MCP client, calls a few tools and exits.
 * `npm run demo -- --oauth` also sets up the built-in OAuth server (init --auth oauth) and prints
 * what to paste into Claude's "Add custom connector" and Claude Code.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { generatePrismaClient } from '../test/helpers/prisma-generate.js';
import { pushSchema } from '../test/helpers/push-schema.js';
import { startServer } from '../test/helpers/server.js';
import { mcpGen, tsx } from '../test/e2e/cli.js';

const repo = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
const dir = path.join(repo, '.scratch/demo');
const smoke = process.argv.includes('--smoke');
const oauth = process.argv.includes('--oauth');
const step = (s: string) => console.log(`\n▸ ${s}`);

async function must(p: Promise<{ code: number; stdout: string; stderr: string }>, what: string) {
  const r = await p;
  if (r.code !== 0) throw new Error(`${what} failed:\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

step(`a fresh project in ${path.relative(repo, dir)} with the blog fixture's Prisma schema`);
await fs.rm(dir, { recursive: true, force: true });
await fs.mkdir(path.join(dir, 'node_modules'), { recursive: true });
await fs.cp(path.join(repo, 'fixtures/blog/prisma'), path.join(dir, 'prisma'), { recursive: true });
await fs.writeFile(path.join(dir, 'package.json'), JSON.stringify({ name: 'blog', private: true, type: 'module' }, null, 2));
await fs.writeFile(
  path.join(dir, 'tsconfig.json'),
  JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'bundler', strict: true, skipLibCheck: true, noEmit: true, allowImportingTsExtensions: true, types: ['node'] } }, null, 2),
);
await fs.symlink(repo, path.join(dir, 'node_modules/mcp-gen'));
// The `mcp-gen` command as npm links it: init's `generator mcp` block makes `prisma generate` run it.
await fs.mkdir(path.join(dir, 'node_modules/.bin'), { recursive: true });
await fs.symlink(path.join(repo, 'bin/mcp-gen.js'), path.join(dir, 'node_modules/.bin/mcp-gen'));

step(`npx mcp-gen init --yes --no-install${oauth ? ' --auth oauth' : ''}`);
console.log(await must(mcpGen(['init', '--yes', '--no-install', ...(oauth ? ['--auth', 'oauth'] : [])], dir), 'init'));

step('npx prisma generate, and the SQLite database (WebAssembly schema engine)');
await generatePrismaClient(dir, 'prisma/schema.prisma');
const env = { DATABASE_URL: `file:${path.join(dir, 'dev.db')}` };
await pushSchema({ files: [['prisma/schema.prisma', await fs.readFile(path.join(dir, 'prisma/schema.prisma'), 'utf8')]], url: env.DATABASE_URL, provider: 'sqlite' });
await tsx('prisma/seed.ts', dir, env);

step('npx mcp-gen keys create --user ann@example.com --scopes read');
const created = JSON.parse(await must(mcpGen(['keys', 'create', '--user', 'ann@example.com', '--name', 'demo', '--json'], dir, env), 'keys create')) as { key: string };

step('npx tsx src/mcp/server.ts');
const server = await startServer(dir, { env: { ...env, PORT: process.env.PORT ?? '3000' } });
const auth = `Authorization: Bearer ${created.key}`;
console.log(`
MCP server: ${server.url}   (health: ${server.baseUrl}/healthz)
API key (shown once; user ann@example.com, scope read): ${created.key}

MCP Inspector:  npx @modelcontextprotocol/inspector
                → Transport "Streamable HTTP", URL ${server.url}, header "${auth}"
Claude Code:    claude mcp add --transport http blog ${server.url} --header "${auth}"
Claude Desktop: add to claude_desktop_config.json (bridged with mcp-remote) →
                { "mcpServers": { "blog": { "command": "npx",
                  "args": ["-y", "mcp-remote", "${server.url}", "--header", "Authorization:\${AUTH_HEADER}"],
                  "env": { "AUTH_HEADER": "Bearer ${created.key}" } } } }
curl:           curl -s ${server.url} -H "${auth}" -H 'content-type: application/json' \\
                  -H 'accept: application/json, text/event-stream' \\
                  -d '{"jsonrpc":"2.0","id":1,"method":"tools/list"}'
`);
if (oauth) {
  console.log(`OAuth (built-in server; sign in with the API key above on its sign-in page):
Claude Code:    claude mcp add --transport http blog ${server.url}   then /mcp → Authenticate
Claude.ai / Claude Desktop: Settings → Connectors → Add custom connector → URL <public https URL>/mcp
                (Claude connects from the internet: expose ${server.baseUrl} through an https tunnel
                 or deploy it, and start it with MCP_PUBLIC_URL=<that https URL> and
                 MCP_OAUTH_SECRET=$(openssl rand -base64 32))
ChatGPT:        Settings → Connectors → Create → the same URL, authentication OAuth
Discovery:      ${server.baseUrl}/.well-known/oauth-protected-resource/mcp
`);
}

if (smoke) {
  const client = new Client({ name: 'mcp-gen-demo', version: '1' });
  await client.connect(new StreamableHTTPClientTransport(new URL(server.url), { requestInit: { headers: { authorization: `Bearer ${created.key}` } } }));
  const { tools } = await client.listTools();
  console.log(`tools/list: ${tools.length} tools: ${tools.map((t) => t.name).join(', ')}`);
  const me = await client.callTool({ name: 'get_user_info', arguments: {} });
  console.log('get_user_info →', JSON.stringify(me.structuredContent));
  const posts = await client.callTool({ name: 'list_blog_posts', arguments: { take: 2, select: ['slug', 'title', 'views'] } });
  console.log('list_blog_posts →', JSON.stringify(posts.structuredContent));
  await client.close();
  await server.stop();
  if (me.isError || posts.isError) process.exit(1);
} else {
  console.log('Ctrl-C stops the server.');
  const stop = () => void server.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
