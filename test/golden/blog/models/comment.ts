/** Comment tools (toolset blog): list_comments, get_comment, count_comments, aggregate_comments. */
import * as f from '../runtime/filters.js';
import * as t from '../runtime/model-tools.js';
import type { ModelSpec } from '../runtime/spec.js';
import { BlogPostRow, BlogPostScalarWhere } from '../schemas/blog-post.js';
import { CommentFields, CommentOrderBy, CommentRow, CommentScalarWhere, CommentUnique } from '../schemas/comment.js';
import { UserRow, UserScalarWhere } from '../schemas/user.js';

/** Filter for Comment rows: own fields, relations (one level), AND/OR/NOT. */
export const CommentWhere = f.where('Comment', CommentScalarWhere, { post: f.toOne(BlogPostScalarWhere), author: f.toOne(UserScalarWhere) });

export const commentSpec: ModelSpec = {
  name: 'Comment',
  delegate: 'comment',
  fields: f.fieldSpecs(CommentFields),
  relations: { post: { model: 'BlogPost', list: false }, author: { model: 'User', list: false } },
  keys: [['id']],
  defaultTake: 5,
  maxTake: 10,
};

/** Row schema of each relation's model, for `include`. */
const commentRelated = { post: BlogPostRow, author: UserRow };

export const commentTools = [
  t.listTool(commentSpec, {
    name: 'list_comments',
    toolset: 'blog',
    title: 'List comments',
    description: "List Comment rows. where: Prisma filter; orderBy: [{ field: 'asc'|'desc' }]; take: page size (default 5, max 10); cursor: nextCursor of the previous page; select: fields to return; include: related rows.",
    where: CommentWhere,
    orderBy: CommentOrderBy,
    row: CommentRow,
    related: commentRelated,
  }),
  t.getTool(commentSpec, {
    name: 'get_comment',
    toolset: 'blog',
    title: 'Get comment',
    description: 'Get one Comment by a unique key.',
    unique: CommentUnique,
    row: CommentRow,
    related: commentRelated,
  }),
  t.countTool(commentSpec, {
    name: 'count_comments',
    toolset: 'blog',
    title: 'Count comments',
    description: 'Count Comment rows matching where.',
    where: CommentWhere,
  }),
  t.aggregateTool(commentSpec, {
    name: 'aggregate_comments',
    toolset: 'blog',
    title: 'Aggregate comments',
    description: 'Aggregate Comment rows: _count/_sum/_avg/_min/_max of fields, optionally grouped by fields.',
    where: CommentWhere,
    numeric: ['id', 'postId', 'authorId'],
    comparable: ['id', 'body', 'postId', 'authorId', 'createdAt'],
    groupable: ['id', 'body', 'postId', 'authorId', 'createdAt'],
  }),
] as const;
