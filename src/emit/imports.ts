import { compare, relativeImport } from './ts.js';

export interface ImportSpec {
  /** A bare package name, or a path relative to the output folder ending in `.ts`. */
  readonly from: string;
  /** Named imports; `* as x` for a namespace import. */
  readonly names: readonly string[];
  readonly typeOnly?: boolean;
}

/** Import statements for a generated file at `path`, sorted: packages first, then local files. */
export function importBlock(path: string, specs: readonly ImportSpec[]): string {
  const lines = specs
    .filter((s) => s.names.length > 0)
    .map((s) => {
      const target = s.from.endsWith('.ts') ? relativeImport(path, s.from) : s.from;
      const kw = s.typeOnly ? 'import type' : 'import';
      const ns = s.names.find((n) => n.startsWith('* as '));
      const clause = ns ?? `{ ${[...s.names].sort(compare).join(', ')} }`;
      return { local: target.startsWith('.'), target, line: `${kw} ${clause} from '${target}';` };
    });
  const byTarget = (a: { target: string }, b: { target: string }) => compare(a.target, b.target);
  const sorted = [...lines.filter((l) => !l.local).sort(byTarget), ...lines.filter((l) => l.local).sort(byTarget)];
  return sorted.map((l) => l.line).join('\n') + '\n';
}
