/**
 * The user-owned `createContext` for published procedures, written once when the file is missing
 * (never overwritten). Its body follows the router's context type: create-t3-app's
 * `{ db, session, headers }` (a NextAuth/Auth.js session made from the MCP caller), a plain
 * `{ prisma, user }`, and a commented stub for members it cannot fill.
 */
import path from 'node:path';
import type { Node, Type } from 'ts-morph';
import { relativeImport } from '../../emit/ts.js';
import type { ModuleRef } from './module-ref.js';
import type { ImportExtension } from '../../plan/types.js';

/** The router's context type: `_def._config.$types.ctx`. */
export function contextMembers(routerType: Type, at: Node): string[] | undefined {
  let t: Type | undefined = routerType;
  for (const name of ['_def', '_config', '$types', 'ctx']) t = t?.getProperty(name)?.getTypeAtLocation(at);
  return t?.getProperties().map((p) => p.getName()).sort();
}

const FILL: Readonly<Record<string, string>> = {
  db: 'prisma',
  prisma: 'prisma',
  user: 'user',
  headers: 'request?.headers ?? new Headers()',
  req: 'request',
  request: 'request',
  // A NextAuth/Auth.js session for the caller; `expires` is a short horizon since each call is its own session.
  session: 'user ? { user: { ...user, id: String(user.id) }, expires: new Date(Date.now() + 60_000).toISOString() } : null',
};

export function scaffoldContext(context: ModuleRef, output: string, members: readonly string[] | undefined, ext: ImportExtension): string {
  const from = context.file;
  const gen = (target: string) => relativeImport(from, path.posix.join(output, target), ext);
  const known = (members ?? []).filter((m) => FILL[m]);
  const unknown = (members ?? []).filter((m) => !FILL[m]);
  const uses = ['user', 'prisma', 'request'].filter((v) => known.some((m) => FILL[m]!.includes(v)));
  const lines = [
    ...known.map((m) => `    ${m}: ${FILL[m]},`),
    ...unknown.map((m) => `    // ${m}: …, // TODO: your router's context has "${m}"; fill it for MCP callers`),
  ];
  const body = members === undefined
    ? `  // TODO: return what your procedures expect in ctx, built from the MCP caller, e.g.\n  // return { prisma, session: user ? { user } : null };\n  throw new Error('write createContext in ${from}');`
    : `  return {\n${lines.join('\n')}\n  };`;
  return `// Yours to edit (mcp-gen wrote it once and never overwrites it).
//
// Builds the context your tRPC procedures receive when an MCP client calls them: \`user\` is the
// caller mcp-gen authenticated (its API key's user; null with auth: 'none'), so \`protectedProcedure\`
// and your middleware see them as the signed-in user. Keep it cheap: it runs on every tool call.
import type { CurrentUser, Db } from '${gen('context.ts')}';
import type { PublishContextOptions } from '${gen('runtime/publish/trpc.ts')}';

export async function ${context.exportName}({ ${uses.join(', ')} }: PublishContextOptions<CurrentUser, Db>) {
${body}
}
`;
}
