/**
 * Import specifiers in the project's style. The runtime and the generated modules import each
 * other the way the project's module resolution accepts: `./file.js` (Node's ESM rule: NodeNext,
 * Node16), `./file` (`bundler`: Next.js with Turbopack, Vite) or `./file.ts`
 * (`allowImportingTsExtensions`). Turbopack cannot map `./file.js` to `./file.ts`
 * (vercel/next.js#82945); every resolver accepts the style its tsconfig asks for.
 */
import { createRequire } from 'node:module';
import type { ts as TS } from 'ts-morph';
import type { ImportExtension } from '../plan/types.js';

export type { ImportExtension } from '../plan/types.js';

/** `dir/file.ts` (a path to a TypeScript module, no specifier yet) → `dir/file<ext>`. */
export function moduleSpecifier(tsPath: string, ext: ImportExtension): string {
  return `${tsPath.replace(/\.(m|c)?tsx?$/, '')}${ext}`;
}

const RELATIVE_JS = /^\.\.?\/.*\.js$/;

let typescript: typeof TS | undefined;
/** TypeScript (through ts-morph, a dependency), loaded only when a file needs rewriting. */
function ts(): typeof TS {
  typescript ??= (createRequire(import.meta.url)('ts-morph') as typeof import('ts-morph')).ts;
  return typescript;
}

/**
 * A runtime source written with NodeNext `./file.js` specifiers, in the project's style. The
 * module specifiers are found by TypeScript's own import scanner (static imports and exports,
 * `import type`, `import('…')` with a literal), so comments and strings that merely look like
 * imports stay as they are. Only relative `.js` specifiers change; packages never do.
 */
export function restyleSpecifiers(source: string, ext: ImportExtension): string {
  if (ext === '.js') return source;
  const { importedFiles } = ts().preProcessFile(source, true, true);
  let out = '';
  let at = 0;
  for (const ref of [...importedFiles].sort((a, b) => a.pos - b.pos)) {
    if (!RELATIVE_JS.test(ref.fileName)) continue;
    // `pos` is the specifier's opening quote (or its first character); the text follows it.
    const start = source.startsWith(ref.fileName, ref.pos) ? ref.pos : ref.pos + 1;
    if (!source.startsWith(ref.fileName, start)) throw new Error(`restyleSpecifiers: ${ref.fileName} is not at offset ${ref.pos}`);
    out += source.slice(at, start) + ref.fileName.slice(0, -'.js'.length) + ext;
    at = start + ref.fileName.length;
  }
  return out + source.slice(at);
}
