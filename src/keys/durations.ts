import { KeysError } from './errors.js';

const UNITS: Readonly<Record<string, number>> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/** `'90d'` → milliseconds. Units: m (minutes), h, d, w. */
export function parseExpiresIn(text: string): number {
  const m = /^\s*(\d+)\s*([mhdw])\s*$/.exec(text);
  const n = m ? Number(m[1]) : 0;
  if (!m || n <= 0 || !Number.isSafeInteger(n * UNITS[m[2]!]!)) {
    throw new KeysError(`--expires-in: expected a positive number followed by m, h, d or w (e.g. 90d, 12h, 30m), got '${text}'`);
  }
  return n * UNITS[m[2]!]!;
}
