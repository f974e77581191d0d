// A program as the model sends it (JavaScript or TypeScript, top-level await, `return` gives the
// result) → the script QuickJS runs, and QuickJS's error positions → the program's own line and
// column. The body goes inside an async arrow on the same first line, so line numbers are the
// program's; types are stripped by sucrase, which keeps lines (columns after a removed annotation
// on the same line shift left).
import type { GuestError } from './sandbox.js';

const HEAD = '(async () => {';
const TAIL = '\n})()';

export interface Located {
  readonly name: string;
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
}

type Transform = (code: string, options: { transforms: string[]; disableESTransforms: boolean }) => { code: string };
let transform: Promise<Transform> | undefined;

/** The script to evaluate, or the syntax error with its position in the program. */
export async function prepare(program: string): Promise<{ script: string } | { error: Located }> {
  const wrapped = `${HEAD}${program}${TAIL}`;
  try {
    transform ??= import('sucrase').then((m) => (m.transform ?? (m as unknown as { default: { transform: Transform } }).default.transform) as Transform);
    return { script: (await transform)(wrapped, { transforms: ['typescript'], disableESTransforms: true }).code };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = /\((\d+):(\d+)\)\s*$/.exec(message);
    const text = message.replace(/\s*\(\d+:\d+\)\s*$/, '');
    return { error: at ? { name: 'SyntaxError', message: text, ...position(Number(at[1]), Number(at[2])) } : { name: 'SyntaxError', message: text } };
  }
}

/** Line and column (1-based) in the program for a line and column of the wrapped script. */
function position(line: number, column: number): { line: number; column: number } {
  return { line, column: line === 1 ? Math.max(1, column - HEAD.length) : column };
}

/** The error as the caller sees it: name, message and the first frame in the program, never a host path. */
export function locate(error: GuestError): Located {
  const frame = /user\.js:(\d+):(\d+)/.exec(error.stack ?? '');
  const base = { name: error.name, message: error.message };
  return frame ? { ...base, ...position(Number(frame[1]), Number(frame[2])) } : base;
}
