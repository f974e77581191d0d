/**
 * What every framework mount scaffolds: one user-owned file from its template, and the lines that
 * mount it. With OAuth (`init --auth oauth`) the file also exports the handler's routes at the
 * app's root (`/.well-known/oauth-*`, `/oauth/*`), where MCP clients look for them.
 */
import path from 'node:path';
import { render } from '../render.js';
import { mountInEntry, type EntrySpec } from './entry.js';
import type { Scaffold, ScaffoldContext } from './types.js';
import { moduleSpecifier } from '../../emit/specifiers.js';

/** Where the MCP server is mounted, the handler's `path`. */
export const MOUNT_PATH = '/mcp';

/** The mount file's export serving the OAuth endpoints at the app's root. */
export const ROUTES_EXPORT = 'mcpAuthRoutes';

export interface MountSpec extends Pick<EntrySpec, 'module' | 'isApp' | 'middleware'> {
  /** The framework as the user calls it, in notes and the mount file's comments. */
  readonly title: string;
  /** templates/init/<template> */
  readonly template: string;
  /** The file's name in the MCP folder (`express.ts`). */
  readonly fileName: string;
  /** The name the mount file exports for `path` (`mcp`). */
  readonly exportName: string;
  /** The statement mounting it, for an app named `app`. */
  mountLine(app: string): string;
  /** The statement mounting ROUTES_EXPORT at the app's root. */
  routesLine(app: string): string;
}

export async function scaffoldMount(ctx: ScaffoldContext, spec: MountSpec): Promise<Scaffold> {
  const mountFile = path.posix.join(ctx.dir, spec.fileName);
  const oauth = ctx.oauth === true;
  // The runtime adapter the file uses: runtime/adapters/<name>.ts, exporting <name>McpRoutes.
  const adapter = spec.fileName.replace(/\.ts$/, '');
  const linesFor = (app: string) => [...(oauth ? [spec.routesLine(app)] : []), spec.mountLine(app)];
  const lines = linesFor('app');
  const names = [spec.exportName, ...(oauth ? [ROUTES_EXPORT] : [])];
  const content = await render(spec.template, {
    title: spec.title,
    generatedImport: ctx.generatedImport,
    dbImport: ctx.dbImport,
    ext: ctx.ext,
    path: MOUNT_PATH,
    mountLine: spec.mountLine('app'),
    routesLine: oauth ? spec.routesLine('app') : false,
  });
  const existing = await ctx.readFile(mountFile);
  const edit = await mountInEntry(ctx, { module: spec.module, isApp: spec.isApp, middleware: spec.middleware, mountFile, exportNames: names, mountLines: linesFor });
  const importFrom = moduleSpecifier(path.posix.relative(path.posix.dirname(ctx.dir), mountFile), ctx.ext);
  const shown = lines.map((l) => l.replace(/;$/, '')).join('; ');
  // A mount file that exists already was mounted (or deliberately not) by the user: the entry stays.
  const entry = 'file' in edit && existing !== undefined ? { reason: `${mountFile} exists already` } : edit;
  const note =
    'file' in entry
      ? [`${spec.title}: mounted in ${entry.file} (${shown}); move the ${lines.length > 1 ? 'lines' : 'line'} if your routes need another order`]
      : 'mounted' in entry
        ? [`${spec.title}: mounted in ${entry.mounted}`]
        : [
            `${spec.title}: add to your app (${entry.reason}):`,
            `    import { ${names.join(', ')} } from './${importFrom}';   // ${mountFile}, relative to your entry file`,
            ...lines.map((l) => `    ${l}`),
          ];
  // A mount file from before OAuth (init ran without it) is the user's: say what to add.
  if (oauth && existing !== undefined && !existing.includes(ROUTES_EXPORT)) {
    note.push(
      `${spec.title}: OAuth clients look for its endpoints at your app's root; ${mountFile} predates OAuth, add to it:`,
      `    export const ${ROUTES_EXPORT} = ${adapter}McpRoutes(mcpHandler);   // import { ${adapter}McpRoutes } from '${ctx.generatedImport}/runtime/adapters/${adapter}${ctx.ext}'`,
      `  and to your app, next to the MCP mount: ${spec.routesLine('app')}`,
    );
  } else if (oauth && 'mounted' in entry && entry.missing.includes(ROUTES_EXPORT)) {
    note.push(`${spec.title}: OAuth clients look for its endpoints at your app's root; add to ${entry.mounted}: ${spec.routesLine('app')} (import ${ROUTES_EXPORT} from './${importFrom}')`);
  }
  return {
    files: [[mountFile, content]],
    ...('file' in entry ? { edits: [[entry.file, entry.content] as const] } : {}),
    note,
  };
}
