// The tools a server lists besides the per-model and compact ones: get_user_info, custom tools and
// published tRPC procedures. Each is estimated from its own schemas, as generate knows them: the
// zod code the generator emits (functions, procedures) or the user wrote (`defineTool`), and the
// title and description it is listed with.
import type { CustomTool } from '../custom-tools/types.js';
import { titleOf } from '../custom-tools/names.js';
import type { Plan } from '../plan/types.js';
import type { PublishedProcedure } from '../publish/trpc/types.js';

/** One listed tool and what it adds to tools/list. */
export interface ExtraTool {
  readonly name: string;
  readonly toolset: string;
  readonly tokens: number;
}

/** What a tool's listing is made of: its name, title and description, and its schemas' zod code. */
export interface ToolText {
  readonly name: string;
  readonly title?: string;
  readonly description?: string;
  /** zod code of the input and output schemas (`z.strictObject({...})`). */
  readonly input?: string;
  readonly output?: string;
}

/**
 * o200k tokens of a tool's listing, from the characters of its parts. Fitted by least squares
 * against the real listing (runtime listing.ts, gpt-tokenizer o200k_base) of 144 tools crossing
 * 12 input schemas (type-to-zod's spellings), 4 output schemas and 3 descriptions: the total
 * within 1%, single tools within about 45%.
 */
export function extraToolTokens(t: ToolText): number {
  const text = (t.title ?? titleOf(t.name)).length + (t.description ?? '').length;
  const code = (t.input ?? 'z.strictObject({})').length + (t.output ?? '').length;
  return Math.round(42 + 0.28 * t.name.length + 0.22 * text + 0.37 * code);
}

/** get_user_info (API keys): no arguments, the user's info fields out. */
export function userInfoTool(plan: Plan): ExtraTool | undefined {
  const user = plan.auth.user;
  if (plan.auth.kind !== 'apiKeys' || !user) return undefined;
  const fields = [user.idField, ...user.info.filter((f) => f.name !== user.idField.name)];
  const output = `z.object({ ${fields.map((f) => `${f.name}: z.string()`).join(', ')} })`;
  const description = `Returns the ${user.model} this API key belongs to. Takes no arguments.`;
  return { name: 'get_user_info', toolset: 'user', tokens: extraToolTokens({ name: 'get_user_info', title: 'Who am I', description, output }) };
}

/** The tools found in the tools folder, with their final names and toolsets. */
export function customToolCosts(tools: readonly CustomTool[]): ExtraTool[] {
  return tools.map((t) => {
    const text = t.form === 'function' ? { title: t.title, description: t.description, input: t.input, output: t.output } : (t.source ?? {});
    return { name: t.toolName, toolset: t.toolsetName, tokens: extraToolTokens({ name: t.toolName, ...text }) };
  });
}

/**
 * Published procedures: one tool each, or in compact mode describe_procedures and call_procedure
 * (their schemas name every procedure).
 */
export function publishedCosts(procedures: readonly PublishedProcedure[], compact: boolean): ExtraTool[] {
  if (procedures.length === 0) return [];
  if (compact) {
    const toolset = procedures[0]!.toolset;
    const names = `z.enum([${procedures.map((p) => `'${p.toolName}'`).join(', ')}])`;
    const describe = extraToolTokens({
      name: 'describe_procedures', title: 'Describe procedures',
      description: `The app's own procedures, callable with call_procedure: description, whether it writes, input schema. Procedures: ${procedures.map((p) => p.toolName).join(', ')}.`,
      input: `z.strictObject({ names: z.array(${names}).optional().describe('Only these procedures (default: every one you may call)') })`,
    });
    const call = extraToolTokens({
      name: 'call_procedure', title: 'Call procedure',
      description: 'Calls one procedure from describe_procedures with its input. Procedures that write need the write scope.',
      input: `z.strictObject({ procedure: ${names}.describe('A name from describe_procedures'), input: z.record(z.string(), z.unknown()).optional().describe("The procedure's input (default: {})") })`,
    });
    return [{ name: 'describe_procedures', toolset, tokens: describe }, { name: 'call_procedure', toolset, tokens: call }];
  }
  return procedures.map((p) => ({
    name: p.toolName,
    toolset: p.toolset,
    tokens: extraToolTokens({ name: p.toolName, description: p.description ?? `${titleOf(p.toolName)} (tRPC ${p.type} ${p.path}).`, input: p.input, output: p.output }),
  }));
}
