// Opaque page cursors: base64url JSON of the last row's key values (revived by field kind so
// BigInt/DateTime/Decimal/Bytes round-trip), or an offset for models without a unique key.
import { ToolError } from '../core/errors.js';
import type { ModelSpec } from '../core/spec.js';
import { toJsonValue } from './values.js';

export type Cursor =
  | { readonly kind: 'key'; readonly values: Readonly<Record<string, unknown>> }
  | { readonly kind: 'offset'; readonly offset: number };

export const INVALID_CURSOR = 'cursor is not valid';

/** Encodes the key values of `row` (a Prisma row) for `spec`'s first key. */
export function encodeKeyCursor(spec: ModelSpec<any>, row: Record<string, unknown>): string {
  const key = spec.keys[0] ?? [];
  const values = Object.fromEntries(key.map((f) => [f, toJsonValue(row[f])]));
  return encode({ m: spec.name, k: values });
}

export function encodeOffsetCursor(spec: ModelSpec<any>, offset: number): string {
  return encode({ m: spec.name, o: offset });
}

function encode(payload: unknown): string {
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

/** Decodes a cursor made by this model's list tool; anything else → ToolError `cursor is not valid`. */
export function decodeCursor(spec: ModelSpec<any>, token: string): Cursor {
  const invalid = () => new ToolError(INVALID_CURSOR);
  let payload: unknown;
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(token)) throw invalid();
    payload = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof payload !== 'object' || payload === null || (payload as { m?: unknown }).m !== spec.name) throw invalid();
  const { o, k } = payload as { o?: unknown; k?: unknown };
  const key = spec.keys[0];
  if (!key) {
    if (typeof o !== 'number' || !Number.isSafeInteger(o) || o < 0) throw invalid();
    return { kind: 'offset', offset: o };
  }
  if (typeof k !== 'object' || k === null || Array.isArray(k)) throw invalid();
  const raw = k as Record<string, unknown>;
  if (Object.keys(raw).length !== key.length) throw invalid();
  const values: Record<string, unknown> = {};
  for (const field of key) {
    const kind = spec.fields[field]?.kind;
    const value = kind ? revive(kind, raw[field]) : undefined;
    if (value === undefined) throw invalid();
    values[field] = value;
  }
  return { kind: 'key', values };
}

/** A JSON key value → the Prisma value for its kind; undefined when it does not fit. */
function revive(kind: string, v: unknown): unknown {
  switch (kind) {
    case 'Int':
      return typeof v === 'number' && Number.isSafeInteger(v) ? v : undefined;
    case 'Float':
      return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
    case 'String':
    case 'Enum':
      return typeof v === 'string' ? v : undefined;
    case 'Boolean':
      return typeof v === 'boolean' ? v : undefined;
    case 'BigInt':
      return typeof v === 'string' && /^-?\d+$/.test(v) ? BigInt(v) : undefined;
    case 'Decimal':
      return typeof v === 'string' && /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(v) ? v : undefined;
    case 'DateTime': {
      if (typeof v !== 'string') return undefined;
      const d = new Date(v);
      return Number.isNaN(d.getTime()) ? undefined : d;
    }
    case 'Bytes':
      return typeof v === 'string' && /^[A-Za-z0-9+/]*={0,2}$/.test(v) ? new Uint8Array(Buffer.from(v, 'base64')) : undefined;
    default:
      return undefined;
  }
}
