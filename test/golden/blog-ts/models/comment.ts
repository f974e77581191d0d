/** Comment (toolset blog): list_comments, get_comment, count_comments, aggregate_comments. */
import type { ModelSpec } from '../runtime/core/spec.ts';
import * as f from '../runtime/data/filters.ts';
import * as t from '../runtime/tools/model-tools.ts';

/** Comment's exposed fields: `'String?'` is nullable, `'String[]'` a list. */
export const CommentFields: f.Fields = { id: 'Int', body: 'String', postId: 'Int', authorId: 'Int', createdAt: 'DateTime' };

export const commentSpec: ModelSpec = {
  name: 'Comment',
  delegate: 'comment',
  toolset: 'blog',
  fields: f.fieldSpecs(CommentFields),
  relations: { post: { model: 'BlogPost', list: false }, author: { model: 'User', list: false } },
  keys: [['id']],
  operations: ['list', 'get', 'count', 'aggregate'],
  relationDepth: 2,
  defaultTake: 5,
  maxTake: 10,
};

export const commentTools = [
  t.listTool(commentSpec, {
    name: 'list_comments',
    toolset: 'blog',
    title: 'List comments',
    description: "List Comment rows. where: Prisma filter; orderBy: [{ field: 'asc'|'desc' }]; take: page size (default 5, max 10); cursor: nextCursor of the previous page; select: fields to return; include: related rows.",
    view: true,
  }),
  t.getTool(commentSpec, {
    name: 'get_comment',
    toolset: 'blog',
    title: 'Get comment',
    description: 'Get one Comment by a unique key.',
    view: true,
  }),
  t.countTool(commentSpec, {
    name: 'count_comments',
    toolset: 'blog',
    title: 'Count comments',
    description: 'Count Comment rows matching where.',
    view: true,
  }),
  t.aggregateTool(commentSpec, {
    name: 'aggregate_comments',
    toolset: 'blog',
    title: 'Aggregate comments',
    description: 'Aggregate Comment rows: _count/_sum/_avg/_min/_max of fields, optionally grouped by fields.',
    view: true,
  }),
] as const;
