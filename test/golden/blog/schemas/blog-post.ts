/** BlogPost: A blog post. */
import * as f from '../runtime/filters.js';

/** Fields of BlogPost that tools may return. All optional: `select` can pick a subset. */
export const BlogPostRow = f.row({
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
});

/** Filters on BlogPost's own fields (Prisma Client syntax). */
export const BlogPostScalarWhere = f.scalarWhere('BlogPost', {
  id: f.scalarFilter('Int'),
  slug: f.scalarFilter('String'),
  title: f.scalarFilter('String'),
  body: f.scalarFilter('String', { nullable: true }),
  published: f.scalarFilter('Boolean'),
  views: f.scalarFilter('BigInt'),
  rating: f.scalarFilter('Decimal', { nullable: true }),
  publishedAt: f.scalarFilter('DateTime', { nullable: true }),
  authorId: f.scalarFilter('Int'),
  createdAt: f.scalarFilter('DateTime'),
  updatedAt: f.scalarFilter('DateTime'),
});

export const BlogPostOrderBy = f.orderBy(['id', 'slug', 'title', 'body', 'published', 'views', 'rating', 'publishedAt', 'authorId', 'createdAt', 'updatedAt']);

/** Exactly one unique key of BlogPost. */
export const BlogPostUnique = f.unique({
  id: { id: 'Int' },
  slug: { slug: 'String' },
  authorId_title: { authorId: 'Int', title: 'String' },
});

export const BlogPostCreate = f.createData({
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
}, ['body', 'published', 'views', 'rating', 'publishedAt', 'meta', 'cover']);

export const BlogPostUpdate = f.updateData({
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
});
