// Shared by the framework mount tests: the clinic project (test/e2e/scoping/project.ts) turned
// into an app of the given framework before `mcp-gen init`, so init detects it, scaffolds the
// mount and edits the entry; then the app itself is started (`tsx src/server.ts`, as its users
// do), and one suite drives /mcp through it with the official SDK client and raw HTTP.
import fs from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { callTool, connectClient } from '../helpers/client.js';
import { testDatabases } from '../helpers/databases.js';
import { repoRoot } from '../helpers/repo.js';
import { typecheck } from '../helpers/tsc.js';
import { createClinicProject, type ClinicProject, type CreatedKey } from '../e2e/scoping/project.js';
import { bearer, rpc } from '../e2e/scoping/rpc.js';
import { connectWithOAuth, HeadlessProvider } from '../oauth/headless.js';

export interface MountCase {
  /** What init prints and names the mount file after (`express` → src/mcp/express.ts). */
  readonly framework: string;
  /** The suite's name. @default the framework */
  readonly title?: string;
  /** package.json dependencies of the app (what init detects). */
  readonly dependencies: Record<string, string>;
  /** The app's entry, src/server.ts: prints `listening on http://…/mcp`, serves GET /hello. */
  readonly entry: string;
  /** node_modules/<name> → the repo's node_modules/<target> (a second major version). */
  readonly links?: Record<string, string>;
  /**
   * `init --auth oauth`: the mount file also exports mcpAuthRoutes, mounted at the app's root, and
   * the suite checks the OAuth metadata answers through the app while the app keeps its own paths.
   */
  readonly oauth?: boolean;
  /** Framework-specific checks, run with the started app. */
  readonly extra?: (ctx: () => MountContext) => void;
}

export interface MountContext {
  readonly project: ClinicProject;
  /** http://127.0.0.1:PORT */
  readonly base: string;
  readonly annKey: CreatedKey;
}

/** The host name the app is reachable under besides loopback (env MCP_ALLOWED_HOSTS). */
export const APP_HOST = 'clinic.example.test';

const sqlite = testDatabases.find((d) => d.provider === 'sqlite')!;

