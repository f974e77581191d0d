/**
 * Issue 20, finding 1 with `auth: 'none'`: the generated blog server (init --auth none) refuses a
 * web page that rebound its own name to 127.0.0.1. Its requests carry the page's name as Host and
 * Origin; names that merely start with `127.` or `localhost` are not loopback. Nothing is written.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchProject, removeScratch } from '../helpers/scratch.js';
import { generatePrismaClient } from '../helpers/prisma-generate.js';
import { pushSchema } from '../helpers/push-schema.js';
import { startServer, type RunningServer } from '../helpers/server.js';
import { mcpGen, REPO, tsx } from '../e2e/cli.js';
import { MCP_HEADERS, rawRequest, toolsCall } from './raw-http.js';

let dir: string;
let server: RunningServer;
let port: string;
let post = 0;

beforeAll(async () => {
  dir = await createScratchProject('rebinding-none', { fixtureDir: path.join(REPO, 'fixtures/blog') });
  const init = await mcpGen(['init', '--yes', '--no-install', '--auth', 'none'], dir);
  expect(init.code, init.stderr).toBe(0);
  await generatePrismaClient(dir, 'prisma/schema.prisma');
  const env = { DATABASE_URL: `file:${path.join(dir, 'dev.db')}` };
  await pushSchema({ files: [['prisma/schema.prisma', await fs.readFile(path.join(dir, 'prisma/schema.prisma'), 'utf8')]], url: env.DATABASE_URL, provider: 'sqlite' });
  await tsx('prisma/seed.ts', dir, env);
  server = await startServer(dir, { env });
  port = new URL(server.url).port;
}, 180_000);

afterAll(async () => {
  await server?.stop();
  if (dir) await removeScratch(dir);
});

const createTag = (headers: Record<string, string>) =>
  rawRequest(server.url, { method: 'POST', path: '/mcp', headers: { ...MCP_HEADERS, ...headers }, body: toolsCall('create_blog_post', { data: { slug: `rebound-${++post}`, title: `rebound ${post}`, authorId: 1 } }) });

const listPosts = async (): Promise<string> => {
  const res = await rawRequest(server.url, { method: 'POST', path: '/mcp', headers: MCP_HEADERS, body: toolsCall('count_blog_posts', {}) });
  expect(res.status).toBe(200);
  return res.body;
};

describe("DNS rebinding with auth: 'none'", () => {
  it.each(['127.evil.example', '127.0.0.1.evil.example', 'localhost.evil.example', '127.0.0.1.nip.io', 'evil.example', '127.0.0.256', '[::1].evil.example', 'a b', '127.0.0.1:99999x'])(
    'Host %s: 403 and no tool runs',
    async (host) => {
      const before = await listPosts();
      const res = await createTag({ host: host.includes(':') && !host.startsWith('[') ? host : `${host}:${port}` });
      expect(res.body).toMatch(/Host header not allowed/);
      expect(res.status).toBe(403);
      expect(await listPosts()).toBe(before);
    },
  );

  it.each(['http://127.evil.example', 'http://127.0.0.1.evil.example', 'https://localhost.evil.example', 'null'])('Origin %s (loopback Host): 403 and no tool runs', async (origin) => {
    const before = await listPosts();
    const res = await createTag({ host: `127.0.0.1:${port}`, origin: `${origin}${origin === 'null' ? '' : `:${port}`}` });
    expect(res.status).toBe(403);
    expect(res.body).toMatch(/Origin not allowed/);
    expect(await listPosts()).toBe(before);
  });

  it.each(['127.0.0.1', '127.8.9.10', 'localhost', '[::1]'])('a loopback Host (%s) with a loopback Origin is served', async (host) => {
    const res = await createTag({ host: `${host}:${port}`, origin: `http://${host}:${port}` });
    expect(res.status).toBe(200);
    expect(res.body).toContain(`rebound-${post}`);
  });

  it('malformed paths and well-known documents answer 4xx, never 500', async () => {
    const bad = await rawRequest(server.url, { method: 'POST', path: '/mcp/%E0%A4%A', headers: MCP_HEADERS, body: toolsCall('count_blog_posts', {}) });
    expect(bad.status).toBe(404);
    const wellKnown = await rawRequest(server.url, { path: '/.well-known/oauth-protected-resource/mcp', headers: { host: `evil.example:${port}` } });
    expect(wellKnown.status).toBe(403);
  });
});
