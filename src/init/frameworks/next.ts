/**
 * Next.js (App Router): a catch-all route, `app/mcp/[[...path]]/route.ts` (`src/app/…` when the
 * project keeps its app there), serving /mcp and /mcp/<toolset>. Next finds routes by file, so
 * no entry file is edited.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { render } from '../render.js';
import { moduleSpecifier } from '../../emit/specifiers.js';
import { MOUNT_PATH, ROUTES_EXPORT } from './mount.js';
import { NEXT_CONFIG_FILES, readNextConfig, type NextConfigFacts } from './next-config.js';
import { dependsOn, type Framework, type ScaffoldContext } from './types.js';
import type { ImportExtension } from '../../plan/types.js';

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


/** The OAuth routes at the app's root (relative to the app folder) and what each serves. */
const AUTH_ROUTES = [
  ['oauth/[...path]', '/oauth/*: authorize, the sign-in and consent pages, token, register, revoke'],
  ['.well-known/oauth-authorization-server', '/.well-known/oauth-authorization-server: the OAuth server metadata'],
  ['.well-known/oauth-protected-resource/[[...path]]', `/.well-known/oauth-protected-resource (and …${MOUNT_PATH}): the resource metadata`],
] as const;

/** Where Next.js serves the route: under `basePath`, and with the trailing slash it redirects to. */
function served(config: NextConfigFacts): string {
  return `${config.basePath ?? ''}${MOUNT_PATH}${config.trailingSlash ? '/' : ''}`;
}

/** What the app's next.config changes about the mount, or what init could not tell. */
function configNotes(config: NextConfigFacts, oauth: boolean): string[] {
  const file = config.file ?? 'next.config';
  return [
    ...(config.basePath === undefined ? [`    ${file} sets a basePath init cannot read: put it in front of path: '${MOUNT_PATH}' in the handler`] : []),
    ...(config.basePath && oauth ? [`    OAuth clients look for /.well-known/oauth-* at the site root, outside basePath ${config.basePath}: serve those paths there (mcp-gen docs/mounting.md, "Next.js")`] : []),
    ...(config.trailingSlash === undefined ? [`    ${file} sets trailingSlash to a value init cannot read: with trailingSlash on, give clients ${MOUNT_PATH}/ (Next.js redirects ${MOUNT_PATH} there)`] : []),
  ];
}

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
  const read = await Promise.all(NEXT_CONFIG_FILES.map(async (f): Promise<readonly [string, string | undefined]> => [f, await ctx.readFile(f)]));
  const config = readNextConfig(read.filter((c): c is readonly [string, string] => c[1] !== undefined));
  // The handler matches the pathname Next.js hands the route, which keeps the basePath.
  const handlerPath = `${config.basePath ?? ''}${MOUNT_PATH}`;
  const route = (dir: string, what: string, exportName: string, methods: readonly string[]) =>
    render('next-route.ts.hbs', { what, moduleFile, moduleImport: moduleImport(dir, moduleFile, ctx.ext), exportName, methods });
  const content = oauth
    ? await route(routeDir, `Your MCP server as a Next.js App Router route: ${MOUNT_PATH} and ${MOUNT_PATH}/<toolset>`, 'mcp', ['GET', 'POST', 'DELETE'])
    : await render('mount-next.ts.hbs', {
        generatedImport: relativeImport(routeDir, path.posix.join(ctx.dir, ctx.generatedImport)),
        dbImport: relativeImport(routeDir, path.posix.join(ctx.dir, ctx.dbImport)),
        ext: ctx.ext,
        path: handlerPath,
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
    ? [[moduleFile, await render('next-mcp.ts.hbs', { routeFile, path: handlerPath, generatedImport: ctx.generatedImport, dbImport: ctx.dbImport, ext: ctx.ext })] as const]
    : [];
  return {
    files: [...shared, [routeFile, content] as const, ...authFiles],
    note: [
      `next: ${routeFile} serves ${served(config)} and ${handlerPath}/<toolset> (Node runtime; next dev and next build as they are)`,
      ...(oauth ? [`next: OAuth at your app's root: ${authFiles.map(([f]) => f).join(', ')} (the handler: ${moduleFile})`, ...(await oauthNotes(ctx, routeFile, moduleFile))] : []),
      ...configNotes(config, oauth),
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
    ...(route !== undefined && !route.includes(`'${moduleImport(path.posix.dirname(routeFile), moduleFile, '')}`)
      ? [`    ${routeFile} predates OAuth and builds its own handler: to share ${moduleFile}'s, import { mcp } from '${moduleImport(path.posix.dirname(routeFile), moduleFile, ctx.ext)}' and export GET, POST and DELETE = mcp`]
      : []),
  ];
}

/** The shared module (`src/mcp/next.ts`) as imported from a route folder. */
function moduleImport(routeDir: string, moduleFile: string, ext: ImportExtension): string {
  return relativeImport(routeDir, moduleSpecifier(moduleFile, ext));
}

export const next: Framework = {
  name: 'next',
  detect: (pkg) => dependsOn(pkg, 'next'),
  scaffold,
};
