/** Which listed procedures are published, under which tool names: `include`/`exclude` globs and `names`. */
import { NAME_PATTERN } from '../../config/schema.js';
import type { PublishTrpcConfig } from '../../config/types.js';
import { snakeCase } from '../../custom-tools/names.js';
import type { ListedProcedure } from './discover.js';

/** `*` matches within one path segment, `**` across segments: `post.*`, `admin.**`, `**`. */
export function globToRegExp(glob: string): RegExp {
  const body = glob
    .split(/(\*\*|\*)/)
    .map((part) => (part === '**' ? '.*' : part === '*' ? '[^.]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`);
}

/** `post.byId` → `post_by_id`. */
export function toolNameOf(procedurePath: string): string {
  return procedurePath.split('.').map(snakeCase).join('_');
}

export interface Selection {
  readonly selected: { readonly procedure: ListedProcedure; readonly toolName: string }[];
  readonly problems: string[];
  readonly notes: string[];
}

export function selectProcedures(procedures: readonly ListedProcedure[], config: PublishTrpcConfig, taken: ReadonlyMap<string, string>): Selection {
  const problems: string[] = [];
  const notes: string[] = [];
  const paths = procedures.map((p) => p.path);
  const include = (config.include ?? []).map((g) => ({ g, re: globToRegExp(g) }));
  const exclude = (config.exclude ?? []).map((g) => ({ g, re: globToRegExp(g) }));
  include.forEach(({ g, re }, i) => {
    if (!paths.some((p) => re.test(p))) problems.push(`publish.trpc.include[${i}]: ${JSON.stringify(g)} matches no procedure (procedures: ${paths.join(', ') || 'none'})`);
  });
  exclude.forEach(({ g, re }, i) => {
    if (!paths.some((p) => re.test(p))) notes.push(`publish.trpc.exclude[${i}]: ${JSON.stringify(g)} matches no procedure`);
  });
  for (const p of Object.keys(config.names ?? {})) {
    if (!paths.includes(p)) problems.push(`publish.trpc.names.${p}: no procedure ${p} in the router (procedures: ${paths.join(', ') || 'none'})`);
  }
  const selected: Selection['selected'] = [];
  const byName = new Map<string, string>();
  for (const procedure of procedures) {
    if (!include.some(({ re }) => re.test(procedure.path)) || exclude.some(({ re }) => re.test(procedure.path))) continue;
    if (procedure.type === 'subscription') {
      notes.push(`publish.trpc: ${procedure.path} (${procedure.file}:${procedure.line}) is a subscription: skipped (a tool call answers once)`);
      continue;
    }
    const renamed = config.names?.[procedure.path];
    const toolName = renamed ?? toolNameOf(procedure.path);
    const where = renamed ? `publish.trpc.names.${procedure.path}` : `${procedure.file}:${procedure.line}: ${procedure.path}`;
    if (!NAME_PATTERN.test(toolName)) {
      problems.push(`${where}: tool name ${JSON.stringify(toolName)} must be lowercase letters, digits and _, starting with a letter; rename it with publish.trpc.names`);
      continue;
    }
    const clash = taken.get(toolName) ?? (byName.has(toolName) ? `procedure ${byName.get(toolName)}` : undefined);
    if (clash) {
      problems.push(`${where}: tool name ${toolName} is already used by ${clash}; rename it with publish.trpc.names`);
      continue;
    }
    byName.set(toolName, procedure.path);
    selected.push({ procedure, toolName });
  }
  return { selected, problems, notes };
}
