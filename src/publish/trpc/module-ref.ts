/** `module#export` references in `publish.trpc` (`src/server/api/root.ts#appRouter`). */
import fs from 'node:fs';
import path from 'node:path';

export interface ModuleRef {
  /** Project-relative path with forward slashes, as written (extension resolved). */
  readonly file: string;
  readonly exportName: string;
}

const EXTENSIONS = ['', '.ts', '.mts', '.tsx', '/index.ts'];

/** Parses and resolves a reference; a problem names the key (`publish.trpc.router`). */
export function parseModuleRef(root: string, value: string, key: string, mustExist: boolean): ModuleRef | string {
  const m = /^([^#]+)#([A-Za-z_$][\w$]*)$/.exec(value);
  if (!m) return `${key}: expected 'path/to/module.ts#exportName', got ${JSON.stringify(value)}`;
  const written = m[1]!.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\.js$/, '.ts');
  const found = EXTENSIONS.map((ext) => written + ext).find((f) => fs.existsSync(path.join(root, f)) && fs.statSync(path.join(root, f)).isFile());
  if (!found && mustExist) return `${key}: ${written} does not exist (paths are relative to the project root)`;
  return { file: found ?? written, exportName: m[2]! };
}
