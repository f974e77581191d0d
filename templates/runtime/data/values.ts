// Output serialization: Prisma values → JSON that survives the trip losslessly. Only fields named
// in the spec are ever copied, so a column the query happened to fetch can never leak.
import type { FieldSpec, ModelSpec, Registry } from '../core/spec.js';

/** One Prisma value → JSON: bigint/Decimal → string, Date → ISO string, bytes → base64. */
export function toJsonValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'bigint':
      return value.toString();
    case 'string':
    case 'number':
    case 'boolean':
      return value;
    case 'object':
      break;
    default:
      return null;
  }
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  if (isDecimal(value)) return value.toFixed();
  if (Array.isArray(value)) return value.map(toJsonValue);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJsonValue(v)]));
}

/** Prisma's Decimal (decimal.js) without importing it: `toFixed()` gives the exact digits. */
function isDecimal(value: object): value is { toFixed(): string } {
  const v = value as Record<string, unknown>;
  return typeof v['toFixed'] === 'function' && 'd' in v && 'e' in v && 's' in v;
}

function fieldValue(field: FieldSpec, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  // Json columns are returned as stored (strings stay strings); everything else by type.
  if (field.kind === 'Json') return value;
  return toJsonValue(value);
}

export interface SerializeOptions {
  /** Value fields to return (default: every spec field present in the row). */
  readonly fields?: readonly string[];
  /** Relations to return (to-many: array, to-one: object or null), serialized by the target's spec. */
  readonly include?: readonly string[];
}

/** A row from Prisma → its JSON form, holding only spec fields (and the requested relations). */
export function serializeRow(
  spec: ModelSpec<any>,
  models: Registry,
  row: Record<string, unknown>,
  options: SerializeOptions = {},
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const wanted = options.fields ? new Set(options.fields) : undefined;
  for (const [name, field] of Object.entries(spec.fields)) {
    if (name in row && (!wanted || wanted.has(name))) out[name] = fieldValue(field, row[name]);
  }
  const include = options.include ?? [];
  for (const name of include) {
    const relation = spec.relations[name];
    const target = relation && models[relation.model];
    if (!relation || !target) continue;
    const value = row[name];
    if (relation.list) {
      out[name] = Array.isArray(value) ? value.map((r) => serializeRow(target, models, r as Record<string, unknown>)) : [];
    } else {
      out[name] = value == null ? null : serializeRow(target, models, value as Record<string, unknown>);
    }
  }
  return out;
}
