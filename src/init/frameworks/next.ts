/**
 * Next.js (App Router): a catch-all route, `app/mcp/[[...path]]/route.ts` (`src/app/…` when the
 * project keeps its app there), serving /mcp and /mcp/<toolset>. Next finds routes by file, so
 * no entry file is edited.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { render } from '../render.js';
import { MOUNT_PATH, ROUTES_EXPORT } from './mount.js';
import { dependsOn, type Framework, type ScaffoldContext } from './types.js';

async function isDir(dir: string): Promise<boolean> {
  return fs.stat(dir).then((s) => s.isDirectory(), () => false);
}

/**
 * `app`, or `src/app` when the project keeps its routes under `src/`. Next's own rule: `app/` or
 * `pages/` at the root win, and then `src/app` and `src/pages` are ignored.
 */
export async function appDir(root: string): Promise<string> {
  const atRoot = (await isDir(path.join(root, 'app'))) || (await isDir(path.join(root, 'pages')));
  const inSrc = (await isDir(path.join(root, 'src', 'app'))) || (await isDir(path.join(root, 'src', 'pages')));
  return !atRoot && inSrc ? 'src/app' : 'app';
}

/** `from` → `to` as a relative import specifier (project-relative, `/`-separated paths). */
function relativeImport(from: string, to: string): string {
  const rel = path.posix.relative(from, to);
  return rel.startsWith('.') ? rel : `./${rel}`;
}

const CONFIG_FILES = ['next.config.js', 'next.config.mjs', 'next.config.cjs', 'next.config.ts', 'next.config.mts'];

/** The webpack line the generated code needs (see templates/init/next-config.mjs.hbs). */
const EXTENSION_ALIAS = "webpack: (config) => { config.resolve.extensionAlias = { ...config.resolve.extensionAlias, '.js': ['.ts', '.tsx', '.js'] }; return config; },";

/** The OAuth routes at the app's root (relative to the app folder) and what each serves. */
const AUTH_ROUTES = [
  ['oauth/[...path]', '/oauth/*: authorize, the sign-in and consent pages, token, register, revoke'],
  ['.well-known/oauth-authorization-server', '/.well-known/oauth-authorization-server: the OAuth server metadata'],
  ['.well-known/oauth-protected-resource/[[...path]]', `/.well-known/oauth-protected-resource (and …${MOUNT_PATH}): the resource metadata`],
] as const;

/**
 * Without OAuth, one self-contained route. With OAuth (`init --auth oauth`) the handler moves into
 * a module of its own (`src/mcp/next.ts`: route files may export only HTTP methods and route
 * config), shared by the MCP route and the OAuth routes at the app's root.
 */
async function scaffold(ctx: ScaffoldContext) {
  const app = await appDir(ctx.root);
  const routeDir = path.posix.join(app, MOUNT_PATH.slice(1), '[[...path]]');
  const routeFile = path.posix.join(routeDir, 'route.ts');
  const oauth = ctx.oauth === true;
  const moduleFile = path.posix.join(ctx.dir, 'next.ts');
  const route = (dir: string, what: string, exportName: string, methods: readonly string[]) =>
    render('next-route.ts.hbs', { what, moduleFile, moduleImport: moduleImport(dir, moduleFile), exportName, methods });
  const content = oauth
    ? await route(routeDir, `Your MCP server as a Next.js App Router route: ${MOUNT_PATH} and ${MOUNT_PATH}/<toolset>`, 'mcp', ['GET', 'POST', 'DELETE'])
    : await render('mount-next.ts.hbs', {
        generatedImport: relativeImport(routeDir, path.posix.join(ctx.dir, ctx.generatedImport)),
        dbImport: relativeImport(routeDir, path.posix.join(ctx.dir, ctx.dbImport)),
        path: MOUNT_PATH,
      });
  const authFiles = oauth
    ? await Promise.all(
        AUTH_ROUTES.map(async ([rel, what]) => {
          const dir = path.posix.join(app, rel);
          return [path.posix.join(dir, 'route.ts'), await route(dir, `OAuth for your MCP server, at your app's root: ${what}`, ROUTES_EXPORT, ['GET', 'POST', 'OPTIONS'])] as const;
        }),
      )
    : [];
  const shared = oauth
    ? [[moduleFile, await render('next-mcp.ts.hbs', { routeFile, path: MOUNT_PATH, generatedImport: ctx.generatedImport, dbImport: ctx.dbImport })] as const]
    : [];
  const read = await Promise.all(CONFIG_FILES.map(async (f) => [f, await ctx.readFile(f)] as const));
  const existing = read.filter((c): c is readonly [string, string] => c[1] !== undefined);
  const config = existing.length === 0 ? [['next.config.mjs', await render('next-config.mjs.hbs', {})] as const] : [];
  // A config of the user's own (or one edited since) that does not map `.js` to `.ts` yet: say what to add.
  const missing = existing.find(([, text]) => !text.includes('extensionAlias'))?.[0];
  return {
    files: [...shared, [routeFile, content] as const, ...authFiles, ...config],
    note: [
      `next: ${routeFile} serves ${MOUNT_PATH} and ${MOUNT_PATH}/<toolset> (Node runtime)`,
      ...(oauth ? [`next: OAuth at your app's root: ${authFiles.map(([f]) => f).join(', ')} (the handler: ${moduleFile})`, ...(await oauthNotes(ctx, routeFile, moduleFile))] : []),
      ...(missing ? [`    add to ${missing} (the generated code imports its .ts files as \`.js\`):`, `      ${EXTENSION_ALIAS}`] : []),
      '    build and develop with webpack: next build --webpack, next dev --webpack (Turbopack cannot resolve them yet; mcp-gen docs/mounting.md, "Next.js")',
    ],
  };
}

/**
 * Files from an earlier init are the user's and stay as they are: say what OAuth still needs. A
 * route from before OAuth builds a handler of its own; that works (OAuth state is in the
 * database), but the shared one is what the OAuth routes use.
 */
async function oauthNotes(ctx: ScaffoldContext, routeFile: string, moduleFile: string): Promise<string[]> {
  const [route, shared] = await Promise.all([ctx.readFile(routeFile), ctx.readFile(moduleFile)]);
  return [
    ...(shared !== undefined && !shared.includes(ROUTES_EXPORT)
      ? [`    ${moduleFile} exists and has no ${ROUTES_EXPORT}, which the OAuth routes import: add it (mcp-gen docs/mounting.md, "Next.js", "With OAuth")`]
      : []),
    ...(route !== undefined && !route.includes(`'${moduleImport(path.posix.dirname(routeFile), moduleFile)}'`)
      ? [`    ${routeFile} predates OAuth and builds its own handler: to share ${moduleFile}'s, import { mcp } from '${moduleImport(path.posix.dirname(routeFile), moduleFile)}' and export GET, POST and DELETE = mcp`]
      : []),
  ];
}

/** The shared module (`src/mcp/next.ts`) as imported from a route folder. */
function moduleImport(routeDir: string, moduleFile: string): string {
  return relativeImport(routeDir, moduleFile.replace(/\.ts$/, '.js'));
}

export const next: Framework = {
  name: 'next',
  detect: (pkg) => dependsOn(pkg, 'next'),
  scaffold,
};
