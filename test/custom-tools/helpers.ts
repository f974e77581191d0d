/** In-memory ts-morph projects for scanning tool files without touching disk. */
import { Project, ts } from 'ts-morph';
import { scanFile, type ScanResult } from '../../src/custom-tools/scan.js';

export const ROOT = '/proj';

/** A Prisma-style enum: a const object and the union of its values. */
export const PRISMA_LIKE = `
export const Role = { ADMIN: 'ADMIN', USER: 'USER' } as const;
export type Role = (typeof Role)[keyof typeof Role];
export type Visit = { id: number; startsAt: Date; note: string | null; cost: bigint; role: Role };
`;

/** Scans `src/mcp/tools/<name>` given its source; other files are visible to its imports. */
export function scan(source: string, others: Record<string, string> = {}, name = 'tool.ts'): ScanResult {
  const project = new Project({
    useInMemoryFileSystem: true,
    compilerOptions: { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler },
  });
  project.createSourceFile(`${ROOT}/src/db.ts`, PRISMA_LIKE);
  for (const [path, text] of Object.entries(others)) project.createSourceFile(`${ROOT}/${path}`, text);
  const sf = project.createSourceFile(`${ROOT}/src/mcp/tools/${name}`, source);
  return scanFile(sf, ROOT);
}

/** The input schema derived for `export async function t(ctx: unknown, args: <argsType>)`. */
export function inputOf(argsType: string): string {
  const r = scan(`import type { Role, Visit } from '../../db.js';\nexport async function t(ctx: unknown, args: ${argsType}) {}\n`);
  if (r.problems.length) throw new Error(r.problems.join('\n'));
  const tool = r.tools[0]!;
  if (tool.form !== 'function') throw new Error('not a function tool');
  return tool.input;
}

/** Generated code on one line (objectLiteral breaks long objects over lines). */
export function flat(code: string): string {
  return code.replace(/\s*\n\s*/g, ' ').replace(/, \}/g, ' }').replace(/\{ \}/g, '{}');
}
