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

/** The code Prisma gives every schema validation error. */
const VALIDATION = 'P1012';

// ESC [ ... m (SGR) and other CSI sequences Prisma's formatter emits.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/** The validation errors `get_config` returns, one message each (`error: ...\n  -->  file:line ...`). */
export function configErrors(messages: readonly string[]): SchemaError {
  return schemaError(`Error code: ${VALIDATION}\n${messages.join('\n\n')}\nValidation Error Count: ${messages.length}`);
}

/**
 * An error thrown by a wasm call: `{"error_code","message"}` JSON for validation errors
 * (all of them, already counted), a RuntimeError when the Rust code panicked (`panic` is the
 * message its panic hook reported), anything else as it is.
 */
export function wasmError(err: unknown, panic?: string): SchemaError {
  const text = err instanceof Error ? err.message : String(err);
  if (err instanceof Error && err.name === 'RuntimeError') {
    return new SchemaError(`Prisma's schema parser crashed; please report this schema to Prisma.\n${panic || text}`);
  }
  const parsed = parseJson(text);
  if (parsed && typeof parsed.message === 'string') {
    return schemaError(typeof parsed.error_code === 'string' ? `Error code: ${parsed.error_code}\n${parsed.message}` : parsed.message);
  }
  return schemaError(text);
}

function parseJson(text: string): { error_code?: unknown; message?: unknown } | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as { error_code?: unknown; message?: unknown }) : undefined;
  } catch {
    return undefined;
  }
}

/** Prisma's error text → SchemaError: colors removed, blank runs collapsed, every `-->  file:line` collected. */
function schemaError(raw: string): SchemaError {
  const body = stripAnsi(raw).replace(/\n{3,}/g, '\n\n').trim();
  const locations = [...body.matchAll(/-->\s+(.+?):(\d+)\s*$/gm)].map(
    (m): SourceLocation => ({ file: m[1]!, line: Number(m[2]) }),
  );
  const where = locations[0] ? ` (${locations[0].file}:${locations[0].line})` : '';
  return new SchemaError(`Invalid Prisma schema${where}\n${body}`, locations);
}
