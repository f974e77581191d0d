import { describe, expect, it } from 'vitest';
import { resolveTools } from '../../src/custom-tools/resolve.js';
import { snakeCase, titleOf } from '../../src/custom-tools/names.js';
import type { FoundTool } from '../../src/custom-tools/types.js';

const fn = (exportName: string, extra: Partial<FoundTool> = {}, file = 'src/mcp/tools/a.ts', line = 3): FoundTool =>
  ({ form: 'function', file, line, exportName, access: 'write', hints: {}, input: 'z.strictObject({})', wrap: false, ...extra }) as FoundTool;

const generated = new Map([['list_posts', 'model Post, list']]);
const resolve = (tools: FoundTool[], toolsets: Record<string, { tools?: string[] }> = { blog: {} }) =>
  resolveTools({ tools, toolsets, generated, dir: 'src/mcp/tools' });

describe('names', () => {
  it.each([
    ['rescheduleVisit', 'reschedule_visit'],
    ['sendHTMLReport', 'send_html_report'],
    ['refund', 'refund'],
    ['v2Sync', 'v2_sync'],
  ])('%s → %s', (given, want) => expect(snakeCase(given)).toBe(want));

  it('titles', () => expect(titleOf('reschedule_visit')).toBe('Reschedule visit'));
});

describe('resolveTools', () => {
  it('defaults: snake_case name, the only toolset', () => {
    const r = resolve([fn('rescheduleVisit')]);
    expect(r.problems).toEqual([]);
    expect(r.tools[0]).toMatchObject({ toolName: 'reschedule_visit', toolsetName: 'blog' });
  });

  it('@name overrides; config tools lists place it', () => {
    const r = resolve([fn('x', { name: 'custom_x' })], { blog: {}, admin: { tools: ['custom_x'] } });
    expect(r.problems).toEqual([]);
    expect(r.tools[0]).toMatchObject({ toolName: 'custom_x', toolsetName: 'admin' });
  });

  it('sorts by file then line', () => {
    const r = resolve([fn('b', {}, 'src/mcp/tools/b.ts', 1), fn('a2', {}, 'src/mcp/tools/a.ts', 9), fn('a1', {}, 'src/mcp/tools/a.ts', 2)]);
    expect(r.tools.map((t) => t.exportName)).toEqual(['a1', 'a2', 'b']);
  });

  it('clash with a generated tool names both', () => {
    const r = resolve([fn('listPosts')]);
    expect(r.problems).toEqual([
      'src/mcp/tools/a.ts:3: listPosts: tool name list_posts clashes with the generated tool list_posts (model Post, list); rename it with @name',
    ]);
  });

  it('clash between files names both places', () => {
    const r = resolve([fn('sync', {}, 'src/mcp/tools/a.ts', 3), fn('doSync', { name: 'sync' }, 'src/mcp/tools/b.ts', 7)]);
    expect(r.problems).toEqual(['tool name sync is used twice: src/mcp/tools/a.ts:3 (sync) and src/mcp/tools/b.ts:7 (doSync)']);
  });

  it('toolset problems', () => {
    const two = { blog: {}, admin: {} };
    expect(resolve([fn('a')], two).problems).toEqual([
      'src/mcp/tools/a.ts:3: a: which toolset does a belong to? Add @toolset <name> or list it in toolsets.<name>.tools (toolsets: admin, blog)',
    ]);
    expect(resolve([fn('a', { toolset: 'nope' })], two).problems).toEqual(['src/mcp/tools/a.ts:3: a: unknown toolset nope (toolsets: admin, blog)']);
    expect(resolve([fn('a', { toolset: 'blog' })], { blog: {}, admin: { tools: ['a'] } }).problems).toEqual([
      'src/mcp/tools/a.ts:3: a: @toolset blog but toolsets.admin.tools lists a',
    ]);
    expect(resolve([fn('a')], { blog: { tools: ['a', 'ghost'] }, admin: { tools: ['a'] } }).problems).toEqual([
      'toolsets.admin.tools and toolsets.blog.tools both list a: a tool belongs to one toolset',
      'toolsets.blog.tools: no custom tool named ghost in src/mcp/tools (found: a)',
    ]);
  });

  it('invalid @name', () => {
    expect(resolve([fn('a', { name: 'Bad-Name' })]).problems[0]).toContain('tool name "Bad-Name" must be lowercase');
  });
});
