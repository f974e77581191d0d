// An estimate of what the server's tools/list costs a client's context, per toolset, from the
// plan alone (generate runs no generated code). Per tool it is a linear function of the plan's
// counts (features.ts), calibrated against the real listing counted with gpt-tokenizer's
// o200k_base over the blog fixture and five real-world schemas (585 tools: per-schema totals
// within 3%, single tools within about 30%); test/budget/estimate.test.ts holds it to 10% per schema.
import type { ModelPlan, Operation, Plan } from '../plan/types.js';
import type { ExtraTool } from './extra.js';
import { toolFeatures, type ToolFeatures } from './features.js';

/** The budget a toolset should fit in (issue #9): above either, init picks compact mode and generate warns. */
export const BUDGET = { tokens: 20_000, tools: 40 } as const;
/** OpenAI's function calling takes at most this many tools; more in one endpoint gets a warning. */
export const ENDPOINT_TOOLS = 128;

type Coefficients = Partial<Record<keyof ToolFeatures | 'one' | 'narrowN' | 'narrowC' | 'wideN' | 'wideC', number>>;

// Fitted by least squares per operation (reads); writes from the blog fixture's create/update/delete.
const COEFFICIENTS: Record<Operation, Coefficients> = {
  list: { one: 453, text: 0.23, narrowN: 0.66, narrowC: 2.37, wideN: -16.8, wideC: 1.86, enumChars: 0.18, fields: 15.4, fieldChars: -1.51, relations: 32.9, relationChars: -0.39 },
  count: { one: 221, text: 0.25, narrowN: 16.0, narrowC: 0.34, wideN: -0.52, wideC: 0.32, enumChars: 0.21, relations: 19.6, relationChars: -0.2 },
  // `one` includes groupBy's orderBy, having and skip (about 110 tokens, added after the fit).
  aggregate: { one: 524, text: 0.3, narrowN: -12.9, narrowC: 3.74, wideN: -29.1, wideC: 2.75, fields: 29.9, fieldChars: -2.36, relations: 29.2, relationChars: -0.66 },
  get: { one: 152, text: 0.29, fields: 1.33, fieldChars: -0.16, relations: 14.4, relationChars: -0.27, keyChars: 1.05 },
  create: { one: 100, text: 0.3, writable: 25 },
  update: { one: 150, text: 0.3, writable: 25, keyChars: 2.5 },
  delete: { one: 100, text: 0.3, keyChars: 2.5 },
};

/**
 * Compact mode's tools, measured on their listing (the same whatever the schema: model names are
 * not in it). `mutate` is listed only when some compact model allows writes.
 */
export const COMPACT_TOKENS = { describe_models: 115, query: 170, mutate: 165 } as const;
/** Code mode's describe_models and execute, measured the same way (bench/code-mode.ts lists them). */
export const CODE_TOKENS = { describe_models: 112, execute: 180 } as const;
/**
 * MCP Apps (`apps`), measured on the blog fixture's listing: `_meta.ui.resourceUri` on each read
 * tool with a view, and the app-only view_rows tool (listed once, to callers of any toolset with views).
 */
export const VIEW_TOKENS = { meta: 16, viewRows: 118 } as const;
/** The `{"tools":[...]}` wrapper. */
const ENVELOPE = 4;

function toolTokens(f: ToolFeatures): number {
  const c = COEFFICIENTS[f.op];
  const values: Record<string, number> = {
    ...f,
    one: 1,
    wide: 0,
    narrowN: f.wide ? 0 : f.filterable,
    narrowC: f.wide ? 0 : f.filterableChars,
    wideN: f.wide ? f.filterable : 0,
    wideC: f.wide ? f.filterableChars : 0,
  } as unknown as Record<string, number>;
  const sum = Object.entries(c).reduce((n, [k, w]) => n + (values[k] ?? 0) * (w ?? 0), 0);
  return Math.max(50, Math.round(sum));
}

export interface ModelCost {
  readonly model: string;
  readonly tools: number;
  readonly tokens: number;
}

