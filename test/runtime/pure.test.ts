// Pure parts of the runtime: filters, cursors, values, scope rewriting, error formatting.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { decodeCursor, encodeKeyCursor, encodeOffsetCursor } from '../../templates/runtime/data/cursor.js';
import { formatZodError, toDatabaseError, toolErrorMessage, ToolError } from '../../templates/runtime/core/errors.js';
import * as f from '../../templates/runtime/data/filters.js';
import { rewriteWhere, scopedWhere } from '../../templates/runtime/data/scope.js';
import type { ModelSpec, Registry } from '../../templates/runtime/core/spec.js';
import { serializeRow, toJsonValue } from '../../templates/runtime/data/values.js';

const note: ModelSpec<{ id: number }> = {
  name: 'Note', delegate: 'note',
  fields: { id: { kind: 'BigInt' }, at: { kind: 'DateTime' }, title: { kind: 'String' } },
  relations: { owner: { model: 'Person', list: false }, tags: { model: 'Tag', list: true } },
  keys: [['id', 'at']],
  scope: (u) => ({ ownerId: u.id }),
  defaultTake: 10, maxTake: 20,
};
const person: ModelSpec = { name: 'Person', delegate: 'person', fields: { id: { kind: 'Int' } }, relations: { notes: { model: 'Note', list: true } }, keys: [['id']], defaultTake: 10, maxTake: 20 };
const tag: ModelSpec<{ id: number }> = { ...person, name: 'Tag', relations: {}, scope: (u) => ({ team: { members: { some: { userId: u.id } } } }) };
const models: Registry = { Note: note, Person: person, Tag: tag };
const S = { ownerId: 7 };
const T = { team: { members: { some: { userId: 7 } } } };
const user = { id: 7 };

describe('scope rewriting', () => {
  it('ANDs the own scope and scopes every relation operator, recursively', () => {
    expect(scopedWhere(note, models, undefined, user)).toEqual(S);
    expect(scopedWhere(person, models, { notes: { some: { title: 'x' } } }, user)).toEqual({ notes: { some: { AND: [{ title: 'x' }, S] } } });
    expect(rewriteWhere(person, models, { notes: { none: { title: 'x' } } }, user)).toEqual({ notes: { none: { AND: [{ title: 'x' }, S] } } });
    expect(rewriteWhere(person, models, { notes: { every: { title: 'x' } } }, user)).toEqual({ notes: { none: { AND: [S, { NOT: { title: 'x' } }] } } });
    expect(rewriteWhere(person, models, { notes: { every: { title: 'x' }, none: { title: 'y' } } }, user)).toEqual({
      notes: { none: { OR: [{ AND: [S, { NOT: { title: 'x' } }] }, { AND: [{ title: 'y' }, S] }] } },
    });
    expect(rewriteWhere(person, models, { OR: [{ notes: { some: {} } }], NOT: [{ id: 1 }] }, user)).toEqual({ OR: [{ notes: { some: S } }], NOT: [{ id: 1 }] });
    // Into a scoped model through the scoped model: both scopes, membership scope untouched.
    expect(scopedWhere(note, models, { tags: { some: { id: 3 } } }, user)).toEqual({ AND: [{ tags: { some: { AND: [{ id: 3 }, T] } } }, S] });
    expect(() => rewriteWhere(person, models, { notes: { is: { title: 'x' } } }, user)).toThrow(/some, every or none/);
  });

  it('scopes to-one filters, including the shorthand, and unscoped targets pass through', () => {
    const post: ModelSpec = { ...person, name: 'Post', relations: { note: { model: 'Note', list: false }, person: { model: 'Person', list: false } } };
    expect(rewriteWhere(post, models, { note: { isNot: { title: 'x' } } }, user)).toEqual({ note: { isNot: { AND: [{ title: 'x' }, S] } } });
    expect(rewriteWhere(post, models, { note: { title: 'x' } }, user)).toEqual({ note: { is: { AND: [{ title: 'x' }, S] } } });
    expect(rewriteWhere(post, models, { person: { is: { id: 1 } } }, user)).toEqual({ person: { is: { id: 1 } } });
  });

  it('refuses a scoped model without a user', () => {
    expect(() => scopedWhere(note, models, {}, null)).toThrow(ToolError);
  });
});

