// Code mode: `describe_models` and `execute { code }`. The model writes one small program over a
// scoped client instead of a chain of tool calls; only its answer enters the conversation.
// Every `db` call of a program is a call of compact mode's `query` or `mutate` (compact/tools.ts),
// run through ctx.invoke: the same validators, hidden fields, row scopes, caps, rate limits and
// audit. The program runs in QuickJS in a worker thread (sandbox.ts); its writes share one
// transaction that commits only when it returns (transaction.ts).
import { z } from 'zod';
import { compactOperations } from '../compact/operations.js';
import { compactTools } from '../compact/tools.js';
import { summaryLine } from '../compact/describe.js';
import { ToolError } from '../../core/errors.js';
import { allows, toolsetsOf } from '../../mcp/server.js';
import type { ModelSpec, Registry, ToolDef } from '../../core/spec.js';
import { apiOf, createBridge, parseGuestJson, type RunStats } from './bridge.js';
import { declarations } from './declarations.js';
import { resolveCaps, type RunCaps } from './limits.js';
import { runInSandbox } from './sandbox.js';
import { locate, prepare, type Located } from './source.js';
import { runTransaction } from './transaction.js';

export interface CodeToolsOptions {
  /** Per-run caps (limits.ts); absent fields keep their defaults. */
  readonly caps?: Partial<RunCaps>;
  /** Tools a program may call as `tools.<name>(args)`: custom tools and published procedures (read ones only). */
  readonly callables?: readonly ToolDef[];
}

const USAGE = `Answer with one program: execute { code } runs JavaScript or TypeScript with top-level await; \`return\` gives the result.
Call describe_models { models: ['Name'] } for TypeScript declarations of db.<model>.<operation>(args) (Prisma Client arguments).
Filter, group and aggregate in the database (where, groupBy, aggregate); return only what answers the question.`;

const granted = (scopes: readonly string[], access: 'read' | 'write', spec: ModelSpec<any>) => allows(scopes, access, spec.toolset ?? '');

