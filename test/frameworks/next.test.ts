/**
 * Next.js mount (issue 10): `mcp-gen init --auth oauth` in a Next.js App Router app scaffolds
 * src/mcp/next.ts (the handler), app/mcp/[[...path]]/route.ts and the OAuth routes at the app's root,
 * and no next.config; the app is built with webpack (`next build --webpack`, no DATABASE_URL: the
 * bundler Next.js 16 still offers; Turbopack, its default, is next-turbopack.test.ts) and started
 * (`next start`) as its users do, and /mcp is driven through it with the official SDK client and
 * raw HTTP: keys, row scoping, toolset paths, Host/Origin checks, the whole OAuth flow, and the
 * app's own route still answering. (The route init writes without OAuth: next-scaffold.test.ts.)
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { connectClient } from '../helpers/client.js';
import { testDatabases } from '../helpers/databases.js';
import { repoBin, repoRoot } from '../helpers/repo.js';
import { createClinicProject, type ClinicProject, type CreatedKey } from '../e2e/scoping/project.js';
import { bearer } from '../e2e/scoping/rpc.js';
import { APP_HOST, expectOAuthFlow, expectOAuthThroughApp, itServesThroughApp } from './mount.js';

const ROUTE = 'app/mcp/[[...path]]/route.ts';
const MODULE = 'src/mcp/next.ts';
const AUTH_ROUTES = ['app/oauth/[...path]/route.ts', 'app/.well-known/oauth-authorization-server/route.ts', 'app/.well-known/oauth-protected-resource/[[...path]]/route.ts'];

/** Uncomments the handler module's session example (its import and its `authenticate` block); throws when it is gone. */
function enableSessionExample(text: string): string {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.trim() === '// authenticate: [');
  const end = lines.findIndex((l, i) => i > start && l.trim() === '// ],');
  const imp = lines.findIndex((l) => l.startsWith("// import { getCurrentUser } from '@/lib/session';"));
  if (start < 0 || end < 0 || imp < 0) throw new Error('enableSessionExample: src/mcp/next.ts no longer has the commented session example');
  lines[imp] = lines[imp]!.slice(3);
  for (let i = start; i <= end; i++) lines[i] = lines[i]!.replace(/^(\s*)\/\/ /, '$1');
  return lines.join('\n');
}
const sqlite = testDatabases.find((d) => d.provider === 'sqlite')!;

