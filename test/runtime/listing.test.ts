/**
 * Issue 9: what tools/list advertises. Lean (the blog fixture's full mode under 10k o200k tokens),
 * portable (the MCP Inspector's `--strict` rules: no `type` arrays, no schema without a keyword),
 * and still the truth: every call the validators accept is valid against the advertised schema.
 */
import type { Tool } from '@modelcontextprotocol/server';
import { Ajv } from 'ajv';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { listing } from '../../templates/runtime/tools/listing/listing.js';
// The registry first: a server loads it before listing (relations resolve through it).
import '../golden/blog/registry.js';
import { tools } from '../golden/blog/tools.js';
import { portabilityFindings } from './portability.js';

const listed = tools.map(listing);
const tokens = (value: unknown) => countTokens(JSON.stringify(value));

describe('tools/list of the blog fixture (full mode)', () => {
  // What the model reads: the tools it may call (hosts hide `_meta.ui.visibility: ['app']` tools from
  // it) without `_meta`, which hosts hand to MCP Apps views, not to the model.
  const appOnly = (t: Tool) => (t._meta?.['ui'] as { visibility?: string[] } | undefined)?.visibility?.join() === 'app';
  const forModel = listed.filter((t) => !appOnly(t)).map(({ _meta, ...t }) => t);

  it('fits the budget: under 10,000 tokens for the model in all, no tool over 1,500', () => {
    expect(tokens({ tools: forModel })).toBeLessThanOrEqual(10_000);
    expect(Math.max(...forModel.map(tokens))).toBeLessThanOrEqual(1_500);
  });

  it('the views add at most 500 tokens on the wire (_meta.ui and the app-only view_rows)', () => {
    expect(listed.some(appOnly)).toBe(true);
    expect(tokens({ tools: listed }) - tokens({ tools: forModel })).toBeLessThanOrEqual(500);
  });

  it('names every tool as clients require: ^[a-zA-Z0-9_-]{1,64}$', () => {
    for (const tool of listed) expect(tool.name).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
  });

  it('passes the portability rules: no type arrays, no keyword-less schema, no remote $ref', () => {
    expect(listed.flatMap((t) => portabilityFindings(t))).toEqual([]);
  });

  it('names the fields of a where once, the operators in its description, relations by target', () => {
    const list = listed.find((t) => t.name === 'list_blog_posts')!;
    const where = (list.inputSchema.properties as Record<string, any>)['where'];
    expect(Object.keys(where.properties)).toEqual(expect.arrayContaining(['title', 'author', 'comments', 'AND', 'OR', 'NOT']));
    expect(where.properties.title).toEqual({ $ref: '#/definitions/StringFilter' });
    expect(where.description).toContain('author (User): {is} or {isNot}');
    expect(where.description).toContain('comments (Comment), tags (Tag): {some}, {every} or {none}');
    expect(JSON.stringify(list)).not.toMatch(/passwordHash|internalNotes|"type":\[/);
    // The nullable `body` accepts null as its own anyOf branch.
    expect(where.properties.body).toEqual({ anyOf: [{ type: 'string' }, { type: 'null' }, { type: 'object' }] });
  });

  it('advertises result envelopes, and wide rows as plain objects', () => {
    const byName = new Map(listed.map((t) => [t.name, t]));
    expect(byName.get('list_blog_posts')!.outputSchema).toEqual({
      type: 'object',
      properties: { items: { type: 'array' }, nextCursor: { anyOf: [{ type: 'string' }, { type: 'null' }] }, hasMore: { type: 'boolean' }, note: { type: 'string' } },
      required: ['items', 'nextCursor', 'hasMore'],
    });
    expect(byName.get('get_blog_post')!.outputSchema).toEqual({ type: 'object' });
    expect(byName.get('count_blog_posts')!.outputSchema).toEqual({ type: 'object', properties: { count: { type: 'integer' } }, required: ['count'] });
  });

  it('keeps the exact JSON Schema of unique keys and data (types, nullability, required)', () => {
    const create = listed.find((t) => t.name === 'create_blog_post')!;
    const data = (create.inputSchema.properties as Record<string, any>)['data'];
    expect(data.required).toEqual(['slug', 'title', 'authorId']);
    expect(data.properties.body).toEqual({ anyOf: [{ type: 'string' }, { type: 'null' }] });
    expect(data.properties.meta.anyOf).toContainEqual({ type: 'null' });
    expect(data.additionalProperties).toBe(false);
  });
});

describe('the listing against the validators', () => {
  const calls: [string, Record<string, unknown>][] = [
    ['list_blog_posts', { where: { title: { contains: 'x' }, author: { is: { email: 'a@b.c' } }, OR: [{ views: { gt: '5' } }, { body: null }], comments: { some: { body: 'hi' } } }, orderBy: [{ title: 'asc' }], take: 5, select: ['id'], include: ['author'] }],
    ['count_comments', { where: { createdAt: { gte: '2024-01-01T00:00:00Z' }, NOT: [{ id: 3 }] } }],
    ['aggregate_blog_posts', { where: { published: true }, by: ['authorId'], _sum: ['views'], _count: ['_all'], take: 3 }],
    ['create_blog_post', { data: { slug: 's', title: 't', authorId: 1, body: null, views: '12', rating: 4.5, meta: { a: [1] } } }],
    ['update_blog_post', { where: { authorId_title: { authorId: 1, title: 't' } }, data: { publishedAt: null } }],
    ['get_comment', { where: { id: 1 }, select: ['body'], include: ['post'] }],
  ];

  it.each(calls)('%s: a call the validator accepts is valid against the advertised schema', async (name, args) => {
    const tool = tools.find((t) => t.name === name)!;
    expect((await tool.input.safeParseAsync(args)).success).toBe(true);
    const ajv = new Ajv({ strict: false });
    const validate = ajv.compile(listing(tool).inputSchema);
    expect(validate(args), JSON.stringify(validate.errors)).toBe(true);
  });

  it('the rules catch what a plain z.toJSONSchema listing has (type arrays, keyword-less Json)', () => {
    const tool = tools.find((t) => t.name === 'create_blog_post')!;
    const raw = { name: tool.name, inputSchema: z.toJSONSchema(tool.input, { target: 'draft-7', io: 'input' }) } as unknown as Tool;
    expect(new Set(portabilityFindings(raw).map((f) => f.rule))).toEqual(new Set(['type-union', 'untyped-schema']));
  });
});
