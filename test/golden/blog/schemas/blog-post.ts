/** BlogPost: A blog post. */
import * as f from '../runtime/filters.js';

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

/** Fields of BlogPost that tools may return. All optional: `select` can pick a subset. */
export const BlogPostRow = f.row(BlogPostFields);

/** Filters on BlogPost's own fields (Prisma Client syntax); Json and Bytes cannot be filtered. */
export const BlogPostScalarWhere = f.scalarWhere('BlogPost', BlogPostFields);

export const BlogPostOrderBy = f.orderBy(['id', 'slug', 'title', 'body', 'published', 'views', 'rating', 'publishedAt', 'authorId', 'createdAt', 'updatedAt']);

/** Exactly one unique key of BlogPost. */
export const BlogPostUnique = f.unique(BlogPostFields, { id: ['id'], slug: ['slug'], authorId_title: ['authorId', 'title'] });

export const BlogPostCreate = f.createData(BlogPostFields, ['slug', 'title', 'body', 'published', 'views', 'rating', 'publishedAt', 'meta', 'cover', 'authorId'], ['body', 'published', 'views', 'rating', 'publishedAt', 'meta', 'cover']);

export const BlogPostUpdate = f.updateData(BlogPostFields, ['slug', 'title', 'body', 'published', 'views', 'rating', 'publishedAt', 'meta', 'cover', 'authorId']);
