import { describe, expect, it } from 'vitest';
import { flat, inputOf, scan } from './helpers.js';

type Case = [name: string, { given: string; want: string }];

const inputs: Case[] = [
  ['number', { given: '{ id: number }', want: 'z.strictObject({ id: z.number() })' }],
  ['string, boolean', { given: '{ s: string; b: boolean }', want: 'z.strictObject({ s: z.string(), b: z.boolean() })' }],
  ['optional', { given: '{ name?: string }', want: 'z.strictObject({ name: z.string().optional() })' }],
  ['nullable', { given: '{ note: string | null }', want: 'z.strictObject({ note: z.string().nullable() })' }],
  ['optional nullable', { given: '{ note?: string | null }', want: 'z.strictObject({ note: z.string().nullable().optional() })' }],
  ['optional boolean', { given: '{ flag?: boolean }', want: 'z.strictObject({ flag: z.boolean().optional() })' }],
  ['string literal union', { given: "{ channel: 'sms' | 'email' }", want: "z.strictObject({ channel: z.enum(['email', 'sms']) })" }],
  ['number literal union', { given: '{ n: 3 | 1 | 2 }', want: 'z.strictObject({ n: z.literal([1, 2, 3]) })' }],
  ['single literal', { given: "{ kind: 'x' }", want: "z.strictObject({ kind: z.literal('x') })" }],
  ['true literal', { given: '{ yes: true }', want: 'z.strictObject({ yes: z.literal(true) })' }],
  ['mixed union', { given: '{ v: string | number }', want: 'z.strictObject({ v: z.union([z.string(), z.number()]) })' }],
  ['Date', { given: '{ at: Date }', want: 'z.strictObject({ at: f.dateTimeIn })' }],
  ['bigint', { given: '{ big: bigint }', want: 'z.strictObject({ big: f.bigIntIn })' }],
  ['array', { given: '{ tags: string[] }', want: 'z.strictObject({ tags: z.array(z.string()) })' }],
  ['readonly array', { given: '{ ids: readonly number[] }', want: 'z.strictObject({ ids: z.array(z.number()) })' }],
  ['Array<T>', { given: '{ at: Array<Date> }', want: 'z.strictObject({ at: z.array(f.dateTimeIn) })' }],
  ['tuple', { given: '{ pair: [string, number] }', want: 'z.strictObject({ pair: z.tuple([z.string(), z.number()]) })' }],
  ['record', { given: '{ counts: Record<string, number> }', want: 'z.strictObject({ counts: z.record(z.string(), z.number()) })' }],
  ['nested object', { given: '{ address: { city: string; zip?: string } }', want: 'z.strictObject({ address: z.strictObject({ city: z.string(), zip: z.string().optional() }) })' }],
  ['array of objects', { given: '{ items: { sku: string; qty: number }[] }', want: 'z.strictObject({ items: z.array(z.strictObject({ sku: z.string(), qty: z.number() })) })' }],
  ['Prisma-style enum through an import', { given: '{ role: Role }', want: "z.strictObject({ role: z.enum(['ADMIN', 'USER']) })" }],
  ['nullable enum', { given: '{ role: Role | null }', want: "z.strictObject({ role: z.enum(['ADMIN', 'USER']).nullable() })" }],
  ['member JSDoc → describe', { given: '{\n  /** The visit to move */\n  visitId: number;\n}', want: "z.strictObject({ visitId: z.number().describe('The visit to move') })" }],
  ['@int tag', { given: '{\n  /** @int */\n  count: number;\n}', want: 'z.strictObject({ count: z.number().int() })' }],
  ['intersection', { given: '{ a: string } & { b: number }', want: 'z.strictObject({ a: z.string(), b: z.number() })' }],
  ['template literal', { given: '{ id: `v_${string}` }', want: 'z.strictObject({ id: z.string() })' }],
  ['empty', { given: '{}', want: 'z.strictObject({})' }],
];

describe('input schema from the args type', () => {
  it.each(inputs)('%s', (_name, { given, want }) => {
    expect(flat(inputOf(given))).toBe(want);
  });

  it('named interface with quoted keys', () => {
    const r = scan(`interface Args { 'weird-key': string; ok: number }\nexport function t(ctx: unknown, args: Args) { return 1; }\n`);
    expect(r.tools[0]).toMatchObject({ input: "z.strictObject({ 'weird-key': z.string(), ok: z.number() })" });
  });

  it('@param args.x lines describe members; member JSDoc wins', () => {
    const r = scan(`/**
 * Move a visit.
 * @param ctx - context
 * @param args.visitId - The visit
 * @param args.when Not used: the member has its own doc
 */
export function t(ctx: unknown, args: {
  visitId: number;
  /** New start */
  when: Date;
}) {}
`);
    expect({ ...r.tools[0], input: flat((r.tools[0] as { input: string }).input) }).toMatchObject({
      description: 'Move a visit.',
      input: "z.strictObject({ visitId: z.number().describe('The visit'), when: f.dateTimeIn.describe('New start') })",
    });
  });

  it('a function without args takes an empty object', () => {
    const r = scan('export async function ping() { return { ok: true }; }\n');
    expect(r.tools[0]).toMatchObject({ input: 'z.strictObject({})', output: 'z.object({ ok: z.boolean() })' });
  });

  it('long objects break over lines', () => {
    const code = inputOf('{ aaaaaaaaaaaaaaaa: string; bbbbbbbbbbbbbbbbbbbb: number; cccccccccccccccccc: boolean; ddddddddddddddd: string }');
    expect(code).toContain('\n  aaaaaaaaaaaaaaaa: z.string(),\n');
  });
});