describe('cursors', () => {
  it('round-trips typed composite keys and offsets', () => {
    const at = new Date('2024-02-03T04:05:06.789Z');
    const token = encodeKeyCursor(note, { id: 12345678901234567890n, at, title: 'ignored' });
    expect(decodeCursor(note, token)).toEqual({ kind: 'key', values: { id: 12345678901234567890n, at } });
    const keyless = { ...note, keys: [] };
    expect(decodeCursor(keyless, encodeOffsetCursor(keyless, 40))).toEqual({ kind: 'offset', offset: 40 });
  });

  it('rejects garbage, tampering and other models with one message', () => {
    const good = encodeKeyCursor(note, { id: 1n, at: new Date(0) });
    const forged = Buffer.from(JSON.stringify({ m: 'Note', k: { id: 'DROP', at: '1970-01-01T00:00:00Z' } })).toString('base64url');
    for (const bad of ['', '!!!', 'eyJ', forged, encodeKeyCursor({ ...note, name: 'Other' }, { id: 1n, at: new Date(0) }), encodeOffsetCursor(note, 3)]) {
      expect(() => decodeCursor(note, bad)).toThrow('cursor is not valid');
    }
    expect(decodeCursor(note, good).kind).toBe('key');
  });
});

describe('values', () => {
  it('serializes losslessly and only spec fields', () => {
    const decimal = { d: [1], e: 0, s: 1, toFixed: () => '1.10' };
    expect(toJsonValue({ a: 1n, b: new Date(0), c: new Uint8Array([255]), d: decimal, e: [2n] })).toEqual({ a: '1', b: '1970-01-01T00:00:00.000Z', c: '/w==', d: '1.10', e: ['2'] });
    expect(serializeRow(note, models, { id: 5n, at: new Date(0), secret: 'x', owner: { id: 1, password: 'p' } }, { include: ['owner'] })).toEqual({
      id: '5', at: '1970-01-01T00:00:00.000Z', owner: { id: 1 },
    });
    expect(serializeRow(note, models, { id: 5n, title: 't' }, { fields: ['title'] })).toEqual({ title: 't' });
  });
});

