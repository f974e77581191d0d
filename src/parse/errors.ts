import type { SourceLocation } from '../ir/types.js';

/**
 * A problem with the user's Prisma schema or its discovery. The message is ready to print:
 * it names the file and line (`-->  prisma/schema.prisma:12`) and carries Prisma's own explanation.
 */
export class SchemaError extends Error {
  /** Every `file:line` Prisma pointed at, in the order reported (empty for discovery errors). */
  readonly locations: readonly SourceLocation[];

  constructor(message: string, locations: readonly SourceLocation[] = []) {
    super(message);
    this.name = 'SchemaError';
    this.locations = locations;
  }
}

// ESC [ ... m (SGR) and other CSI sequences Prisma's formatter emits.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/**
 * Turns the error thrown by `getConfig`/`getDMMF` into a SchemaError: colors removed,
 * Prisma's wrapper lines (wasm context, CLI version) dropped, the validation errors kept verbatim.
 */
export function toSchemaError(err: unknown): SchemaError {
  const raw = stripAnsi(err instanceof Error ? err.message : String(err));
  const body = raw
    .split('\n')
    .filter((line) => !/^Prisma schema validation - \(/.test(line))
    .filter((line) => !/^\[Context: /.test(line))
    .filter((line) => !/^Prisma CLI Version\s*:/.test(line))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  const locations = [...body.matchAll(/-->\s+(.+?):(\d+)\s*$/gm)].map(
    (m): SourceLocation => ({ file: m[1]!, line: Number(m[2]) }),
  );
  const where = locations[0] ? ` (${locations[0].file}:${locations[0].line})` : '';
  return new SchemaError(`Invalid Prisma schema${where}\n${body}`, locations);
}
