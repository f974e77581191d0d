/**
 * Next.js (App Router): a catch-all route, `app/mcp/[[...path]]/route.ts` (`src/app/…` when the
 * project keeps its app there), serving /mcp and /mcp/<toolset>. Next finds routes by file, so
 * no entry file is edited.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { render } from '../render.js';
import { MOUNT_PATH } from './mount.js';
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

async function scaffold(ctx: ScaffoldContext) {
  const routeDir = path.posix.join(await appDir(ctx.root), MOUNT_PATH.slice(1), '[[...path]]');
  const routeFile = path.posix.join(routeDir, 'route.ts');
  const content = await render('mount-next.ts.hbs', {
    generatedImport: relativeImport(routeDir, path.posix.join(ctx.dir, ctx.generatedImport)),
    dbImport: relativeImport(routeDir, path.posix.join(ctx.dir, ctx.dbImport)),
    path: MOUNT_PATH,
  });
  const read = await Promise.all(CONFIG_FILES.map(async (f) => [f, await ctx.readFile(f)] as const));
  const existing = read.filter((c): c is readonly [string, string] => c[1] !== undefined);
  const config = existing.length === 0 ? [['next.config.mjs', await render('next-config.mjs.hbs', {})] as const] : [];
  // A config of the user's own (or one edited since) that does not map `.js` to `.ts` yet: say what to add.
  const missing = existing.find(([, text]) => !text.includes('extensionAlias'))?.[0];
  return {
    files: [[routeFile, content] as const, ...config],
    note: [
      `next: ${routeFile} serves ${MOUNT_PATH} and ${MOUNT_PATH}/<toolset> (Node runtime)`,
      ...(missing ? [`    add to ${missing} (the generated code imports its .ts files as \`.js\`):`, `      ${EXTENSION_ALIAS}`] : []),
      '    build and develop with webpack: next build --webpack, next dev --webpack (Turbopack cannot resolve them yet; README, "Next.js")',
    ],
  };
}

export const next: Framework = {
  name: 'next',
  detect: (pkg) => dependsOn(pkg, 'next'),
  scaffold,
};
