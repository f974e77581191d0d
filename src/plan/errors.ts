/** Every problem `buildPlan` finds, reported together so one run shows them all. */
export class PlanError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[], configFile = 'mcp-gen.config.ts') {
    super(`${configFile} does not match the schema:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PlanError';
    this.problems = problems;
  }
}

/** Collects problems and notes while planning; one per `buildPlan` call (no shared state). */
export interface Report {
  problem(path: string, message: string): void;
  note(message: string): void;
}

export function listNames(label: string, names: readonly string[]): string {
  return names.length === 0 ? `${label}: (none)` : `${label}: ${[...names].sort().join(', ')}`;
}
