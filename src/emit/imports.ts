import { compare, relativeImport } from './ts.js';
import type { ImportExtension } from './specifiers.js';

export interface ImportSpec {
  /** A bare package name, a path relative to the output folder ending in `.ts`, or a relative specifier. */
  readonly from: string;
  /** Named imports; `* as x` for a namespace import. */
  readonly names: readonly string[];
  readonly typeOnly?: boolean;
}

/**
 * Import statements for a generated file at `path`, sorted: packages first, then local files.
 * Generated files are imported with `ext` (the project's style: `.js`, `.ts` or none).
 */
export function importBlock(path: string, specs: readonly ImportSpec[], ext: ImportExtension): string {
  const lines = specs
    .filter((s) => s.names.length > 0)
    .map((s) => {
      // A path in the output folder (`runtime/spec.ts`) becomes a specifier; packages and relative specifiers stay.
      const target = s.from.endsWith('.ts') && !s.from.startsWith('.') ? relativeImport(path, s.from, ext) : s.from;
      const kw = s.typeOnly ? 'import type' : 'import';
      const ns = s.names.find((n) => n.startsWith('* as '));
      const clause = ns ?? `{ ${[...s.names].sort(compare).join(', ')} }`;
      return { local: target.startsWith('.'), target, line: `${kw} ${clause} from '${target}';` };
    });
  const byTarget = (a: { target: string }, b: { target: string }) => compare(a.target, b.target);
  const sorted = [...lines.filter((l) => !l.local).sort(byTarget), ...lines.filter((l) => l.local).sort(byTarget)];
  return sorted.map((l) => l.line).join('\n') + '\n';
}