describe('next mount', () => {
  let project: ClinicProject;
  let base: string;
  let annKey: CreatedKey;
  let ann: Client;

  beforeAll(async () => {
    project = await createClinicProject(sqlite, 'full', {
      auth: 'oauth',
      entry: 'next-start.ts',
      startTimeoutMs: 600_000,
      serverEnv: { MCP_ALLOWED_HOSTS: APP_HOST, NEXT_BIN: repoBin('.bin/next') },
      afterInit: async (dir) => {
        const file = path.join(dir, MODULE);
        await fs.writeFile(file, enableSessionExample(await fs.readFile(file, 'utf8')));
      },
      prepare: async (dir) => {
        const versions = JSON.parse(await fs.readFile(path.join(repoRoot, 'package.json'), 'utf8')).devDependencies as Record<string, string>;
        const dependencies = { next: versions.next!, react: versions.react!, 'react-dom': versions['react-dom']! };
        const pkg = { name: 'clinic-next', private: true, type: 'module', scripts: { build: 'next build --webpack', start: 'next start' }, dependencies };
        await fs.writeFile(path.join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
        await fs.mkdir(path.join(dir, 'app/hello'), { recursive: true });
        await fs.writeFile(path.join(dir, 'app/hello/route.ts'), "export function GET(): Response {\n  return Response.json({ hello: 'world' });\n}\n");
        await fs.copyFile(path.join(repoRoot, 'test/frameworks/next-start.ts'), path.join(dir, 'next-start.ts'));
        // The app's session (a toy: the cookie names the signed-in user), read the Next.js way, and
        // create-next-app's `@/` alias, which the session example imports through.
        await fs.mkdir(path.join(dir, 'lib'), { recursive: true });
        await fs.writeFile(
          path.join(dir, 'lib/session.ts'),
          "import { cookies } from 'next/headers';\n\nexport async function getCurrentUser(): Promise<{ id: number } | undefined> {\n  const sid = (await cookies()).get('sid')?.value;\n  return sid ? { id: Number(sid) } : undefined;\n}\n",
        );
        const tsconfig = JSON.parse(await fs.readFile(path.join(dir, 'tsconfig.json'), 'utf8'));
        tsconfig.compilerOptions.paths = { '@/*': ['./*'] };
        await fs.writeFile(path.join(dir, 'tsconfig.json'), `${JSON.stringify(tsconfig, null, 2)}\n`);
      },
    });
    base = project.server.baseUrl;
    annKey = await project.createKey('ann@example.com', ['--scopes', 'read,write']);
    ann = await connectClient(`${base}/mcp`, { headers: bearer(annKey.key) });
  }, 900_000);

  afterAll(async () => {
    await ann?.close();
    await project?.close();
  });

  it('init detected Next.js and scaffolded the handler module and the routes, and no next.config', async () => {
    for (const file of [MODULE, ROUTE, ...AUTH_ROUTES]) expect(project.initOutput).toContain(`created ${file} (next mount)`);
    expect(project.initOutput).toContain("next: OAuth at your app's root:");
    expect(project.initOutput).not.toMatch(/webpack|next\.config/);
    await expect(fs.access(path.join(project.dir, 'next.config.mjs'))).rejects.toThrow();
    const route = await fs.readFile(path.join(project.dir, ROUTE), 'utf8');
    expect(route).toContain("export const runtime = 'nodejs';");
    expect(route).toContain("export const dynamic = 'force-dynamic';");
    expect(route).toMatch(/export const GET = mcp;\nexport const POST = mcp;\nexport const DELETE = mcp;\n$/);
    const again = await project.cli(['init', '--yes', '--no-install', '--auth', 'oauth']);
    for (const file of [MODULE, ROUTE, ...AUTH_ROUTES]) expect(again.stdout).toContain(`skipped ${file} (exists; left as it is)`);
    expect(again.stdout).not.toContain('predates'); // the files are init's own, sharing the module: nothing to add
    expect(again.stdout).not.toContain('next.config');
  }, 60_000);

  it('next build --webpack loaded the route without DATABASE_URL', () => {
    const output = project.server.output();
    expect(output).toMatch(/Next\.js [\d.]+ \(webpack\)/);
    expect(output).toContain('Collecting page data'); // where Next loads route modules
    // Dynamic, not prerendered.
    for (const route of ['/mcp/[[...path]]', '/oauth/[...path]', '/.well-known/oauth-authorization-server', '/.well-known/oauth-protected-resource/[[...path]]']) {
      expect(output).toContain(`ƒ ${route}`);
    }
    expect(output).not.toContain('DATABASE_URL is not set');
  });

  itServesThroughApp(() => ({ base, annKey, ann }));

  it('OAuth: the 401 names the metadata, which answers through the app; the app keeps its other paths and 404s', async () => {
    await expectOAuthThroughApp(base);
    // Under the OAuth routes' folders, yet not the handler's paths: a 404.
    for (const other of ['/.well-known/oauth-protected-resource/elsewhere', '/oauth/token/more']) expect((await fetch(`${base}${other}`)).status, other).toBe(404);
    const preflight = await fetch(`${base}/oauth/token`, { method: 'OPTIONS', headers: { origin: 'https://chatgpt.com', 'access-control-request-method': 'POST' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('OAuth through the app: the SDK client discovers, registers, signs in, gets a token and calls tools as Ann', () => expectOAuthFlow(base, annKey));
});
