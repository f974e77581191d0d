/**
 * Finds the tools in the user's tools folder: exported functions (`(ctx, args) => …`) and
 * `defineTool({...})` calls. Loaded only when the folder exists (ts-morph is slow to load).
 */
import path from 'node:path';
import {
  Node,
  type ArrowFunction,
  type FunctionDeclaration,
  type FunctionExpression,
  type JSDoc,
  type ObjectLiteralExpression,
  type SourceFile,
  type Type,
} from 'ts-morph';
import { readDoc, type ToolDoc } from './jsdoc.js';
import { TypeProblem } from './errors.js';
import { typeToZod } from './type-to-zod.js';
import type { FoundDefinition, FoundFunction, FoundTool, ToolHints } from './types.js';

export interface ScanResult {
  readonly tools: FoundTool[];
  readonly problems: string[];
}

type FunctionNode = FunctionDeclaration | ArrowFunction | FunctionExpression;

/** Scans one file; `root` makes paths in messages project-relative. */
export function scanFile(sf: SourceFile, root: string): ScanResult {
  const file = rel(root, sf.getFilePath());
  const tools: FoundTool[] = [];
  const problems: string[] = [];
  const tryAdd = (make: () => FoundTool | undefined) => {
    try {
      const tool = make();
      if (tool) tools.push(tool);
    } catch (error) {
      if (!(error instanceof TypeProblem)) throw error;
      const where = error.file ? `${rel(root, error.file)}:${error.line}` : `${file}:${error.line ?? '?'}`;
      problems.push(`${where}: ${error.message}`);
    }
  };
  for (const fn of sf.getFunctions()) {
    if (!fn.isExported() || fn.isDefaultExport()) continue;
    const name = fn.getName();
    if (name) tryAdd(() => functionTool(fn, name, fn.getJsDocs(), file));
  }
  for (const statement of sf.getVariableStatements()) {
    if (!statement.isExported()) continue;
    for (const decl of statement.getDeclarations()) {
      const init = decl.getInitializer();
      const name = decl.getName();
      if (Node.isArrowFunction(init) || Node.isFunctionExpression(init)) {
        tryAdd(() => functionTool(init, name, statement.getJsDocs(), file));
      } else if (Node.isCallExpression(init) && init.getExpression().getText() === 'defineTool') {
        tryAdd(() => definitionTool(init.getArguments()[0], name, statement.getJsDocs(), file, decl.getStartLineNumber()));
      }
    }
  }
  const def = sf.getDefaultExportSymbol();
  if (def) {
    const line = def.getDeclarations()[0]?.getStartLineNumber() ?? 1;
    problems.push(`${file}:${line}: a default export cannot be a tool: export a named function or defineTool(...)`);
  }
  return { tools: tools.sort((a, b) => a.line - b.line), problems };
}

function functionTool(fn: FunctionNode, exportName: string, docs: readonly JSDoc[], file: string): FoundFunction | undefined {
  const doc = readDoc(docs);
  if (doc.tags.has('internal')) return undefined;
  const line = fn.getStartLineNumber();
  const at = (problem: string, l = line) => new TypeProblem(exportName, problem, l);
  if (fn.getTypeParameters().length > 0) throw at('generic functions cannot be tools');
  const params = fn.getParameters();
  if (params.length > 2) throw at(`a tool takes (ctx, args); found ${params.length} parameters`);
  const args = params[1];
  let input = 'z.strictObject({})';
  if (args) {
    const argName = Node.isIdentifier(args.getNameNode()) ? args.getName() : 'args';
    const type = args.getType();
    try {
      input = typeToZod(type.getNonNullableType(), argName, { mode: 'input', at: args, paramDocs: doc.params });
    } catch (error) {
      if (error instanceof TypeProblem && error.line === undefined) {
        throw new TypeProblem(error.path, `${error.reason}`, args.getStartLineNumber());
      }
      throw error;
    }
    if (!input.startsWith('z.strictObject(')) {
      throw at(`${argName} must be an object type like { visitId: number }, found ${type.getText(args)}`, args.getStartLineNumber());
    }
  }
  const hints = hintsOf(doc);
  return {
    form: 'function',
    file,
    line,
    exportName,
    ...tagText(doc, 'name', 'toolset', 'title'),
    description: doc.summary,
    access: doc.tags.has('readOnly') ? 'read' : 'write',
    hints,
    input,
    ...outputOf(fn.getReturnType(), fn),
  };
}

