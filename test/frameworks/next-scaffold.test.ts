// What init's Next.js mount writes and says, for the project layouts it has to tell apart.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { next } from '../../src/init/frameworks/next.js';
import { detectFrameworks, type ScaffoldContext } from '../../src/init/frameworks/index.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await fs.rm(dir, { recursive: true, force: true });
});

async function project(files: Record<string, string>, folders: string[] = [], ext: ScaffoldContext['ext'] = '.js'): Promise<ScaffoldContext> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'mcpgen-next-'));
  dirs.push(root);
  for (const f of folders) await fs.mkdir(path.join(root, f), { recursive: true });
  for (const [f, text] of Object.entries(files)) await fs.writeFile(path.join(root, f), text);
  return {
    root,
    pkg: { dependencies: { next: '16.4.6' } },
    dir: 'src/mcp',
    generatedImport: './generated',
    dbImport: './db',
    ext,
    readFile: (rel) => fs.readFile(path.join(root, rel), 'utf8').catch(() => undefined),
  };
}

describe('next mount scaffold', () => {
  it('is detected from package.json', () => {
    expect(detectFrameworks({ devDependencies: { next: '16.4.6' } }).map((f) => f.name)).toEqual(['next']);
    expect(detectFrameworks({ dependencies: { react: '19.3.1' } })).toEqual([]);
  });

  it('app/: the route imports the generated server and db module relative to itself; no next.config is written', async () => {
    const s = await next.scaffold(await project({}, ['app']));
    expect(s.files.map(([f]) => f)).toEqual(['app/mcp/[[...path]]/route.ts']);
    const route = s.files[0]![1];
    expect(route).toContain("import('../../../src/mcp/generated/index.js')");
    expect(route).toContain("import('../../../src/mcp/db.js')");
    expect(route).toContain("path: '/mcp'");
    expect(s.note.join('\n')).not.toMatch(/webpack|add to/);
  });

  it.each([
    ['', "import('../../../src/mcp/generated/index')", "import('../../../src/mcp/db')"],
    ['.ts', "import('../../../src/mcp/generated/index.ts')", "import('../../../src/mcp/db.ts')"],
  ] as const)('ext %j (the project tsconfig\'s style): the route imports that way', async (ext, generated, db) => {
    const route = (await next.scaffold(await project({}, ['app'], ext))).files[0]![1];
    expect(route).toContain(generated);
    expect(route).toContain(db);
    expect(route).toContain(`import type { McpHandler } from '../../../src/mcp/generated/index${ext}';`);
  });

  it('docs/mounting.md shows the route exactly as init writes it for create-next-app (bundler: no extensions)', async () => {
    const doc = await fs.readFile(new URL('../../docs/mounting.md', import.meta.url), 'utf8');
    const s = await next.scaffold(await project({ 'next.config.ts': 'export default {};\n' }, ['app'], ''));
    expect(doc).toContain(`\`\`\`ts\n${s.files[0]![1]}\`\`\``);
  });

  it.each([
    ['next.config.ts', "import type { NextConfig } from 'next';\n\nconst nextConfig: NextConfig = { basePath: '/docs', trailingSlash: true };\n\nexport default nextConfig;\n", '/docs/mcp', 'serves /docs/mcp/ and /docs/mcp/<toolset>'],
    ['next.config.mjs', "export default { basePath: '/app/' };\n", '/app/mcp', 'serves /app/mcp and /app/mcp/<toolset>'],
    ['next.config.js', 'module.exports = { trailingSlash: true };\n', '/mcp', 'serves /mcp/ and /mcp/<toolset>'],
    ['next.config.ts', "export default { reactStrictMode: true, basePath: '' };\n", '/mcp', 'serves /mcp and /mcp/<toolset>'],
  ])('%s with basePath/trailingSlash: the handler path and the note follow it (%s)', async (file, text, handlerPath, note) => {
    const s = await next.scaffold(await project({ [file]: text }, ['app']));
    expect(s.files[0]![1]).toContain(`path: '${handlerPath}',`);
    expect(s.note.join('\n')).toContain(note);
    expect(s.note.join('\n')).not.toContain('cannot read');
  });

  it('a basePath or trailingSlash init cannot read: the default path, and a note saying exactly what to change', async () => {
    const s = await next.scaffold(await project({ 'next.config.ts': 'export default { basePath: process.env.BASE, trailingSlash: process.env.SLASH === "1" };\n' }, ['app']));
    expect(s.files[0]![1]).toContain("path: '/mcp',");
    const note = s.note.join('\n');
    expect(note).toContain("next.config.ts sets a basePath init cannot read: put it in front of path: '/mcp' in the handler");
    expect(note).toContain('next.config.ts sets trailingSlash to a value init cannot read');
  });

  it('next.config.ts is read, never written', async () => {
    const s = await next.scaffold(await project({ 'next.config.ts': 'export default {};\n' }, ['app']));
    expect(s.files.map(([f]) => f)).toEqual(['app/mcp/[[...path]]/route.ts']);
    expect(s.edits).toBeUndefined();
  });

  it('src/app/ (and no app/): the route goes there', async () => {
    const s = await next.scaffold(await project({}, ['src/app']));
    expect(s.files[0]![0]).toBe('src/app/mcp/[[...path]]/route.ts');
    expect(s.files[0]![1]).toContain("import('../../../mcp/generated/index.js')");
    expect(s.files[0]![1]).toContain("import('../../../mcp/db.js')");
  });

  it.each([
    [['src/pages'], 'src/app/mcp/[[...path]]/route.ts'],
    [['pages', 'src/app'], 'app/mcp/[[...path]]/route.ts'],
    [[], 'app/mcp/[[...path]]/route.ts'],
  ])('folders %j: the route goes where Next.js looks (%s)', async (folders, route) => {
    expect((await next.scaffold(await project({}, folders))).files[0]![0]).toBe(route);
  });

});

