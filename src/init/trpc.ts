/**
 * `init` and an app's tRPC router: when package.json lists `@trpc/server` and the router sits where
 * the common layouts put it, init offers `publish.trpc` (asked; default yes: nothing is published until
 * the user lists procedures in `include`), and the generate that follows scaffolds `createContext`
 * from the router's context type (publish/trpc/scaffold.ts).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { dependsOn, type PackageJson } from './frameworks/index.js';

/** Where routers live: create-t3-app, tRPC's Next.js starter, older create-t3-app, and plain layouts. */
export const ROUTER_FILES = [
  'src/server/api/root.ts',
  'src/server/routers/_app.ts',
  'src/server/trpc/router/_app.ts',
  'src/server/router.ts',
  'src/trpc/router.ts',
  'src/router.ts',
] as const;

export const CONTEXT_REF = 'src/mcp/trpc-context.ts#createContext';

export type TrpcFinding =
  | { readonly kind: 'router'; readonly router: string }
  | { readonly kind: 'not-found'; readonly note: string };

/** `export const appRouter = …` (or `export { appRouter }`), the name every layout above uses. */
const EXPORTS_APP_ROUTER = /^\s*export\s+(?:const|let|var)\s+appRouter\b|^\s*export\s*\{[^}]*\bappRouter\b[^}]*\}/m;

/** The app's tRPC router as `module#export`, a note when tRPC is there but no router was found, or undefined. */
export async function findTrpcRouter(root: string, pkg: PackageJson): Promise<TrpcFinding | undefined> {
  if (!dependsOn(pkg, '@trpc/server')) return undefined;
  for (const file of ROUTER_FILES) {
    const text = await fs.readFile(path.join(root, file), 'utf8').catch(() => undefined);
    if (text !== undefined && EXPORTS_APP_ROUTER.test(text)) return { kind: 'router', router: `${file}#appRouter` };
  }
  return {
    kind: 'not-found',
    note: `@trpc/server is in package.json, but no appRouter export in ${ROUTER_FILES.join(', ')}: to publish procedures as tools, add publish.trpc to the config (mcp-gen docs/custom-tools-and-trpc.md)`,
  };
}

/** The question init asks, naming the router it found. */
export function trpcQuestion(router: string): string {
  return `Publish procedures of your tRPC router (${router}) as MCP tools? You list which ones in publish.trpc.include; none are published until you do.`;
}
