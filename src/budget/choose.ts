// init's choice of mode: full mode (one tool per model and operation) while its tools/list fits
// the budget, compact mode (describe_models, query, mutate) when it would not.
import { BUDGET, type Estimate } from './estimate.js';

export interface ModeChoice {
  readonly mode: 'full' | 'compact';
  /** One sentence: the numbers that decided it. */
  readonly reason: string;
}

const n = (x: number) => x.toLocaleString('en-US');

export function chooseMode(full: Estimate): ModeChoice {
  const budget = `the budget is ${n(BUDGET.tokens)} tokens or ${BUDGET.tools} tools`;
  const what = `full mode would list ${n(full.tools)} tools in ~${n(full.tokens)} tokens`;
  const over = full.tokens > BUDGET.tokens || full.tools > BUDGET.tools;
  return over ? { mode: 'compact', reason: `${what}; ${budget}` } : { mode: 'full', reason: `${what}, within ${budget.replace('the budget is ', 'the budget of ')}` };
}