export interface ToolsetCost {
  readonly toolset: string;
  readonly tools: number;
  readonly tokens: number;
  /** Most expensive first. */
  readonly models: readonly ModelCost[];
  /** Above BUDGET.tokens or BUDGET.tools. */
  readonly over: boolean;
}

export interface Estimate {
  readonly toolsets: readonly ToolsetCost[];
  readonly tools: number;
  readonly tokens: number;
}

const VIEWED: ReadonlySet<Operation> = new Set(['list', 'get', 'count', 'aggregate']);

/** Whether a model's tools (or compact query) show results in the MCP Apps views. */
const viewed = (m: ModelPlan) => m.apps && m.operations.some((op) => VIEWED.has(op));

export function modelCost(m: ModelPlan, plan: Plan): ModelCost {
  const enumValues = (name: string) => plan.enums.find((e) => e.name === name)?.values ?? [];
  const meta = (op: Operation) => (m.apps && VIEWED.has(op) ? VIEW_TOKENS.meta : 0);
  const tokens = m.operations.reduce((n, op) => n + toolTokens(toolFeatures(m, op, enumValues)) + meta(op), 0);
  return { model: m.model.name, tools: m.operations.length, tokens };
}

/**
 * tools/list per toolset and for the endpoint, for a caller with every scope: full-mode models by
 * the fitted formula, compact toolsets by the measured cost of describe_models/query/mutate, and
 * `extra` (get_user_info, custom tools, published procedures: extra.ts) from their own schemas.
 */
export function estimate(plan: Plan, extra: readonly ExtraTool[] = []): Estimate {
  const compactModels = plan.models.filter((m) => m.mode === 'compact');
  const writes = compactModels.some((m) => m.operations.some((op) => op === 'create' || op === 'update' || op === 'delete'));
  const compact = { tools: compactModels.length === 0 ? 0 : writes ? 3 : 2, tokens: 0 };
  if (compact.tools > 0) compact.tokens = COMPACT_TOKENS.describe_models + COMPACT_TOKENS.query + (writes ? COMPACT_TOKENS.mutate : 0) + (compactModels.some(viewed) ? VIEW_TOKENS.meta : 0);
  // Code mode's two tools, whatever its models (it cannot be mixed with compact).
  if (plan.models.some((m) => m.mode === 'code')) Object.assign(compact, { tools: 2, tokens: CODE_TOKENS.describe_models + CODE_TOKENS.execute });
  const app = { tools: 1, tokens: VIEW_TOKENS.viewRows };
  const none = { tools: 0, tokens: 0 };
  const sum = (tools: readonly ExtraTool[]) => tools.reduce((n, t) => n + t.tokens, 0);
  const toolsets = plan.toolsets.map((ts) => {
    const own = plan.models.filter((m) => m.toolset === ts.name);
    const models = own.filter((m) => m.mode === 'full').map((m) => modelCost(m, plan));
    models.sort((a, b) => b.tokens - a.tokens || (a.model < b.model ? -1 : 1));
    // A compact toolset's callers see the shared describe_models/query/mutate.
    const shared = own.some((m) => m.mode === 'compact' || m.mode === 'code') ? compact : { tools: 0, tokens: 0 };
    const theirs = extra.filter((t) => t.toolset === ts.name);
    const views = own.some(viewed) ? app : none;
    const tools = models.reduce((n, m) => n + m.tools, theirs.length + shared.tools + views.tools);
    const tokens = models.reduce((n, m) => n + m.tokens, sum(theirs) + shared.tokens + views.tokens);
    return { toolset: ts.name, tools, tokens, models, over: tokens > BUDGET.tokens || tools > BUDGET.tools };
  });
  // The whole endpoint: compact tools once, however many toolsets they serve.
  const full = plan.models.filter((m) => m.mode === 'full').map((m) => modelCost(m, plan));
  const views = plan.models.some(viewed) ? app : none;
  const tools = full.reduce((n, m) => n + m.tools, extra.length + compact.tools + views.tools);
  const tokens = full.reduce((n, m) => n + m.tokens, sum(extra) + compact.tokens + views.tokens) + ENVELOPE;
  return { toolsets, tools, tokens };
}
