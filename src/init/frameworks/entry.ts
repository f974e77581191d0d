/**
 * Mounts the MCP server in the app's entry file, only when that is unambiguous: exactly one
 * candidate file creates exactly one app (`const app = express()`, at top level or in a
 * bootstrap function), and the mount is not there yet. A text edit, not a reprint: lines are
 * inserted (the import after the last import; the mount after the app's middleware calls next to
 * it, before its routes), every other byte stays. Anything less certain returns why, and `init`
 * prints the lines instead.
 */
import path from 'node:path';
import type { CallExpression, SourceFile, VariableStatement } from 'ts-morph';
import type { ScaffoldContext } from './types.js';
import { moduleSpecifier } from '../../emit/specifiers.js';

export interface EntrySpec {
  /** The framework's module (`express`): the entry must import it. */
  readonly module: string;
  /** Whether an app-creating expression is this framework's (`express()`, `new Hono()`), given the names imported from `module`. */
  isApp(init: string, imported: ReadonlySet<string>): boolean;
  /** Top-level calls on the app that belong before the mount (`use` for middleware). */
  readonly middleware: readonly string[];
  /** The names the entry imports from the mount file, and its path (project-relative). */
  readonly exportNames: readonly string[];
  readonly mountFile: string;
  /** The statements that mount them, for an app named `app`. */
  mountLines(app: string): readonly string[];
}

export type EntryEdit =
  | { file: string; content: string }
  /** The entry imports the mount file already; `missing`: names it does not use (added to the mount file later). */
  | { mounted: string; missing: readonly string[] }
  | { reason: string };

const NAMES = ['server', 'app', 'index', 'main'];
const DIRS = ['src', '.'];

/** Files that may be the app's entry: package.json main and scripts, then the usual names. */
export function entryCandidates(ctx: ScaffoldContext): string[] {
  const fromPkg = [ctx.pkg.main, ...Object.values(ctx.pkg.scripts ?? {})]
    .flatMap((s) => (s ?? '').split(/\s+/))
    .filter((w) => /\.(m?ts|m?js)$/.test(w) && !w.startsWith('-'))
    .map((w) => path.posix.normalize(w.replace(/^\.\//, '')));
  const usual = DIRS.flatMap((d) => NAMES.flatMap((n) => ['ts', 'mts'].map((e) => path.posix.join(d, `${n}.${e}`))));
  return [...new Set([...fromPkg, ...usual])].filter((f) => !f.startsWith(`${ctx.dir}/`));
}

export async function mountInEntry(ctx: ScaffoldContext, spec: EntrySpec): Promise<EntryEdit> {
  const { Project, Node, SyntaxKind } = await import('ts-morph');
  const project = new Project({ useInMemoryFileSystem: true });
  const hits: { file: string; text: string; source: SourceFile; app: string; statement: VariableStatement }[] = [];
  let javascript: string | undefined;
  for (const file of entryCandidates(ctx)) {
    const text = await ctx.readFile(file);
    if (text === undefined || !text.includes(spec.module)) continue;
    // A JavaScript entry (or a build output named by `start`) cannot import the TypeScript mount file.
    if (!/\.m?ts$/.test(file)) {
      javascript ??= file;
      continue;
    }
    const source = project.createSourceFile(`/${file}`, text, { overwrite: true });
    const imported = new Set<string>();
    for (const decl of source.getImportDeclarations()) {
      if (decl.getModuleSpecifierValue() !== spec.module) continue;
      const def = decl.getDefaultImport()?.getText();
      if (def) imported.add(def);
      for (const named of decl.getNamedImports()) imported.add(named.getAliasNode()?.getText() ?? named.getName());
    }
    if (imported.size === 0) continue;
    // Top level, or the body of a bootstrap function (`const app = await NestFactory.create(…)`).
    const apps = source.getDescendantsOfKind(SyntaxKind.VariableStatement).flatMap((statement) =>
      statement.getDeclarations().flatMap((d) => {
        const init = d.getInitializer()?.getText();
        return init && spec.isApp(init, imported) ? [{ app: d.getName(), statement }] : [];
      }),
    );
    if (apps.length > 1) return { reason: `${file} creates ${apps.length} ${spec.module} apps` };
    if (apps.length === 1) hits.push({ file, text, source, ...apps[0]! });
  }
  if (hits.length === 0) return { reason: javascript ? `${javascript} is JavaScript; the mount file is TypeScript` : `no entry file creating a ${spec.module} app found` };
  if (hits.length > 1) return { reason: `several entry files create one (${hits.map((h) => h.file).join(', ')})` };
  const { file, text, source, app, statement } = hits[0]!;
  let base = moduleSpecifier(path.posix.relative(path.posix.dirname(file), spec.mountFile), '');
  if (!base.startsWith('.')) base = `./${base}`;
  const specifier = `${base}${ctx.ext}`;
  const identifiers = new Set(source.getDescendantsOfKind(SyntaxKind.Identifier).map((id) => id.getText()));
  if (text.includes(base)) return { mounted: file, missing: spec.exportNames.filter((name) => !identifiers.has(name)) };
  if (/['"`]\/mcp['"`/]/.test(text)) return { reason: `${file} already mentions /mcp` };
  const taken = spec.exportNames.find((name) => identifiers.has(name));
  if (taken) return { reason: `${file} already uses the name ${taken}` };

  // After the app's own middleware calls next to it, before its first route or listen.
  const block = statement.getParentOrThrow();
  if (!Node.isSourceFile(block) && !Node.isBlock(block)) return { reason: `${file}: the ${spec.module} app is not created in a plain block` };
  const statements = block.getStatements();
  let after: import('ts-morph').Statement = statement;
  for (const s of statements.slice(statements.indexOf(statement) + 1)) {
    const call = Node.isExpressionStatement(s) ? rootCall(s.getExpression(), Node) : undefined;
    const target = call?.getExpression();
    if (!target || !Node.isPropertyAccessExpression(target) || target.getExpression().getText() !== app) continue;
    if (!spec.middleware.includes(target.getName())) break;
    after = s;
  }
  const imports = source.getImportDeclarations();
  const lastImport = imports[imports.length - 1]!;
  const importLine = `import { ${spec.exportNames.join(', ')} } from '${specifier}';`;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indent = indentation(text, statement.getStart());
  const at = [
    [lastImport.getEnd(), `${eol}${importLine}`],
    [after.getEnd(), spec.mountLines(app).map((line) => `${eol}${indent}${line}`).join('')],
  ] as const;
  let content = text;
  for (const [pos, insert] of [...at].sort((a, b) => b[0] - a[0])) content = content.slice(0, pos) + insert + content.slice(pos);
  return { file, content };
}

/** The innermost call of a chain (`app.use(a).use(b)` → `app.use(a)`), or the call itself. */
function rootCall(expr: import('ts-morph').Expression, node: typeof import('ts-morph').Node): CallExpression | undefined {
  let call: CallExpression | undefined = node.isCallExpression(expr) ? expr : node.isAwaitExpression(expr) && node.isCallExpression(expr.getExpression()) ? (expr.getExpression() as CallExpression) : undefined;
  while (call) {
    const target = call.getExpression();
    const inner = node.isPropertyAccessExpression(target) ? target.getExpression() : undefined;
    if (!inner || !node.isCallExpression(inner)) return call;
    call = inner;
  }
  return undefined;
}

/** The whitespace before `pos` on its line. */
function indentation(text: string, pos: number): string {
  return /^[ \t]*/.exec(text.slice(text.lastIndexOf('\n', pos - 1) + 1, pos))![0];
}