export function describeMount(c: MountCase): void {
  describe(`${c.title ?? c.framework} mount`, () => {
    let project: ClinicProject;
    let base: string;
    let annKey: CreatedKey;
    let ann: Client;

    beforeAll(async () => {
      project = await createClinicProject(sqlite, 'full', {
        ...(c.oauth ? { auth: 'oauth' as const } : {}),
        entry: 'src/server.ts',
        serverEnv: { MCP_ALLOWED_HOSTS: APP_HOST },
        afterInit: async (dir) => {
          const file = path.join(dir, `src/mcp/${c.framework}.ts`);
          await fs.writeFile(file, enableSessionExample(await fs.readFile(file, 'utf8')));
        },
        prepare: async (dir) => {
          const pkg = { name: 'clinic-app', type: 'module', private: true, scripts: { start: 'tsx src/server.ts' }, dependencies: c.dependencies };
          await fs.writeFile(path.join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
          await fs.mkdir(path.join(dir, 'src'), { recursive: true });
          await fs.writeFile(path.join(dir, 'src/server.ts'), c.entry);
          for (const [name, target] of Object.entries(c.links ?? {})) {
            await fs.symlink(path.join(repoRoot, 'node_modules', target), path.join(dir, 'node_modules', name), 'dir');
          }
        },
      });
      base = project.server.baseUrl;
      annKey = await project.createKey('ann@example.com', ['--scopes', 'read,write']);
      ann = await connectClient(`${base}/mcp`, { headers: bearer(annKey.key) });
    }, 240_000);

    afterAll(async () => {
      await ann?.close();
      await project?.close();
    });

    it('init detected the framework, wrote the mount file and mounted it in the app entry', async () => {
      expect(project.initOutput).toContain(`created src/mcp/${c.framework}.ts (${c.framework} mount)`);
      expect(project.initOutput).toContain(`updated src/server.ts: mounted the MCP server (${c.framework})`);
      const entry = await fs.readFile(path.join(project.dir, 'src/server.ts'), 'utf8');
      expect(entry).toContain(`import { mcp${c.oauth ? ', mcpAuthRoutes' : ''} } from './mcp/${c.framework}.ts';`); // the scratch tsconfig allows .ts imports (allowImportingTsExtensions)
      // Everything the user wrote is still there, in order: only the import and the mount lines were added.
      const added = entry.split('\n').filter((line) => !c.entry.split('\n').includes(line));
      expect(added).toHaveLength(c.oauth ? 3 : 2);
      const again = await project.cli(['init', '--yes', '--no-install']);
      expect(again.stdout).toContain(`skipped src/mcp/${c.framework}.ts (exists; left as it is)`);
      expect(await fs.readFile(path.join(project.dir, 'src/server.ts'), 'utf8')).toBe(entry);
    }, 60_000);

    it('the project type-checks with the framework’s own types', async () => {
      const result = await typecheck(project.dir);
      expect(result.output).toBe('');
      expect(result.ok).toBe(true);
    }, 120_000);

    itServesThroughApp(() => ({ base, annKey, ann }));

    it('a kept-alive storm of refused requests with bodies leaves the connection usable', async () => {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      try {
        const sockets = new Set<unknown>();
        const padding = 'x'.repeat(64 * 1024);
        const statuses: number[] = [];
        for (let i = 0; i < 30; i++) {
          statuses.push((await post(base, '/mcp', { agent, padding, sockets }, {})).status);
          statuses.push((await post(base, '/mcp', { agent, sockets }, bearer(annKey.key))).status);
        }
        expect(statuses.filter((status) => status === 401)).toHaveLength(30);
        expect(statuses.filter((status) => status === 200)).toHaveLength(30);
        // Refused bodies were read or drained, not left in the socket: one connection served all 60.
        expect(sockets.size).toBe(1);
      } finally {
        agent.destroy();
      }
    });

    if (c.oauth) {
      it('OAuth: the 401 names the metadata, which answers through the app; the app keeps its other paths and 404s', () => expectOAuthThroughApp(base));
    }

    c.extra?.(() => ({ project, base, annKey }));
  });
}

/**
 * What every mount must do through the app (Express, Fastify, Hono, Next.js): tools/list and a
 * row-scoped call with a key, the app's own session as the caller (the scaffolded example enabled:
 * the cookie `sid=2` signs Bob in), /mcp/<toolset>, Host and Origin refusals, 401 without
 * credentials, and the app's own /hello still answering.
 */
export function itServesThroughApp(ctx: () => { readonly base: string; readonly annKey: CreatedKey; readonly ann: Client }): void {
  it('serves tools/list and row-scoped calls through the mount', async () => {
    const names = (await ctx().ann.listTools()).tools.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['list_notes', 'list_patients']));
    const notes = await callTool(ctx().ann, 'list_notes', { take: 10 });
    expect(notes.isError).toBe(false);
    const items = (notes.structured as { items: { title: string }[] }).items;
    expect(items.map((n) => n.title).sort()).toEqual(['Ann 1', 'Ann 2', 'Ann 3']);
  });

  it('takes the caller from the app’s own session (the scaffolded example, enabled)', async () => {
    const bob = await connectClient(`${ctx().base}/mcp`, { headers: { cookie: 'sid=2' } });
    try {
      const notes = await callTool(bob, 'list_notes', { take: 10 });
      expect((notes.structured as { items: { title: string }[] }).items.map((n) => n.title).sort()).toEqual(['Bob 1', 'Bob 2', 'Bob 3', 'Bob 4']);
    } finally {
      await bob.close();
    }
  });

  it('serves /mcp/<toolset> with that toolset only', async () => {
    const notesOnly = await connectClient(`${ctx().base}/mcp/notes`, { headers: bearer(ctx().annKey.key) });
    try {
      const names = (await notesOnly.listTools()).tools.map((t) => t.name);
      expect(names).toContain('list_notes');
      expect(names).not.toContain('list_patients');
    } finally {
      await notesOnly.close();
    }
    expect((await rpc(`${ctx().base}/mcp/nope`, 'tools/list', {}, bearer(ctx().annKey.key))).status).toBe(404);
  });

  it('refuses a foreign Origin and Host (403), accepts the app’s own host name', async () => {
    const origin = await rpc(`${ctx().base}/mcp`, 'tools/list', {}, { ...bearer(ctx().annKey.key), origin: 'https://evil.example' });
    expect(origin.status).toBe(403);
    expect((await post(ctx().base, '/mcp', { host: 'evil.example' }, bearer(ctx().annKey.key))).status).toBe(403);
    const own = await post(ctx().base, '/mcp', { host: `${APP_HOST}:443` }, bearer(ctx().annKey.key));
    expect(own.status).toBe(200);
    expect(own.body).toContain('list_notes');
  });

  it('refuses a request without credentials (401) and the app’s own routes still answer', async () => {
    expect((await rpc(`${ctx().base}/mcp`, 'tools/list', {})).status).toBe(401);
    const hello = await fetch(`${ctx().base}/hello`);
    expect(hello.status).toBe(200);
    expect(await hello.json()).toEqual({ hello: 'world' });
  });
}

