// The host end of a program's calls: `db.<delegate>.<operation>` runs compact mode's `query` or
// `mutate` tool, and `tools.<name>` a custom tool, through ctx.invoke: the same argument checks,
// scopes, row caps, rate limits and audit as a tools/call of that tool. Only JSON strings come in
// and go out; keys named __proto__ or constructor are dropped on the way in.
import { MUTATE_OPERATIONS, QUERY_OPERATIONS } from '../compact/operations.js';
import { allows } from '../../mcp/server.js';
import type { InvokeResult, InvokeTool, ModelSpec, ToolDef } from '../../core/spec.js';
import type { Api, CallHandler } from './sandbox.js';
import type { RunTransaction } from './transaction.js';

type Row = Record<string, unknown>;

export interface RunStats {
  calls: number;
  rows: number;
  writes: number;
  readonly notes: string[];
}

export interface BridgeOptions {
  /** The served models by Prisma delegate name (`blogPost`). */
  readonly delegates: ReadonlyMap<string, ModelSpec<any>>;
  readonly query: ToolDef;
  readonly mutate?: ToolDef;
  /** Custom tools (and published procedures) by name. */
  readonly tools: ReadonlyMap<string, ToolDef>;
  readonly scopes: readonly string[];
  readonly invoke: InvokeTool;
  readonly transaction: RunTransaction;
  /** Resolves once the run knows whether its writes were kept (for their audit records). */
  readonly committed: Promise<boolean>;
  readonly stats: RunStats;
}

const QUERY = new Set<string>(QUERY_OPERATIONS);
const MUTATE = new Set<string>(MUTATE_OPERATIONS);

const dropKeys = (key: string, value: unknown) => (key === '__proto__' || key === 'constructor' ? undefined : value);

/** Parses JSON from the sandbox without the keys that could reach a prototype. */
export function parseGuestJson(json: string): unknown {
  return JSON.parse(json, dropKeys);
}

/** What the program may call, for the worker's prelude. */
export function apiOf(delegates: ReadonlyMap<string, ModelSpec<any>>, ops: (spec: ModelSpec<any>) => readonly string[], tools: ReadonlyMap<string, ToolDef>): Api {
  return {
    db: Object.fromEntries([...delegates].map(([d, spec]) => [d, ops(spec)])),
    tools: [...tools.keys()],
    trpc: [],
  };
}

const ok = (value: unknown) => JSON.stringify({ ok: true, value: value === undefined ? null : value });
const refuse = (message: string, name = 'Error') => JSON.stringify({ ok: false, name, message });

/** Counts the rows a result carries, for the run's stats. */
function rowsIn(value: unknown): number {
  if (Array.isArray(value)) return value.length;
  if (value && typeof value === 'object' && Array.isArray((value as { items?: unknown }).items)) return (value as { items: unknown[] }).items.length;
  return value === null || value === undefined ? 0 : 1;
}

/** compact `query`/`mutate` answers → what Prisma Client returns (findMany keeps its page). */
function reshape(spec: ModelSpec<any>, operation: string, result: InvokeResult, stats: RunStats): unknown {
  if (!result.ok) {
    // findUnique answers "not found" for a missing or out-of-scope row: Prisma's null.
    if (operation === 'findUnique' && result.message === `${spec.name} not found`) return null;
    throw Object.assign(new Error(result.message), { name: /^Invalid arguments|^args|^query |^mutate |does not allow/.test(result.message) ? 'ArgumentError' : 'DbError' });
  }
  const v = result.value as Row;
  switch (operation) {
    case 'findFirst':
      return v['item'] ?? null;
    case 'count':
      return v['count'];
    case 'groupBy':
      if (typeof v['note'] === 'string') stats.notes.push(`db.${spec.delegate}.groupBy: ${v['note']}`);
      return v['groups'];
    case 'findMany':
      if (typeof v['note'] === 'string') stats.notes.push(`db.${spec.delegate}.findMany: ${v['note']}`);
      return v;
    default:
      return v;
  }
}

export function createBridge(o: BridgeOptions): CallHandler {
  const { stats } = o;
  const db = async (delegate: string, operation: string, args: unknown): Promise<string> => {
    const spec = o.delegates.get(delegate);
    const path = `db.${delegate}.${operation}`;
    if (!spec) return refuse(`db.${delegate} is not a model you can use; models: ${[...o.delegates.keys()].join(', ') || '(none)'}`, 'ReferenceError');
    const write = MUTATE.has(operation);
    if (!write && !QUERY.has(operation)) return refuse(`${path} is not an operation; operations: ${[...QUERY_OPERATIONS, ...MUTATE_OPERATIONS].join(', ')}`, 'ReferenceError');
    if (args !== undefined && (typeof args !== 'object' || args === null || Array.isArray(args))) return refuse(`${path}: the argument must be an object`, 'TypeError');
    const toolset = spec.toolset ?? '';
    if (write && (!o.mutate || !allows(o.scopes, 'write', toolset))) {
      return refuse(`${path}: your credential's scopes (${o.scopes.join(', ') || 'none'}) do not include "write" or "${toolset}:write"; nothing was written`, 'ForbiddenError');
    }
    const prisma = await o.transaction.client(write);
    const tool = write ? o.mutate! : o.query;
    const result = await o.invoke(tool, { model: spec.name, operation, args: args ?? {} }, { prisma, ...(write ? { committed: o.committed } : {}) });
    const value = reshape(spec, operation, result, stats);
    stats.rows += operation === 'count' || operation === 'aggregate' ? 0 : rowsIn(value);
    if (write) stats.writes++;
    return ok(value);
  };

  return async (path, json) => {
    stats.calls++;
    try {
      const args = json === undefined ? undefined : parseGuestJson(json);
      const [namespace, first = '', second, ...rest] = path.split('.');
      if (namespace === 'db' && second !== undefined && rest.length === 0) return await db(first, second, args);
      if (namespace === 'tools' && second === undefined) {
        const tool = o.tools.get(first);
        if (!tool) return refuse(`tools.${first} is not a tool you can call; tools: ${[...o.tools.keys()].join(', ') || '(none)'}`, 'ReferenceError');
        // Custom tools run with the app's own client, outside the run's transaction: only read
        // tools are offered (codeTools), so a program's writes stay atomic.
        const result = await o.invoke(tool, args ?? {});
        if (!result.ok) return refuse(result.message, 'ToolError');
        return ok(result.value);
      }
      return refuse(`${path} is not something a program can call`, 'ReferenceError');
    } catch (error) {
      const e = error as { name?: unknown; message?: unknown };
      return refuse(typeof e?.message === 'string' ? e.message : `${path} failed`, typeof e?.name === 'string' ? e.name : 'Error');
    }
  };
}