describe('filters', () => {
  const Kind = ['A', 'B'] as const;
  const where = f.where('Thing', f.scalarWhere('Thing', { name: 'String', n: 'BigInt?', at: 'DateTime', kind: { enum: Kind }, blob: 'Json' }, { insensitive: true, enums: { Kind } }));

  it('parses Prisma syntax into Prisma values', () => {
    const parsed = where.parse({ name: { contains: 'x', mode: 'insensitive' }, n: null, at: '2024-01-01', AND: [{ n: { in: ['1', 2] } }], kind: 'A' });
    expect(parsed).toEqual({ name: { contains: 'x', mode: 'insensitive' }, n: null, at: new Date('2024-01-01'), AND: [{ n: { in: [1n, 2n] } }], kind: 'A' });
    expect(f.scalarFilter('String')).toBe(f.scalarFilter('String'));
  });

  it('refuses unknown keys, mode without insensitive support, and logical nesting', () => {
    const plain = f.where('Plain', f.scalarWhere('Plain', { name: 'String' }));
    const msg = (schema: z.ZodType, value: unknown) => formatZodError(schema.safeParse(value).error!);
    expect(msg(plain, { name: { mode: 'insensitive' } })).toBe('name: unknown key "mode"');
    expect(msg(where, { AND: [{ OR: [] }] })).toBe('AND[0]: unknown key "OR"');
    expect(msg(where, { kind: 'C' })).toMatch(/^kind: /);
    expect(msg(where, { n: { gt: 'abc' } })).toBe('n.gt: expected an integer as a decimal string, e.g. "42"');
    expect(msg(where, { blob: {} })).toBe('arguments: unknown key "blob"'); // Json cannot be filtered
  });

  it('derives the runtime field specs and names enum filters from the descriptors', () => {
    const K = ['A'] as const;
    expect(f.fieldSpecs({ id: 'Int', tags: 'String[]', note: { type: 'String?', doc: 'd' }, kind: { enum: K, list: true } }, { K })).toEqual({
      id: { kind: 'Int' },
      tags: { kind: 'String', list: true },
      note: { kind: 'String', nullable: true, doc: 'd' },
      kind: { kind: 'Enum', list: true, enum: { name: 'K', values: K } },
    });
    const json = JSON.stringify(z.toJSONSchema(z.object({ where: where.optional() }), { target: 'draft-7', io: 'input' }));
    expect(json).toContain('"$ref":"#/definitions/KindFilter"');
    expect(json).toContain('"$ref":"#/definitions/StringFilterInsensitive"');
  });

  it('builds unique selectors and orderBy', () => {
    const u = f.unique({ id: 'Int', a: 'String', b: 'String?' }, { id: ['id'], a_b: ['a', 'b'] });
    expect(() => f.unique({ id: 'Int' }, { x: ['x'] })).toThrow('unique key x: "x" is not an exposed field');
    expect(u.parse({ a_b: { a: 'x', b: 'y' } })).toEqual({ a_b: { a: 'x', b: 'y' } });
    expect(formatZodError(u.safeParse({}).error!)).toBe('arguments: set exactly one of: id, a_b');
    const o = f.orderBy(['a', 'b']);
    expect(o.parse([{ a: 'desc' }, { b: 'asc' }])).toEqual([{ a: 'desc' }, { b: 'asc' }]);
    expect(o.safeParse([{ a: 'desc', b: 'asc' }]).success).toBe(false);
    expect(o.safeParse([{}]).success).toBe(false);
    expect(formatZodError(o.safeParse([{ z: 'asc' }]).error!)).toBe('[0]: unknown key "z"');
    expect(f.orderBy([]).safeParse([{ a: 'asc' }]).success).toBe(false);
  });

  it('codecs reject garbage clearly', () => {
    expect(formatZodError(f.dateTimeIn.safeParse('not a date').error!)).toMatch(/ISO-8601/);
    expect(f.bytesIn.parse('AQID')).toEqual(new Uint8Array([1, 2, 3]));
    expect(f.decimalIn.parse(1.25)).toBe('1.25');
    expect(f.decimalIn.safeParse('1,25').success).toBe(false);
  });
});

describe('errors', () => {
  it('maps Prisma codes and hides internal errors behind a reference', () => {
    const p2002 = Object.assign(new Error('Unique constraint failed on slug=secret'), { code: 'P2002', meta: { target: ['slug'] } });
    // Outside a model's tools nothing says which fields the caller may see: no field is named.
    expect(toolErrorMessage(p2002, 't')).toBe('a row with the same unique value already exists');
    expect(toDatabaseError(p2002, ['slug'])?.message).toBe('a row with the same slug already exists');
    expect(toDatabaseError(p2002, ['title'])?.message).toBe('a row with the same unique value already exists');
    const original = console.error;
    const logged: string[] = [];
    console.error = (line: string) => logged.push(line);
    try {
      expect(toolErrorMessage(new Error('password=hunter2'), 'list_x')).toMatch(/^list_x failed: internal error \(reference [0-9a-f]{8}\)$/);
    } finally {
      console.error = original;
    }
    expect(logged.join('\n')).not.toContain('hunter2');
    expect(logged.join('\n')).toContain('list_x');
  });
});
