/**
 * Discovery reads the router's TYPE with ts-morph instead of importing it. Importing a real app's
 * router at generate time runs its module graph: env validation that throws without secrets
 * (create-t3-app's `env.js`), a database client, auth configuration. The type carries everything a
 * tool needs (paths, query/mutation/subscription, input and output types); the only values read
 * from source are literal `.meta({ description })` calls and JSDoc. The procedure's validator
 * itself is read at server start (runtime/publish/trpc.ts), where the app is loaded anyway.
 */
import path from 'node:path';
import { Node, type Symbol as TsSymbol, type Type } from 'ts-morph';
import { openToolsProject } from '../../custom-tools/project.js';
import type { ModuleRef } from './module-ref.js';
import { contextMembers } from './scaffold.js';
import type { ProcedureType } from './types.js';

/** A procedure as listed from the router type; its schemas are derived only if it is published. */
export interface ListedProcedure {
  readonly path: string;
  readonly type: ProcedureType;
  readonly file: string;
  readonly line: number;
  readonly description?: string;
  readonly inputType: Type;
  readonly outputType: Type;
  /** Where member types are resolved. */
  readonly at: Node;
}

const TYPES: readonly string[] = ['query', 'mutation', 'subscription'];

export interface Listing {
  readonly procedures: ListedProcedure[];
  /** Member names of the router's context type (for the createContext scaffold). */
  readonly ctxMembers?: string[];
  readonly problem?: string;
}

export function listProcedures(root: string, ref: ModuleRef): Listing {
  const [sf] = openToolsProject(root, [path.join(root, ref.file)]);
  const exports = sf!.getExportedDeclarations();
  const decl = exports.get(ref.exportName)?.[0];
  if (!decl) {
    return { procedures: [], problem: `publish.trpc.router: ${ref.file} has no export ${ref.exportName} (exports: ${[...exports.keys()].sort().join(', ') || 'none'})` };
  }
  const record = prop(prop(decl.getType(), '_def', decl), 'record', decl);
  if (!record) {
    return { procedures: [], problem: `publish.trpc.router: ${ref.file}#${ref.exportName} is not a tRPC v11 router (its type has no _def.record)` };
  }
  const procedures: ListedProcedure[] = [];
  walk(record, [], decl, root, procedures, new Set());
  return { procedures, ctxMembers: contextMembers(decl.getType(), decl) };
}

function prop(type: Type | undefined, name: string, at: Node): Type | undefined {
  return type?.getProperty(name)?.getTypeAtLocation(at);
}

function walk(record: Type, prefix: readonly string[], at: Node, root: string, out: ListedProcedure[], seen: Set<Type>): void {
  if (seen.has(record)) return;
  seen.add(record);
  for (const member of record.getProperties()) {
    const type = member.getTypeAtLocation(at);
    const def = prop(type, '_def', at);
    const kind = prop(def, 'type', at);
    const segments = [...prefix, member.getName()];
    if (kind?.isStringLiteral() && TYPES.includes(kind.getLiteralValue() as string)) {
      const types = prop(def, '$types', at);
      out.push({
        path: segments.join('.'),
        type: kind.getLiteralValue() as ProcedureType,
        ...where(member, root),
        description: description(member, at),
        inputType: prop(types, 'input', at)!,
        outputType: prop(types, 'output', at)!,
        at,
      });
    } else if (type.isObject() && !def) {
      walk(type, segments, at, root, out, seen);
    }
  }
}

function where(member: TsSymbol, root: string): { file: string; line: number } {
  const decl = member.getDeclarations()[0];
  if (!decl) return { file: '?', line: 0 };
  return { file: path.relative(root, decl.getSourceFile().getFilePath()).split(path.sep).join('/'), line: decl.getStartLineNumber() };
}

/** `.meta({ description: '…' })` anywhere in the builder chain of the key's value, else its JSDoc. */
function description(member: TsSymbol, at: Node): string | undefined {
  const decl = member.getDeclarations()[0];
  let expr: Node | undefined = decl && Node.isPropertyAssignment(decl) ? decl.getInitializer() : undefined;
  while (expr && Node.isCallExpression(expr)) {
    const callee = expr.getExpression();
    if (!Node.isPropertyAccessExpression(callee)) break;
    const arg = expr.getArguments()[0];
    if (callee.getName() === 'meta' && Node.isObjectLiteralExpression(arg)) {
      const p = arg.getProperty('description');
      const value = p && Node.isPropertyAssignment(p) ? p.getInitializer() : undefined;
      if (Node.isStringLiteral(value) || Node.isNoSubstitutionTemplateLiteral(value)) return clean(value.getLiteralValue());
    }
    expr = callee.getExpression();
  }
  const checker = at.getProject().getTypeChecker().compilerObject;
  const doc = member.compilerSymbol.getDocumentationComment(checker).map((part) => part.text).join('');
  return clean(doc);
}

function clean(text: string): string | undefined {
  const t = text.replace(/\s+/g, ' ').trim();
  return t || undefined;
}