/**
 * An OAuth app (`init --auth oauth`) mounted in a framework: the 401 names the metadata, which
 * answers through the app, as do registration and the token endpoint; the app keeps its own paths
 * and its own 404 next to them.
 */
export async function expectOAuthThroughApp(base: string): Promise<void> {
  const challenge = await rpc(`${base}/mcp`, 'tools/list', {});
  expect(challenge.headers.get('www-authenticate')).toBe(`Bearer resource_metadata="${base}/.well-known/oauth-protected-resource/mcp", scope="read write"`);
  const prm = await fetch(`${base}/.well-known/oauth-protected-resource/mcp`);
  expect(prm.status).toBe(200);
  expect(await prm.json()).toMatchObject({ resource: `${base}/mcp`, authorization_servers: [base] });
  const as = await fetch(`${base}/.well-known/oauth-authorization-server`);
  expect(await as.json()).toMatchObject({ issuer: base, registration_endpoint: `${base}/oauth/register`, token_endpoint: `${base}/oauth/token` });
  // The endpoints read their own bodies, whatever the framework parses: JSON (registration) and forms (token).
  const registered = await fetch(`${base}/oauth/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ redirect_uris: ['http://127.0.0.1:33418/callback'], token_endpoint_auth_method: 'none' }) });
  expect(registered.status).toBe(201);
  expect(await registered.json()).toMatchObject({ client_id: expect.stringMatching(/^mcpc_/) });
  const token = await fetch(`${base}/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=refresh_token' });
  expect(await token.json()).toMatchObject({ error: 'invalid_request', error_description: 'refresh_token is missing' });
  expect((await fetch(`${base}/hello`)).status).toBe(200);
  // Next to the OAuth paths, yet the app's: its own 404, not the handler's.
  for (const other of ['/.well-known/security.txt', '/oauth/elsewhere', '/nowhere']) {
    const res = await fetch(`${base}${other}`);
    expect(res.status, other).toBe(404);
    expect(await res.text(), other).not.toBe(JSON.stringify({ error: 'not found' }));
  }
}

/**
 * The official SDK client's whole OAuth flow through the app: 401 → discovery → registration →
 * sign-in and consent (as the key's user) → token → tools/list and a row-scoped call as Ann.
 */
export async function expectOAuthFlow(base: string, annKey: CreatedKey): Promise<void> {
  const provider = new HeadlessProvider();
  const { client, back } = await connectWithOAuth(`${base}/mcp`, provider, annKey.key);
  try {
    expect(back.searchParams.get('iss')).toBe(base);
    expect(provider.info?.client_id).toMatch(/^mcpc_/);
    expect(provider.saved?.access_token).toMatch(/^mcpo_at_/);
    const names = (await client.listTools()).tools.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(['list_notes', 'create_note']));
    const notes = await callTool(client, 'list_notes', { take: 10 });
    expect((notes.structured as { items: { title: string }[] }).items.map((n) => n.title).sort()).toEqual(['Ann 1', 'Ann 2', 'Ann 3']);
  } finally {
    await client.close();
  }
}

/** A raw tools/list POST (node:http: the Host header can be set, a keep-alive agent shared). */
export function post(
  base: string,
  pathname: string,
  opts: { host?: string; agent?: http.Agent; padding?: string; contentType?: string; body?: string; sockets?: Set<unknown> },
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  const body = opts.body ?? JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {}, ...(opts.padding ? { _padding: opts.padding } : {}) });
  const url = new URL(pathname, base);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent: opts.agent ?? false,
        headers: {
          'content-type': opts.contentType ?? 'application/json',
          accept: 'application/json, text/event-stream',
          'mcp-protocol-version': '2025-11-25',
          'content-length': Buffer.byteLength(body),
          ...(opts.host ? { host: opts.host } : {}),
          ...headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.on('socket', (socket) => opts.sockets?.add(socket));
    req.end(body);
  });
}

/**
 * Uncomments the session example of a scaffolded mount file (its import and its `authenticate`
 * block), so the example itself is type-checked and run. Throws when the file no longer has it.
 */
export function enableSessionExample(text: string): string {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l === '  // authenticate: [');
  const end = lines.findIndex((l, i) => i > start && l === '  // ],');
  const imp = lines.findIndex((l) => /^\/\/ import \{ \w+ \} from '.*\/adapters\/\w+(\.js|\.ts)?';/.test(l)); // in the project's import style
  if (start < 0 || end < 0 || imp < 0) throw new Error('enableSessionExample: the mount file no longer has the commented session example');
  lines[imp] = lines[imp]!.slice(3);
  for (let i = start; i <= end; i++) lines[i] = lines[i]!.replace(/^(\s*)\/\/ /, '$1');
  return lines.join('\n');
}