/** The tools for the models named in `served` (the code-mode toolsets'); `models` is the whole registry. */
export function codeTools(models: Registry, served: readonly string[], options: CodeToolsOptions = {}): ToolDef[] {
  const caps = resolveCaps(options.caps);
  const specs = served.map((name) => models[name]).filter((s): s is ModelSpec<any> => s !== undefined);
  const toolsets = [...new Set(specs.map((s) => s.toolset ?? ''))].sort();
  const compact = compactTools(models, served);
  const query = compact.find((t) => t.name === 'query')!;
  const mutate = compact.find((t) => t.name === 'mutate');
  const callables = (options.callables ?? []).filter((t) => t.access === 'read');
  const readable = (scopes: readonly string[]) => specs.filter((s) => granted(scopes, 'read', s));

  const describe: ToolDef = {
    name: 'describe_models', toolset: toolsets[0] ?? '', toolsets, access: 'read', userFields: [], gate: () => undefined,
    title: 'Describe models',
    description: 'Lists the models a program can use. With { models: [names] }: TypeScript declarations of db.<model> for them (arguments, results, limits).',
    input: z.strictObject({ models: z.array(z.string()).max(20).optional().describe('Model names to declare') }),
    annotations: { title: 'Describe models', readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    text: (result) => String(result['text']),
    async handler(args, ctx) {
      const names = (args as { models?: string[] }).models;
      const visible = readable(ctx.scopes);
      if (visible.length === 0) throw new ToolError('your scopes allow reading none of these models');
      const writes = (s: ModelSpec<any>) => granted(ctx.scopes, 'write', s) && compactOperations(s).mutate.length > 0;
      if (!names) {
        const tools = callables.filter((t) => toolsetsOf(t).some((ts) => allows(ctx.scopes, 'read', ts))).map((t) => t.name);
        return { text: [...visible.map((s) => `${s.name} (db.${s.delegate}): ${summaryLine(s, writes(s)).slice(s.name.length + 2)}`), ...(tools.length ? [`tools: ${tools.join(', ')}`] : []), '', USAGE].join('\n') };
      }
      const chosen = names.map((n) => {
        const spec = visible.find((s) => s.name === n || s.delegate === n);
        if (!spec) throw new ToolError(`unknown model "${n}"; models you may read: ${visible.map((s) => s.name).join(', ')}`);
        return spec;
      });
      return { text: `\`\`\`ts\n${declarations(chosen, ctx.models, writes)}\n\`\`\`` };
    },
  };

  const execute: ToolDef = {
    name: 'execute', toolset: toolsets[0] ?? '', toolsets, access: 'read', userFields: 'scopes', gate: () => undefined,
    title: 'Run a program',
    description: `Runs a JavaScript or TypeScript program against the database with your scopes: \`db.<model>.<operation>(args)\` (Prisma Client names and arguments; describe_models gives the declarations), \`tools.<name>(args)\`, console.log. Top-level await; \`return\` gives the result. Writes commit only if the program returns without throwing. Limits: ${caps.timeoutMs} ms, ${caps.maxCalls} calls, ${Math.round(caps.memoryBytes / 1048576)} MB.`,
    input: z.strictObject({ code: z.string().min(1).max(caps.maxCodeChars).describe('The program; `return` its answer') }),
    annotations: { title: 'Run a program', readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false },
    async handler(args, ctx) {
      const started = performance.now();
      const stats: RunStats = { calls: 0, rows: 0, writes: 0, notes: [] };
      const answer = (extra: Record<string, unknown>, logs: readonly string[]) =>
        ({ ...extra, logs, stats: { calls: stats.calls, rows: stats.rows, writes: stats.writes, ms: Math.round(performance.now() - started) }, ...(stats.notes.length ? { notes: stats.notes } : {}) });
      const fail = (error: Located, logs: readonly string[] = [], more: Record<string, unknown> = {}): never => {
        throw new ToolError(JSON.stringify(answer({ error, ...more }, logs)));
      };
      const prepared = await prepare((args as { code: string }).code);
      if ('error' in prepared) return fail(prepared.error);
      if (!ctx.invoke) throw new Error('execute needs the tool server to run calls (ctx.invoke)');
      const delegates = new Map(readable(ctx.scopes).map((s) => [s.delegate, s]));
      const tools = new Map(callables.filter((t) => toolsetsOf(t).some((ts) => allows(ctx.scopes, 'read', ts))).map((t) => [t.name, t]));
      const transaction = runTransaction(ctx.prisma, caps.timeoutMs + 2000);
      let decide!: (kept: boolean) => void;
      const committed = new Promise<boolean>((resolve) => (decide = resolve));
      const bridge = createBridge({ delegates, query, ...(mutate ? { mutate } : {}), tools, scopes: ctx.scopes, invoke: ctx.invoke, transaction, committed, stats });
      const ops = (s: ModelSpec<any>) => { const { query: q, mutate: m } = compactOperations(s); return [...q, ...m]; };
      const outcome = await runInSandbox(prepared.script, apiOf(delegates, ops, tools), caps, bridge, ctx.signal);
      const logs = outcome.logsDropped ? [...outcome.logs, `… ${outcome.logsDropped} more console lines dropped (limit ${caps.maxLogChars} characters)`] : outcome.logs;
      const end = await transaction.finish(outcome.ok);
      decide(end.committed);
      if (!outcome.ok) {
        return fail(locate(outcome.error), logs, stats.writes > 0 ? { writes: `rolled back: nothing of this program's ${stats.writes} write(s) was saved` } : {});
      }
      if (end.error) return fail({ name: 'TransactionError', message: `the program's writes were not saved: ${end.error}` }, logs);
      return fit(outcome.json, outcome.resultChars, logs, answer, caps.maxResultChars);
    },
  };
  return [describe, execute];
}

/** The answer, with the result cut to fit `max` characters and a note on how to narrow it. */
function fit(json: string, chars: number, logs: readonly string[], answer: (extra: Record<string, unknown>, logs: readonly string[]) => Record<string, unknown>, max: number): Record<string, unknown> {
  if (chars <= max) {
    const full = answer({ result: parseGuestJson(json) }, logs);
    if (JSON.stringify(full).length <= max) return full;
  }
  // The cut JSON travels as a string, so its quotes are escaped: shrink until the answer fits.
  let room = Math.max(1000, max - JSON.stringify(answer({}, logs)).length - 400);
  for (;;) {
    const cut = answer({
      result: json.slice(0, room),
      truncated: `the result was ${chars} characters and is cut to ${room} (as JSON text): return less — select fewer fields, take fewer rows, or aggregate in the program`,
    }, logs);
    const over = JSON.stringify(cut).length - max;
    if (over <= 0 || room <= 1000) return cut;
    room = Math.max(1000, room - over - 100);
  }
}
