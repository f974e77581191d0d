/**
 * The generated `instructions`: what a model reads once per connection before it calls anything.
 * Built from the plan the registry is emitted from (the same toolsets, models, operations and
 * modes that `describe_models` and the tools list), in a few sentences: what the server holds,
 * how to start in each mode, paging, row scoping, what needs the write scope, and how errors
 * read. They stay within INSTRUCTIONS_BUDGET tokens whatever the schema: lists are cut short.
 */
import type { AuthPlan, ModelPlan, ToolsetPlan } from './types.js';

/** At most this many o200k tokens (test/plan/instructions.test.ts measures every real-world schema). */
export const INSTRUCTIONS_BUDGET = 300;

/** `'code'`: the code mode (`execute`), on toolsets whose plan says so. */
export type InstructionsMode = ToolsetPlan['mode'] | 'code';

export interface InstructionsInput {
  /** What clients show: the server's title. */
  readonly title: string;
  readonly toolsets: readonly (Omit<ToolsetPlan, 'mode'> & { readonly mode: InstructionsMode })[];
  readonly models: readonly ModelPlan[];
  readonly auth: Pick<AuthPlan, 'kind'>;
}

/** Names listed in full up to this many; past it, a count. */
const LIST_MODELS = 16;
const LIST_TOOLSETS = 6;

const WRITES = new Set(['create', 'update', 'delete']);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
/** A toolset description on one line, cut at 120 characters. */
const oneLine = (s: string) => {
  const line = s.replace(/\s+/g, ' ').trim().replace(/\.$/, '');
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
};

/** The instructions for the whole server (`only` absent) or for the endpoint of one toolset. */
export function defaultInstructions(input: InstructionsInput, only?: string): string {
  const toolsets = only === undefined ? input.toolsets : input.toolsets.filter((t) => t.name === only);
  const names = new Set(toolsets.map((t) => t.name));
  const models = input.models.filter((m) => names.has(m.toolset));
  const modes = new Set(toolsets.map((t) => t.mode));
  const writes = models.some((m) => m.operations.some((op) => WRITES.has(op)));
  const keys = input.auth.kind === 'apiKeys';
  const parts = [holdings(input.title, toolsets, models.length, only !== undefined)];
  if (modes.has('full')) parts.push(fullMode(models.filter((m) => m.mode === 'full'), writes));
  if (modes.has('compact')) parts.push(compactMode(writes));
  if (modes.has('code')) parts.push(codeMode(models.find((m) => m.mode === ('code' as string))?.delegate ?? models[0]?.delegate ?? 'post', writes));
  if (keys) {
    parts.push('Every result holds only rows the signed-in user may see: an empty list or "not found" can mean the row is not theirs. get_user_info says who they are.');
    const perToolset = toolsets.length === 1 ? `${toolsets[0]!.name}:write` : '<toolset>:write';
    if (writes) parts.push(`Creating, updating and deleting need the write scope (or ${perToolset}); without it those calls are refused.`);
  }
  parts.push('A refused call returns an error result saying what and where ("where.title: expected string"): fix the arguments and retry. "internal error (reference …)" is a server fault.');
  return parts.join('\n\n');
}

function holdings(title: string, toolsets: InstructionsInput['toolsets'], modelCount: number, alone: boolean): string {
  if (toolsets.length === 1 || alone) {
    const t = toolsets[0];
    const desc = t?.description ? ` — ${oneLine(t.description)}.` : '.';
    return `${title}${desc} ${plural(modelCount, 'model')}${modelList(t?.models ?? [])}.`;
  }
  const lines = toolsets.slice(0, LIST_TOOLSETS).map((t) => `- ${t.name}${t.description ? `: ${oneLine(t.description)}` : ''} (${plural(t.models.length, 'model')})`);
  if (toolsets.length > LIST_TOOLSETS) lines.push(`- and ${plural(toolsets.length - LIST_TOOLSETS, 'more toolset')}`);
  return `${title}: ${plural(modelCount, 'model')} in ${toolsets.length} toolsets, each also served alone at <this endpoint>/<toolset>:\n${lines.join('\n')}`;
}

function modelList(models: readonly string[]): string {
  if (models.length === 0) return '';
  // "and 1 more" costs as much as the name it hides.
  const more = models.length > LIST_MODELS + 3 ? models.length - LIST_MODELS : 0;
  return `: ${models.slice(0, more > 0 ? LIST_MODELS : models.length).join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
}

function fullMode(models: readonly ModelPlan[], writes: boolean): string {
  const example = models.find((m) => m.toolNames.list)?.toolNames.list;
  const ops = writes ? 'list, get, count, aggregate, create, update, delete' : 'list, get, count, aggregate';
  const paging = example ? ` ${example} and the other list tools return { items, nextCursor, hasMore }: pass nextCursor as cursor for the next page.` : '';
  return `Each model has its own tools, one per operation (${ops}, as the model allows), with typed arguments.${paging}`;
}

function compactMode(writes: boolean): string {
  return (
    'Start with describe_models (the models you can read); describe_models { models: [...] } gives their fields, relations and filters. Then query { model, operation, args } with args in Prisma Client syntax' +
    `${writes ? ', and mutate { model, operation, args } to create, update or delete one row' : ''}. findMany returns { items, nextCursor, hasMore }: pass nextCursor as cursor for the next page.`
  );
}

function codeMode(delegate: string, writes: boolean): string {
  return (
    'Answer with one program rather than many calls: describe_models { models: [...] } gives TypeScript declarations of db; then execute { code } runs JavaScript or TypeScript (top-level await, return the answer) ' +
    `with db.<model>.<operation>(args) in Prisma Client syntax (db.${delegate}.findMany; also findUnique, count, aggregate, groupBy` +
    `${writes ? ', create, update, delete' : ''}). console.log output comes back with the result; writes commit only if the program finishes.`
  );
}
