/** Every problem found in the tools folder, reported together so one run shows them all. */
export class CustomToolError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`custom tools:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'CustomToolError';
    this.problems = problems;
  }
}

/** A type the schema converter cannot express; `path` is the argument path (`args.callback`). */
export class TypeProblem extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
    /** 1-based line of the declaration the problem is about, when it is in a tools file. */
    readonly line?: number,
    readonly file?: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = 'TypeProblem';
  }
}
