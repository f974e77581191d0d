// The scoping matrix speaks full mode's per-model tools (`list_notes`, `create_patient`, ...). In
// compact mode the same calls go through `query` / `mutate` with Prisma Client arguments: this
// file is the thin translation, so the matrix's assertions stay the same in both modes.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { callTool, type ToolCallResult } from '../../helpers/client.js';
import { rawCall, type RawAnswer } from './rpc.js';

export type Mode = 'full' | 'compact';

const MODELS: Record<string, string> = { note: 'Note', patient: 'Patient', clinic: 'Clinic', visit: 'Visit' };
const OPERATION: Record<string, string> = {
  list: 'findMany', get: 'findUnique', count: 'count', aggregate: 'aggregate', create: 'create', update: 'update', delete: 'delete',
};

interface CompactCall {
  readonly tool: 'query' | 'mutate';
  readonly arguments: { model: string; operation: string; args: Record<string, unknown> };
  /** Brings the compact result to the per-model tool's shape. */
  readonly result: (structured: unknown) => unknown;
}

const flags = (names: unknown) => (Array.isArray(names) ? Object.fromEntries(names.map((n) => [n, true])) : names);

/** A per-model tool call as compact `query`/`mutate`; undefined for tools compact mode keeps (get_user_info). */
export function toCompact(tool: string, args: Record<string, unknown>): CompactCall | undefined {
  const [verb, noun] = tool.split(/_(.+)/) as [string, string | undefined];
  const model = noun && MODELS[noun.replace(/s$/, '')];
  const operation = OPERATION[verb];
  if (!model || !operation) return undefined;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(args)) out[key] = ['select', 'include', '_count', '_sum', '_avg', '_min', '_max'].includes(key) ? flags(value) : value;
  const write = ['create', 'update', 'delete'].includes(verb);
  if (verb === 'aggregate' && args['by'] === undefined) {
    return { tool: 'query', arguments: { model, operation, args: out }, result: (r) => ({ groups: [r] }) };
  }
  return {
    tool: write ? 'mutate' : 'query',
    arguments: { model, operation: verb === 'aggregate' ? 'groupBy' : operation, args: out },
    result: (r) => r,
  };
}

export interface Surface {
  readonly mode: Mode;
  call(client: Client, tool: string, args?: Record<string, unknown>): Promise<ToolCallResult>;
  raw(url: string, key: string, tool: string, args: Record<string, unknown>): Promise<RawAnswer>;
  /** `tools/call` params for a per-model tool call in this mode. */
  params(tool: string, args: Record<string, unknown>): { name: string; arguments: Record<string, unknown> };
  /** Whether `tool` (a per-model tool name) is offered to the client. */
  offered(client: Client, tool: string): Promise<boolean>;
}

export function surface(mode: Mode): Surface {
  if (mode === 'full') {
    return {
      mode,
      call: (client, tool, args = {}) => callTool(client, tool, args),
      raw: rawCall,
      params: (name, args) => ({ name, arguments: args }),
      offered: async (client, tool) => (await client.listTools()).tools.some((t) => t.name === tool),
    };
  }
  return {
    mode,
    async call(client, tool, args = {}) {
      const c = toCompact(tool, args);
      if (!c) return callTool(client, tool, args);
      const r = await callTool(client, c.tool, c.arguments);
      return r.isError ? r : { ...r, structured: c.result(r.structured) };
    },
    params(tool, args) {
      const c = toCompact(tool, args);
      return c ? { name: c.tool, arguments: c.arguments } : { name: tool, arguments: args };
    },
    raw(url, key, tool, args) {
      const c = toCompact(tool, args);
      return c ? rawCall(url, key, c.tool, c.arguments) : rawCall(url, key, tool, args);
    },
    async offered(client, tool) {
      const c = toCompact(tool, {});
      const names = (await client.listTools()).tools.map((t) => t.name);
      if (!c) return names.includes(tool);
      if (!names.includes(c.tool)) return false;
      // The tool is there; the model must be too, and allow the operation.
      const r = await callTool(client, 'describe_models', {});
      const line = r.text.split('\n').find((l) => l.startsWith(`${c.arguments.model}:`) || l.startsWith(`${c.arguments.model} [`));
      return line !== undefined && new RegExp(`\\b${c.arguments.operation}\\b`).test(line);
    },
  };
}
