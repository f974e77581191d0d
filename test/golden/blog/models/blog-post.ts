/** BlogPost tools (toolset blog): list_blog_posts, get_blog_post, count_blog_posts, aggregate_blog_posts, create_blog_post, update_blog_post, delete_blog_post. */
import * as f from '../runtime/filters.js';
import * as t from '../runtime/model-tools.js';
import type { ModelSpec } from '../runtime/spec.js';
import { BlogPostCreate, BlogPostFields, BlogPostOrderBy, BlogPostRow, BlogPostScalarWhere, BlogPostUnique, BlogPostUpdate } from '../schemas/blog-post.js';
import { CommentRow, CommentScalarWhere } from '../schemas/comment.js';
import { TagRow, TagScalarWhere } from '../schemas/tag.js';
import { UserRow, UserScalarWhere } from '../schemas/user.js';

/** Filter for BlogPost rows: own fields, relations (one level), AND/OR/NOT. */
export const BlogPostWhere = f.where('BlogPost', BlogPostScalarWhere, {
  author: f.toOne(UserScalarWhere),
  comments: f.toMany(CommentScalarWhere),
  tags: f.toMany(TagScalarWhere),
});

export const blogPostSpec: ModelSpec = {
  name: 'BlogPost',
  delegate: 'blogPost',
  fields: f.fieldSpecs(BlogPostFields),
  relations: {
    author: { model: 'User', list: false },
    comments: { model: 'Comment', list: true },
    tags: { model: 'Tag', list: true },
  },
  keys: [['id'], ['slug'], ['authorId', 'title']],
  defaultTake: 5,
  maxTake: 10,
};

/** Row schema of each relation's model, for `include`. */
const blogPostRelated = { author: UserRow, comments: CommentRow, tags: TagRow };

export const blogPostTools = [
  t.listTool(blogPostSpec, {
    name: 'list_blog_posts',
    toolset: 'blog',
    title: 'List blog posts',
    description: "List BlogPost rows. A blog post. where: Prisma filter; orderBy: [{ field: 'asc'|'desc' }]; take: page size (default 5, max 10); cursor: nextCursor of the previous page; select: fields to return; include: related rows.",
    where: BlogPostWhere,
    orderBy: BlogPostOrderBy,
    row: BlogPostRow,
    related: blogPostRelated,
  }),
  t.getTool(blogPostSpec, {
    name: 'get_blog_post',
    toolset: 'blog',
    title: 'Get blog post',
    description: 'Get one BlogPost by a unique key. A blog post.',
    unique: BlogPostUnique,
    row: BlogPostRow,
    related: blogPostRelated,
  }),
  t.countTool(blogPostSpec, {
    name: 'count_blog_posts',
    toolset: 'blog',
    title: 'Count blog posts',
    description: 'Count BlogPost rows matching where. A blog post.',
    where: BlogPostWhere,
  }),
  t.aggregateTool(blogPostSpec, {
    name: 'aggregate_blog_posts',
    toolset: 'blog',
    title: 'Aggregate blog posts',
    description: 'Aggregate BlogPost rows: _count/_sum/_avg/_min/_max of fields, optionally grouped by fields. A blog post.',
    where: BlogPostWhere,
    numeric: ['id', 'views', 'rating', 'authorId'],
    comparable: ['id', 'slug', 'title', 'body', 'views', 'rating', 'publishedAt', 'authorId', 'createdAt', 'updatedAt'],
    groupable: ['id', 'slug', 'title', 'body', 'published', 'views', 'rating', 'publishedAt', 'authorId', 'createdAt', 'updatedAt'],
  }),
  t.createTool(blogPostSpec, {
    name: 'create_blog_post',
    toolset: 'blog',
    title: 'Create blog post',
    description: 'Create a BlogPost. A blog post.',
    data: BlogPostCreate,
    row: BlogPostRow,
  }),
  t.updateTool(blogPostSpec, {
    name: 'update_blog_post',
    toolset: 'blog',
    title: 'Update blog post',
    description: 'Update one BlogPost found by a unique key; only the given fields change. A blog post.',
    unique: BlogPostUnique,
    data: BlogPostUpdate,
    row: BlogPostRow,
  }),
  t.deleteTool(blogPostSpec, {
    name: 'delete_blog_post',
    toolset: 'blog',
    title: 'Delete blog post',
    description: 'Delete one BlogPost found by a unique key. A blog post.',
    unique: BlogPostUnique,
    row: BlogPostRow,
  }),
] as const;
