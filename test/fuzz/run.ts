// Runs every tool shape of a fuzz target for `runs` cases with fast-check; a failing case is shrunk
// and reported with its seed, so `--seed` replays it.
import fc from 'fast-check';
import type { FuzzTarget } from './target.js';

export interface ShapeResult {
  readonly tool: string;
  readonly runs: number;
  readonly ms: number;
  readonly failure?: string;
}

export async function fuzzShapes(target: Pick<FuzzTarget, 'shapes'>, check: FuzzTarget['check'], opts: { runs: number; seed: number; onResult?: (r: ShapeResult) => void }): Promise<ShapeResult[]> {
  const results: ShapeResult[] = [];
  for (const shape of target.shapes) {
    const started = Date.now();
    const outcome = await fc.check(
      fc.asyncProperty(shape.args, async (args) => {
        const failure = await check(shape.tool, args);
        if (failure) throw new Error(failure);
      }),
      { numRuns: opts.runs, seed: opts.seed, endOnFailure: false, maxSkipsPerRun: 1000 },
    );
    const failure = outcome.failed
      ? `${String((outcome.errorInstance as Error | undefined)?.message ?? "failed")}\n  args: ${JSON.stringify(outcome.counterexample?.[0]).slice(0, 500)}\n  seed ${outcome.seed}, path ${outcome.counterexamplePath}`
      : undefined;
    const result = { tool: shape.name ?? shape.tool, runs: outcome.numRuns, ms: Date.now() - started, ...(failure ? { failure } : {}) };
    results.push(result);
    opts.onResult?.(result);
  }
  return results;
}
