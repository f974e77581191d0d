/**
 * What init reads from the app's `next.config.*`: `basePath` (Next.js serves every route under
 * it, and a route handler's `request.url` keeps it) and `trailingSlash` (Next.js then redirects
 * `/mcp` to `/mcp/`). Read, never written: the generated code needs no bundler setting. A value
 * is taken only when it is unambiguous: one `basePath` / `trailingSlash` property in the file,
 * written as a literal; anything else (computed, from the environment) is reported as unknown.
 */
import { Node, Project, SyntaxKind, ts } from 'ts-morph';

export const NEXT_CONFIG_FILES = ['next.config.ts', 'next.config.mts', 'next.config.mjs', 'next.config.js', 'next.config.cjs'] as const;

export interface NextConfigFacts {
  /** The config file read, when there is one. */
  readonly file?: string;
  /** `''` without a basePath; undefined when the file sets one that is not a plain string. */
  readonly basePath: string | undefined;
  /** undefined when the file sets it to something other than `true` or `false`. */
  readonly trailingSlash: boolean | undefined;
}

/** The literal value of the single property `name` anywhere in the file: absent, a value, or unknown. */
function literal(source: import('ts-morph').SourceFile, name: string): { set: false } | { set: true; value: string | boolean | undefined } {
  const props = source.getDescendantsOfKind(SyntaxKind.PropertyAssignment).filter((p) => p.getName() === name);
  const shorthand = source.getDescendantsOfKind(SyntaxKind.ShorthandPropertyAssignment).some((p) => p.getName() === name);
  if (props.length === 0 && !shorthand) return { set: false };
  if (props.length !== 1 || shorthand) return { set: true, value: undefined };
  const init = props[0]!.getInitializer();
  if (init && (Node.isStringLiteral(init) || Node.isNoSubstitutionTemplateLiteral(init))) return { set: true, value: init.getLiteralValue() };
  if (init && Node.isTrueLiteral(init)) return { set: true, value: true };
  if (init && Node.isFalseLiteral(init)) return { set: true, value: false };
  return { set: true, value: undefined };
}

export function readNextConfig(files: readonly (readonly [string, string])[]): NextConfigFacts {
  const found = files[0];
  if (!found) return { basePath: '', trailingSlash: false };
  const [file, text] = found;
  const project = new Project({ useInMemoryFileSystem: true, compilerOptions: { allowJs: true, jsx: ts.JsxEmit.Preserve } });
  const source = project.createSourceFile(file.replace(/\.(c|m)?js$/, '.$1ts'), text);
  const base = literal(source, 'basePath');
  const slash = literal(source, 'trailingSlash');
  return {
    file,
    basePath: !base.set ? '' : typeof base.value === 'string' ? base.value.replace(/\/$/, '') : undefined,
    trailingSlash: !slash.set ? false : typeof slash.value === 'boolean' ? slash.value : undefined,
  };
}
