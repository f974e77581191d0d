/** PostLike (toolset blog): list_post_likes, get_post_like, count_post_likes, aggregate_post_likes. */
import type { ModelSpec } from '../runtime/core/spec.ts';
import * as f from '../runtime/data/filters.ts';
import * as t from '../runtime/tools/model-tools.ts';

/** PostLike's exposed fields: `'String?'` is nullable, `'String[]'` a list. */
export const PostLikeFields: f.Fields = { userId: 'Int', postId: 'Int', likedAt: 'DateTime' };

export const postLikeSpec: ModelSpec = {
  name: 'PostLike',
  delegate: 'postLike',
  toolset: 'blog',
  doc: 'Composite primary key, no single id.',
  fields: f.fieldSpecs(PostLikeFields),
  relations: {},
  keys: [['userId', 'postId']],
  operations: ['list', 'get', 'count', 'aggregate'],
  relationDepth: 2,
  defaultTake: 5,
  maxTake: 10,
};

export const postLikeTools = [
  t.listTool(postLikeSpec, {
    name: 'list_post_likes',
    toolset: 'blog',
    title: 'List post likes',
    description: "List PostLike rows. Composite primary key, no single id. where: Prisma filter; orderBy: [{ field: 'asc'|'desc' }]; take: page size (default 5, max 10); cursor: nextCursor of the previous page; select: fields to return; include: related rows.",
    view: true,
  }),
  t.getTool(postLikeSpec, {
    name: 'get_post_like',
    toolset: 'blog',
    title: 'Get post like',
    description: 'Get one PostLike by a unique key. Composite primary key, no single id.',
    view: true,
  }),
  t.countTool(postLikeSpec, {
    name: 'count_post_likes',
    toolset: 'blog',
    title: 'Count post likes',
    description: 'Count PostLike rows matching where. Composite primary key, no single id.',
    view: true,
  }),
  t.aggregateTool(postLikeSpec, {
    name: 'aggregate_post_likes',
    toolset: 'blog',
    title: 'Aggregate post likes',
    description: 'Aggregate PostLike rows: _count/_sum/_avg/_min/_max of fields, optionally grouped by fields. Composite primary key, no single id.',
    view: true,
  }),
] as const;