describe('next mount scaffold with OAuth', () => {
  const oauth = async (files: Record<string, string>, folders: string[]) => ({ ...(await project(files, folders)), oauth: true });

  it('the handler moves to src/mcp/next.ts, shared by the MCP route and the OAuth routes at the app root', async () => {
    const s = await next.scaffold(await oauth({}, ['app']));
    expect(s.files.map(([f]) => f)).toEqual([
      'src/mcp/next.ts',
      'app/mcp/[[...path]]/route.ts',
      'app/oauth/[...path]/route.ts',
      'app/.well-known/oauth-authorization-server/route.ts',
      'app/.well-known/oauth-protected-resource/[[...path]]/route.ts',
    ]);
    const file = (name: string) => s.files.find(([f]) => f === name)![1];
    const shared = file('src/mcp/next.ts');
    expect(shared).toContain("import('./generated/index.js')");
    expect(shared).toContain("import('./db.js')");
    expect(shared).toContain("path: '/mcp'");
    expect(shared).toContain('export const mcp = nextMcp(mcpHandler);');
    expect(shared).toContain('export const mcpAuthRoutes = nextMcpRoutes(mcpHandler);');
    const mcpRoute = file('app/mcp/[[...path]]/route.ts');
    expect(mcpRoute).toContain("import { mcp } from '../../../src/mcp/next.js';");
    expect(mcpRoute).toMatch(/export const runtime = 'nodejs';\nexport const dynamic = 'force-dynamic';\n\nexport const GET = mcp;\nexport const POST = mcp;\nexport const DELETE = mcp;\n$/);
    expect(file('app/oauth/[...path]/route.ts')).toContain("import { mcpAuthRoutes } from '../../../src/mcp/next.js';");
    expect(file('app/.well-known/oauth-authorization-server/route.ts')).toContain("import { mcpAuthRoutes } from '../../../src/mcp/next.js';");
    const prm = file('app/.well-known/oauth-protected-resource/[[...path]]/route.ts');
    expect(prm).toContain("import { mcpAuthRoutes } from '../../../../src/mcp/next.js';");
    // Next.js follows no re-exported route config: each route declares its own.
    for (const [f, text] of s.files.filter(([f]) => f.endsWith('route.ts'))) {
      expect(text, f).toContain("export const runtime = 'nodejs';\nexport const dynamic = 'force-dynamic';");
    }
    expect(prm).toMatch(/export const GET = mcpAuthRoutes;\nexport const POST = mcpAuthRoutes;\nexport const OPTIONS = mcpAuthRoutes;\n$/);
    expect(s.note.join('\n')).toContain("next: OAuth at your app's root: app/oauth/[...path]/route.ts, app/.well-known/oauth-authorization-server/route.ts, app/.well-known/oauth-protected-resource/[[...path]]/route.ts (the handler: src/mcp/next.ts)");
    expect(s.note.join('\n')).not.toContain('predates');
  });

  it('src/app/: the routes go there and import the module relative to themselves', async () => {
    const s = await next.scaffold(await oauth({}, ['src/app']));
    const file = (name: string) => s.files.find(([f]) => f === name)?.[1];
    expect(file('src/app/mcp/[[...path]]/route.ts')).toContain("from '../../../mcp/next.js'");
    expect(file('src/app/.well-known/oauth-protected-resource/[[...path]]/route.ts')).toContain("from '../../../../mcp/next.js'");
  });

  it('a route from before OAuth (its own handler) and a module without mcpAuthRoutes: left alone, what to change is printed', async () => {
    const before = (await next.scaffold(await project({}, ['app']))).files[0]!;
    const s = await next.scaffold(await oauth({ [before[0]]: before[1], 'src/mcp/next.ts': 'export const mine = 1;\n' }, ['app/mcp/[[...path]]', 'src/mcp']));
    const note = s.note.join('\n');
    expect(note).toContain("app/mcp/[[...path]]/route.ts predates OAuth and builds its own handler: to share src/mcp/next.ts's, import { mcp } from '../../../src/mcp/next.js' and export GET, POST and DELETE = mcp");
    expect(note).toContain('src/mcp/next.ts exists and has no mcpAuthRoutes, which the OAuth routes import');
  });
});
