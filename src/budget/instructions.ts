// What generate prints about the instructions: their size in tokens on `/mcp` (and on a toolset's
// endpoint where its own differ), and a warning past the budget (your own text can be long).
// Counted by splitting into the pieces o200k mostly keeps whole (words, camelCase parts, numbers,
// punctuation): within about 10% of gpt-tokenizer's count on the generated instructions of the
// real-world schemas (test/budget/instructions.test.ts).
import { INSTRUCTIONS_BUDGET } from '../plan/instructions.js';
import type { ServerPlan } from '../plan/types.js';

const PIECE = /[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+|[^\sA-Za-z\d]/g;

/** Estimated o200k tokens of a text. */
export function textTokens(text: string): number {
  return Math.round((text.match(PIECE)?.length ?? 0) / 1.06);
}

export function instructionsReport(server: Pick<ServerPlan, 'instructions' | 'toolsetInstructions'>): { lines: string[]; warnings: string[] } {
  const n = (x: number) => x.toLocaleString('en-US');
  const all = server.instructions === undefined ? undefined : textTokens(server.instructions);
  const lines = [all === undefined ? 'instructions: none' : `instructions: ~${n(all)} tokens (estimate, o200k; budget ${INSTRUCTIONS_BUDGET})`];
  const warnings: string[] = [];
  if (all !== undefined && all > INSTRUCTIONS_BUDGET) warnings.push(`the instructions are past the budget: ~${n(all)} tokens (clients read them on every connection); shorten server.instructions`);
  for (const [toolset, text] of Object.entries(server.toolsetInstructions).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const tokens = text === null ? undefined : textTokens(text);
    lines.push(`  ${toolset}: ${tokens === undefined ? 'none' : `~${n(tokens)} tokens`}`);
    if (tokens !== undefined && tokens > INSTRUCTIONS_BUDGET) warnings.push(`the instructions of toolset "${toolset}" are past the budget: ~${n(tokens)} tokens; shorten toolsets.${toolset}.instructions`);
  }
  return { lines, warnings };
}
