/** What every framework mount scaffolds: one user-owned file from its template, and the mount line. */
import path from 'node:path';
import { render } from '../render.js';
import { mountInEntry, type EntrySpec } from './entry.js';
import type { Scaffold, ScaffoldContext } from './types.js';

/** Where the MCP server is mounted, the handler's `path`. */
export const MOUNT_PATH = '/mcp';

export interface MountSpec extends Omit<EntrySpec, 'mountFile'> {
  /** The framework as the user calls it, in notes and the mount file's comments. */
  readonly title: string;
  /** templates/init/<template> */
  readonly template: string;
  /** The file's name in the MCP folder (`express.ts`). */
  readonly fileName: string;
}

export async function scaffoldMount(ctx: ScaffoldContext, spec: MountSpec): Promise<Scaffold> {
  const mountFile = path.posix.join(ctx.dir, spec.fileName);
  const content = await render(spec.template, {
    title: spec.title,
    generatedImport: ctx.generatedImport,
    dbImport: ctx.dbImport,
    path: MOUNT_PATH,
    mountLine: spec.mountLine('app'),
  });
  const existing = await ctx.readFile(mountFile);
  const edit = await mountInEntry(ctx, { ...spec, mountFile });
  const line = spec.mountLine('app');
  const importFrom = path.posix.relative(path.posix.dirname(ctx.dir), mountFile).replace(/\.ts$/, '.js');
  const note =
    'file' in edit
      ? [`${spec.title}: mounted in ${edit.file} (${line.replace(/;$/, '')}); move the line if your routes need another order`]
      : 'mounted' in edit
        ? [`${spec.title}: mounted in ${edit.mounted}`]
        : [
            `${spec.title}: add to your app (${edit.reason}):`,
            `    import { ${spec.exportName} } from './${importFrom}';   // ${mountFile}, relative to your entry file`,
            `    ${line}`,
          ];
  return {
    files: [[mountFile, content]],
    // A mount file that exists already was mounted (or deliberately not) by the user: the entry stays.
    ...('file' in edit && existing === undefined ? { edits: [[edit.file, edit.content] as const] } : {}),
    note,
  };
}
