// Per-run caps of code mode's `execute`, with their defaults. Configured in mcp-gen.config.ts
// (`code: { timeoutMs, ... }`) and emitted into tools.ts; every field is optional.

export interface RunCaps {
  /** Wall clock per program, enforced by the host even while the program awaits. @default 5000 */
  readonly timeoutMs: number;
  /** QuickJS heap. @default 64 MiB */
  readonly memoryBytes: number;
  /** QuickJS stack. @default 256 KiB */
  readonly stackBytes: number;
  /** db/tools/trpc calls per program. @default 50 */
  readonly maxCalls: number;
  /** Characters of one call's JSON argument. @default 65536 */
  readonly maxArgumentChars: number;
  /** Characters of the answer (result and logs) before it is cut with a note. @default 24000 */
  readonly maxResultChars: number;
  /** Characters of console output kept. @default 8000 */
  readonly maxLogChars: number;
  /** Characters of a program. @default 20000 */
  readonly maxCodeChars: number;
}

export const DEFAULT_CAPS: RunCaps = {
  timeoutMs: 5000,
  memoryBytes: 64 * 1024 * 1024,
  stackBytes: 256 * 1024,
  maxCalls: 50,
  maxArgumentChars: 64 * 1024,
  maxResultChars: 24_000,
  maxLogChars: 8000,
  maxCodeChars: 20_000,
};

/** The defaults with `given` on top; a value that is not a positive number keeps the default. */
export function resolveCaps(given: Partial<RunCaps> = {}): RunCaps {
  const out: Record<string, number> = { ...DEFAULT_CAPS };
  for (const [key, value] of Object.entries(given)) {
    if (key in DEFAULT_CAPS && typeof value === 'number' && Number.isFinite(value) && value > 0) out[key] = Math.floor(value);
  }
  return out as unknown as RunCaps;
}
