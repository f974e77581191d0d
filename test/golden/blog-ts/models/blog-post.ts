/** BlogPost (toolset blog): list_blog_posts, get_blog_post, count_blog_posts, aggregate_blog_posts, create_blog_post, update_blog_post, delete_blog_post. */
import type { ModelSpec } from '../runtime/core/spec.ts';
import * as f from '../runtime/data/filters.ts';
import * as t from '../runtime/tools/model-tools.ts';

/** BlogPost's exposed fields: `'String?'` is nullable, `'String[]'` a list. */
export const BlogPostFields: f.Fields = {
  id: 'Int',
  slug: { type: 'String', doc: 'URL slug; unique.' },
  title: 'String',
  body: 'String?',
  published: 'Boolean',
  views: 'BigInt',
  rating: 'Decimal?',
  publishedAt: 'DateTime?',
  meta: 'Json?',
  cover: 'Bytes?',
  authorId: 'Int',
  createdAt: 'DateTime',
  updatedAt: 'DateTime',
};

export const blogPostSpec: ModelSpec = {
  name: 'BlogPost',
  delegate: 'blogPost',
  toolset: 'blog',
  doc: 'A blog post.',
  fields: f.fieldSpecs(BlogPostFields),
  relations: {
    author: { model: 'User', list: false },
    comments: { model: 'Comment', list: true },
    tags: { model: 'Tag', list: true },
  },
  keys: [['id'], ['slug'], ['authorId', 'title']],
  operations: ['list', 'get', 'count', 'aggregate', 'create', 'update', 'delete'],
  writable: ['slug', 'title', 'body', 'published', 'views', 'rating', 'publishedAt', 'meta', 'cover', 'authorId'],
  createOptional: ['body', 'published', 'views', 'rating', 'publishedAt', 'meta', 'cover'],
  relationDepth: 2,
  defaultTake: 5,
  maxTake: 10,
};

export const blogPostTools = [
  t.listTool(blogPostSpec, {
    name: 'list_blog_posts',
    toolset: 'blog',
    title: 'List blog posts',
    description: "List BlogPost rows. A blog post. where: Prisma filter; orderBy: [{ field: 'asc'|'desc' }]; take: page size (default 5, max 10); cursor: nextCursor of the previous page; select: fields to return; include: related rows.",
    view: true,
  }),
  t.getTool(blogPostSpec, {
    name: 'get_blog_post',
    toolset: 'blog',
    title: 'Get blog post',
    description: 'Get one BlogPost by a unique key. A blog post.',
    view: true,
  }),
  t.countTool(blogPostSpec, {
    name: 'count_blog_posts',
    toolset: 'blog',
    title: 'Count blog posts',
    description: 'Count BlogPost rows matching where. A blog post.',
    view: true,
  }),
  t.aggregateTool(blogPostSpec, {
    name: 'aggregate_blog_posts',
    toolset: 'blog',
    title: 'Aggregate blog posts',
    description: 'Aggregate BlogPost rows: _count/_sum/_avg/_min/_max of fields, optionally grouped by fields. A blog post.',
    view: true,
  }),
  t.createTool(blogPostSpec, {
    name: 'create_blog_post',
    toolset: 'blog',
    title: 'Create blog post',
    description: 'Create a BlogPost. A blog post.',
  }),
  t.updateTool(blogPostSpec, {
    name: 'update_blog_post',
    toolset: 'blog',
    title: 'Update blog post',
    description: 'Update one BlogPost found by a unique key; only the given fields change. A blog post.',
  }),
  t.deleteTool(blogPostSpec, {
    name: 'delete_blog_post',
    toolset: 'blog',
    title: 'Delete blog post',
    description: 'Delete one BlogPost found by a unique key. A blog post.',
  }),
] as const;
