/** Every problem found while publishing the app's API, reported together so one run shows them all. */
export class PublishError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`publish:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'PublishError';
    this.problems = problems;
  }
}
