// The benches' command line: `--name value` options, each with its default.
const args = process.argv.slice(2);

/** The value after `--<name>`, or the fallback when the option is absent or has no value. */
export function option(name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
}
