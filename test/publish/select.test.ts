// Which procedures are published and under which names: globs, exclude, renames, clashes.
import { describe, expect, it } from 'vitest';
import { globToRegExp, selectProcedures, toolNameOf } from '../../src/publish/trpc/select.js';
import type { ListedProcedure } from '../../src/publish/trpc/discover.js';

const listed = (path: string, type: ListedProcedure['type'] = 'query') => ({ path, type, file: 'src/r.ts', line: 3 }) as ListedProcedure;
const ROUTER = [listed('post.byId'), listed('post.create', 'mutation'), listed('post.onAdd', 'subscription'), listed('admin.user.ban', 'mutation'), listed('health')];

describe('globs', () => {
  it.each([
    ['post.*', 'post.byId', true],
    ['post.*', 'post.comments.list', false],
    ['post.**', 'post.comments.list', true],
    ['**', 'health', true],
    ['post.by*', 'post.byId', true],
    ['post.byId', 'post.byIdx', false],
  ])('%s matches %s: %s', (glob, path, want) => {
    expect(globToRegExp(glob).test(path)).toBe(want);
  });

  it('names tools after the path in snake_case', () => {
    expect(toolNameOf('post.byId')).toBe('post_by_id');
    expect(toolNameOf('billing.invoiceItems.listAll')).toBe('billing_invoice_items_list_all');
  });
});

describe('selectProcedures', () => {
  it('publishes what include matches minus exclude, skipping subscriptions with a note', () => {
    const r = selectProcedures(ROUTER, { router: 'r#a', createContext: 'c#c', include: ['**'], exclude: ['admin.**'], names: { 'post.byId': 'get_post' } }, new Map());
    expect(r.problems).toEqual([]);
    expect(r.selected.map((s) => [s.procedure.path, s.toolName])).toEqual([['post.byId', 'get_post'], ['post.create', 'post_create'], ['health', 'health']]);
    expect(r.notes).toEqual(['publish.trpc: post.onAdd (src/r.ts:3) is a subscription: skipped (a tool call answers once)']);
  });

  it('publishes nothing by default', () => {
    expect(selectProcedures(ROUTER, { router: 'r#a', createContext: 'c#c' }, new Map()).selected).toEqual([]);
  });

  it('reports globs and names that match nothing, and name clashes, with their key paths', () => {
    const r = selectProcedures(
      ROUTER,
      { router: 'r#a', createContext: 'c#c', include: ['post.*', 'billing.*'], names: { 'post.nope': 'x', 'post.create': 'health' }, exclude: ['zzz'] },
      new Map([['post_by_id', 'model Post, get']]),
    );
    expect(r.problems).toEqual([
      'publish.trpc.include[1]: "billing.*" matches no procedure (procedures: post.byId, post.create, post.onAdd, admin.user.ban, health)',
      'publish.trpc.names.post.nope: no procedure post.nope in the router (procedures: post.byId, post.create, post.onAdd, admin.user.ban, health)',
      'src/r.ts:3: post.byId: tool name post_by_id is already used by model Post, get; rename it with publish.trpc.names',
    ]);
    expect(r.notes).toContain('publish.trpc.exclude[0]: "zzz" matches no procedure');
  });
});
