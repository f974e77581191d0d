// What generate prints about the budget: the estimate per toolset, and a warning for each
// toolset past it (naming the models that cost most) and for an endpoint past 128 tools.
import { BUDGET, ENDPOINT_TOOLS, type Estimate } from './estimate.js';

const n = (x: number) => x.toLocaleString('en-US');

export interface BudgetReport {
  readonly lines: readonly string[];
  readonly warnings: readonly string[];
}

export function budgetReport(e: Estimate): BudgetReport {
  const lines = [`tools/list: ${n(e.tools)} tools, ~${n(e.tokens)} tokens (estimate, o200k; budget per toolset: ${n(BUDGET.tokens)} tokens or ${BUDGET.tools} tools)`];
  if (e.toolsets.length > 1) for (const t of e.toolsets) lines.push(`  ${t.toolset}: ${n(t.tools)} tools, ~${n(t.tokens)} tokens`);
  const warnings: string[] = [];
  for (const t of e.toolsets.filter((x) => x.over)) {
    const top = t.models.slice(0, 3).map((m) => `${m.model} (~${n(m.tokens)})`).join(', ');
    warnings.push(
      `toolset "${t.toolset}" is past the budget: ${n(t.tools)} tools, ~${n(t.tokens)} tokens. Costliest models: ${top}. ` +
        `Set mode: 'compact' (toolsets.${t.toolset}.mode), or expose fewer models and operations.`,
    );
  }
  if (e.tools > ENDPOINT_TOOLS) warnings.push(`${n(e.tools)} tools in one endpoint: OpenAI's function calling takes at most ${ENDPOINT_TOOLS}.`);
  return { lines, warnings };
}
