// Hostile arguments: wrong types, huge and deeply nested values, unicode edge cases, prototype keys,
// giant strings, out-of-range numbers, unknown operators and forged cursors. Values are JSON, as
// they would arrive over the wire.
import fc from 'fast-check';

const NASTY_STRINGS = [
  '', ' ', '\u0000', '\uD800', '\uDFFF', '\uFFFE', '\u202E', 'e\u0301', '🙂', '👩‍👩‍👧‍👦', 'İ', 'ß', '\r\n',
  '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'null', 'undefined', 'NaN', '-0',
  "'; DROP TABLE posts; --", '%', '_', '\\', '"', '${1+1}', '{{7*7}}', '../../etc/passwd',
  '1970-01-01T00:00:00Z', '9999-12-31T23:59:59.999Z', '+275760-09-13T00:00:00.000Z', '2024-02-30', 'AQID', '====',
];

const KEYS = [
  '__proto__', 'constructor', 'prototype', 'toString', 'id', 'body', 'title', 'slug', 'postId', 'authorId',
  'passwordHash', 'internalNotes', 'AND', 'OR', 'NOT', 'equals', 'not', 'in', 'notIn', 'lt', 'lte', 'gt', 'gte',
  'contains', 'startsWith', 'endsWith', 'mode', 'search', 'has', 'some', 'every', 'none', 'is', 'isNot', '_count',
  '_all', '_sum', '_avg', '_min', '_max', '$gt', '$where', '$ne', 'where', 'data', 'select', 'include', 'orderBy',
  'take', 'skip', 'cursor', 'by', 'having', 'distinct', 'author', 'post', 'comments', 'connect', 'create', 'set', 'increment',
];

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.integer({ min: 10_000, max: 200_000 }).map((n) => 'x'.repeat(n)) },
  { weight: 1, arbitrary: fc.integer({ min: 100, max: 5_000 }).map((n) => '🙂'.repeat(n)) },
);

export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -0, 1, -1, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 2, -(2 ** 53) - 2, Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, 1e308, 0.1, 1e-320),
);

export const hostileKey: fc.Arbitrary<string> = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...KEYS) }, { weight: 1, arbitrary: hostileString.filter((s) => s.length < 64) });

/** `{ k: { k: … } }` or `[[[…]]]` nested `depth` times, built iteratively (no recursion limits here). */
function nested(depth: number, key: string, asArray: boolean): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = asArray ? [value] : { [key]: value };
  return value;
}

export const deepValue: fc.Arbitrary<unknown> = fc
  .tuple(fc.integer({ min: 20, max: 1000 }), fc.constantFrom('AND', 'OR', 'NOT', 'some', 'is', 'a', '__proto__'), fc.boolean())
  .map(([depth, key, asArray]) => nested(depth, key, asArray));

const { value } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    hostileNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(hostileKey, tie('value'), { maxKeys: 4 }),
    deepValue,
    fc.integer({ min: 1000, max: 50_000 }).map((n) => Array.from({ length: n }, (_, i) => i)),
  ),
}));

export const hostileValue = value as fc.Arbitrary<unknown>;

/** A cursor that was never issued: random bytes, other rows' keys, offsets, garbage JSON. */
export const forgedCursor: fc.Arbitrary<string> = fc.oneof(
  hostileString,
  fc.base64String({ maxLength: 60 }),
  fc.jsonValue({ maxDepth: 3 }).map((v) => Buffer.from(JSON.stringify(v)).toString('base64url')),
  fc.record({ k: fc.array(fc.oneof(fc.integer(), fc.string(), fc.constant(null)), { maxLength: 3 }) }).map((v) => Buffer.from(JSON.stringify(v)).toString('base64url')),
  fc.record({ o: hostileNumber }).map((v) => Buffer.from(JSON.stringify(v)).toString('base64url')),
  fc.integer({ min: 1, max: 50 }).map((id) => Buffer.from(JSON.stringify({ v: [id] })).toString('base64url')),
);

/** The same value as it would arrive over JSON (keys like `__proto__` become own properties). */
export function overTheWire(v: unknown): unknown {
  return JSON.parse(JSON.stringify(v, (_, x) => (typeof x === 'number' && !Number.isFinite(x) ? null : x)) ?? 'null');
}

type Path = readonly (string | number)[];

function paths(v: unknown, prefix: Path = []): Path[] {
  const out: Path[] = [prefix];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...prefix, i])));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...prefix, k]));
  return out;
}

function setAt(root: unknown, path: Path, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy: any = Array.isArray(root) ? [...root] : { ...(root as object) };
  const [head, ...rest] = path;
  Object.defineProperty(copy, head!, { value: setAt(copy[head!], rest, replacement), enumerable: true, writable: true, configurable: true });
  return copy;
}

/**
 * Arguments for one tool: a valid template with one spot replaced or one key added (most cases,
 * so validation gets past the first level), or a wholly random object.
 */
export function argsFor(template: Record<string, unknown>, extra: Record<string, fc.Arbitrary<unknown>> = {}): fc.Arbitrary<Record<string, unknown>> {
  const spots = paths(template).filter((p) => p.length > 0);
  const mutated = fc.tuple(fc.constantFrom(...spots), hostileValue).map(([path, v]) => setAt(template, path, v));
  const added = fc.tuple(fc.constantFrom(...paths(template).filter((p) => {
    let node: unknown = template;
    for (const k of p) node = (node as any)[k];
    return node !== null && typeof node === 'object' && !Array.isArray(node);
  })), hostileKey, hostileValue).map(([path, k, v]) => {
    let node: any = template;
    for (const seg of path) node = node[seg];
    const obj = { ...node };
    Object.defineProperty(obj, k, { value: v, enumerable: true, writable: true, configurable: true });
    return setAt(template, path, obj);
  });
  const extras = Object.entries(extra).map(([key, arb]) => arb.map((v) => ({ ...template, [key]: v })));
  return fc
    .oneof(
      { weight: 5, arbitrary: mutated },
      { weight: 3, arbitrary: added },
      { weight: 1, arbitrary: fc.dictionary(hostileKey, hostileValue, { maxKeys: 4 }) },
      ...extras.map((arbitrary) => ({ weight: 2, arbitrary })),
    )
    .map((a) => overTheWire(a) as Record<string, unknown>)
    .filter((a) => a !== null && typeof a === 'object' && !Array.isArray(a));
}