type BadCase = [name: string, { given: string; want: string }];

const bad: BadCase[] = [
  ['function member', { given: '{\n  id: number;\n  callback: () => void;\n}', want: 'src/mcp/tools/tool.ts:4: args.callback: function types cannot be tool arguments (() => void)' }],
  ['Map', { given: '{\n  m: Map<string, number>;\n}', want: 'src/mcp/tools/tool.ts:3: args.m: Map cannot be a tool argument' }],
  ['any', { given: '{\n  a: any;\n}', want: 'src/mcp/tools/tool.ts:3: args.a: any cannot be a tool argument: give it a concrete type' }],
  ['unknown', { given: '{\n  u: unknown;\n}', want: 'src/mcp/tools/tool.ts:3: args.u: unknown cannot be a tool argument' }],
  ['symbol', { given: '{\n  s: symbol;\n}', want: 'src/mcp/tools/tool.ts:3: args.s: symbol types cannot be tool arguments' }],
  ['class instance', { given: '{\n  k: Klass;\n}', want: 'src/mcp/tools/tool.ts:3: args.k: class instances (Klass) cannot be tool arguments' }],
  ['TS enum', { given: '{\n  c: Color;\n}', want: 'src/mcp/tools/tool.ts:3: args.c: TypeScript enum Color is not supported' }],
  ['nested', { given: '{\n  a: {\n    b: Set<string>[];\n  };\n}', want: 'src/mcp/tools/tool.ts:4: args.a.b[]: Set cannot be a tool argument' }],
  ['not an object', { given: 'string', want: 'src/mcp/tools/tool.ts:2: t: args must be an object type like { visitId: number }, found string' }],
  ['recursive', { given: 'Tree', want: 'args.children[]: recursive type Tree cannot be a tool argument' }],
];

describe('types a tool argument cannot have', () => {
  it.each(bad)('%s', (_name, { given, want }) => {
    const r = scan(`class Klass { x = 1 }\nexport function t(ctx: unknown, args: ${given}) {}\nenum Color { Red = 'red' }\ninterface Tree { name: string; children: Tree[] }\n`);
    expect(r.tools).toEqual([]);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toContain(want);
  });

  it('generic functions, too many parameters and default exports', () => {
    const r = scan(`export function g<T>(ctx: unknown, args: { x: T }) {}
export function three(ctx: unknown, args: { x: number }, more: number) {}
export default function () {}
`);
    expect(r.problems).toEqual([
      'src/mcp/tools/tool.ts:1: g: generic functions cannot be tools',
      'src/mcp/tools/tool.ts:2: three: a tool takes (ctx, args); found 3 parameters',
      'src/mcp/tools/tool.ts:3: a default export cannot be a tool: export a named function or defineTool(...)',
    ]);
  });

  it('a problem in an imported type names that file and line', () => {
    const r = scan(`import type { Args } from '../../types.js';\nexport function t(ctx: unknown, args: Args) {}\n`, {
      'src/types.ts': 'export interface Args {\n  ok: string;\n  cb: (x: number) => string;\n}\n',
    });
    expect(r.problems).toEqual(['src/types.ts:3: args.cb: function types cannot be tool arguments ((x: number) => string)']);
  });
});

describe('output schema from the return type', () => {
  const out = (ret: string, body = 'return null as any;') => {
    const r = scan(`import type { Role, Visit } from '../../db.js';\nexport async function t(ctx: unknown): Promise<${ret}> { ${body} }\n`);
    expect(r.problems).toEqual([]);
    const t = r.tools[0]!;
    return t.form === 'function' ? { output: t.output && flat(t.output), wrap: t.wrap } : undefined;
  };

  it('object → its schema, Date/bigint as strings, enums as enums', () => {
    expect(out('Visit')).toEqual({
      output: "z.object({ id: z.number(), startsAt: f.dateTimeOut, note: z.string().nullable(), cost: f.bigIntOut, role: z.enum(['ADMIN', 'USER']) })",
      wrap: false,
    });
  });

  it('non-objects are wrapped as { result }', () => {
    expect(out('number')).toEqual({ output: 'z.object({ result: z.number() })', wrap: true });
    expect(out('Visit[]')).toMatchObject({ wrap: true });
    expect(out('{ ok: true } | null')).toEqual({ output: 'z.object({ result: z.object({ ok: z.literal(true) }).nullable() })', wrap: true });
  });

  it('void has no output schema; unexpressible types fall back to none', () => {
    expect(out('void', 'return;')).toEqual({ output: undefined, wrap: false });
    expect(out('{ cb: () => void }')).toEqual({ output: undefined, wrap: false });
  });

  it('unknown members become JSON, recursive types too', () => {
    expect(out('{ data: unknown }')).toEqual({ output: 'z.object({ data: f.jsonOut })', wrap: false });
  });
});