function hintsOf(doc: ToolDoc): ToolHints {
  const flag = (tag: string) => (doc.tags.has(tag) ? doc.tags.get(tag) !== 'false' : undefined);
  const hints: Record<string, boolean> = {};
  const destructive = flag('destructive');
  const idempotent = flag('idempotent');
  const openWorld = flag('openWorld');
  if (destructive !== undefined) hints['destructiveHint'] = destructive;
  if (idempotent !== undefined) hints['idempotentHint'] = idempotent;
  if (openWorld !== undefined) hints['openWorldHint'] = openWorld;
  return hints;
}

function tagText(doc: ToolDoc, ...names: ('name' | 'toolset' | 'title')[]): { name?: string; toolset?: string; title?: string } {
  const out: Record<string, string> = {};
  for (const n of names) {
    const v = doc.tags.get(n);
    if (v) out[n] = v;
  }
  return out;
}

/** The output schema from the (awaited) return type; none when it cannot be expressed. */
function outputOf(returnType: Type, at: Node): { output?: string; wrap: boolean } {
  const type = returnType.getAwaitedType() ?? returnType;
  if (type.isVoid() || type.isUndefined() || type.isAny() || type.isUnknown()) return { wrap: false };
  try {
    const code = typeToZod(type, 'result', { mode: 'output', at });
    if (!type.isUnion() && code.startsWith('z.object(')) return { output: code, wrap: false };
    return { output: `z.object({ result: ${code} })`, wrap: true };
  } catch (error) {
    if (error instanceof TypeProblem) return { wrap: false };
    throw error;
  }
}

function definitionTool(arg: Node | undefined, exportName: string, docs: readonly JSDoc[], file: string, line: number): FoundDefinition | undefined {
  const doc = readDoc(docs);
  if (doc.tags.has('internal')) return undefined;
  const found: { name?: string; toolset?: string } = tagText(doc, 'name', 'toolset');
  let source: FoundDefinition['source'];
  if (Node.isObjectLiteralExpression(arg)) {
    for (const key of ['name', 'toolset'] as const) {
      const value = literalProperty(arg, key, exportName);
      if (value !== undefined) found[key] = value;
    }
    source = sourceOf(arg);
  }
  return { form: 'definition', file, line, exportName, ...found, ...(source ? { source } : {}) };
}

/** What a definition's literal says about its listing: literal title and description, and its schemas' code. */
function sourceOf(obj: ObjectLiteralExpression): FoundDefinition['source'] {
  const initializer = (key: string) => {
    const prop = obj.getProperty(key);
    return Node.isPropertyAssignment(prop) ? prop.getInitializer() : undefined;
  };
  const text = (key: string) => {
    const value = initializer(key);
    return Node.isStringLiteral(value) || Node.isNoSubstitutionTemplateLiteral(value) ? value.getLiteralValue() : undefined;
  };
  const code = (key: string) => initializer(key)?.getText();
  const entries = { title: text('title'), description: text('description'), input: code('input'), output: code('output') };
  return Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined));
}

function literalProperty(obj: ObjectLiteralExpression, key: string, exportName: string): string | undefined {
  const prop = obj.getProperty(key);
  if (!prop) return undefined;
  const value = Node.isPropertyAssignment(prop) ? prop.getInitializer() : undefined;
  if (Node.isStringLiteral(value) || Node.isNoSubstitutionTemplateLiteral(value)) return value.getLiteralValue();
  throw new TypeProblem(`${exportName}.${key}`, 'must be a string literal (the generator reads it)', prop.getStartLineNumber());
}

function rel(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}
