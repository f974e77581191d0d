/** A config that failed validation; `problems` holds one line per problem, already prefixed with the file. */
export class ConfigError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[], summary?: string) {
    super(summary ?? `invalid config:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}
