/** emit: Plan → GeneratedFile[]. Pure: the runtime sources are passed in, nothing touches disk. */
import type { Plan } from '../plan/types.js';
import { compare, type GeneratedFile } from './ts.js';
import { restyleSpecifiers } from './specifiers.js';
import { emitModelTools } from './model-tools.js';
import { emitViews } from './apps.js';
import { emitContext, emitEnums, emitIndex, emitRegistry, emitTools, emitUserInfo } from './project-files.js';
import { emitServerInfo } from './server-info.js';

export type { GeneratedFile } from './ts.js';

export interface EmitInput {
  readonly plan: Plan;
  /** mcp-gen's version, for the header. */
  readonly version: string;
  /** Every .ts file under templates/runtime/: its path there (`auth/keys.ts`) → source. */
  readonly runtime: ReadonlyMap<string, string>;
  /** Every file under templates/apps/ (the MCP Apps views' parts): name → text. Absent: no views.ts. */
  readonly views?: ReadonlyMap<string, string>;
  /** Extra files from other emitters (custom tools), already relative to the output folder. */
  readonly extra?: readonly GeneratedFile[];
  /** The bytes of the icon files `server.icons` names, by path relative to the project root (read by generate). */
  readonly icons?: ReadonlyMap<string, Uint8Array>;
}

/**
 * Heads every runtime file. The runtime is library code, type-checked under strict settings in
 * mcp-gen's own CI; re-checking it in every project would cost most of a `tsc` run and let the
 * project's compiler flags break code it does not own (Prisma's generated client does the same).
 * Its exports carry explicit types, so the project's own code is still checked against them.
 */
export const RUNTIME_NOCHECK = '// @ts-nocheck — mcp-gen runtime: checked in mcp-gen\'s CI, not in your project (see mcp-gen\'s docs/databases.md, "Type-checking").\n';

/** Runtime files that only some configurations need. */
const OPTIONAL_RUNTIME: Record<string, (plan: Plan) => boolean> = {
  'auth/keys/verifier.ts': (plan) => plan.auth.kind === 'apiKeys',
};

/** Runtime folders only emitted files use: `publish/` when procedures are published. */
function neededFolder(name: string, extra: readonly GeneratedFile[]): boolean {
  const folder = /^(publish)\//.exec(name)?.[1];
  return !folder || extra.some((f) => f.path.startsWith(`${folder}/`));
}

export function emit(input: EmitInput): GeneratedFile[] {
  const { plan } = input;
  const files: GeneratedFile[] = [];
  for (const [name, source] of [...input.runtime].sort(([a], [b]) => compare(a, b))) {
    if (OPTIONAL_RUNTIME[name] && !OPTIONAL_RUNTIME[name](plan)) continue;
    if (!neededFolder(name, input.extra ?? [])) continue;
    // Written with `./file.js` specifiers; restyled to the project's (`plan.importExtension`).
    files.push({ path: `runtime/${name}`, content: RUNTIME_NOCHECK + restyleSpecifiers(source, plan.importExtension) });
  }
  for (const mp of plan.models) {
    files.push(emitModelTools(plan, mp));
  }
  files.push(emitEnums(plan), emitRegistry(plan), emitTools(plan, input.extra), emitContext(plan), emitIndex(plan), emitServerInfo(plan, input.icons));
  const userInfo = emitUserInfo(plan);
  if (userInfo) files.push(userInfo);
  const views = input.views && emitViews(plan, input.views);
  if (views) files.push(views);
  files.push(...(input.extra ?? []));
  return files.sort((a, b) => compare(a.path, b.path));
}
