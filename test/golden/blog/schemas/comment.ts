/** Comment */
import * as f from '../runtime/filters.js';

/** Fields of Comment that tools may return. All optional: `select` can pick a subset. */
export const CommentRow = f.row({ id: 'Int', body: 'String', postId: 'Int', authorId: 'Int', createdAt: 'DateTime' });

/** Filters on Comment's own fields (Prisma Client syntax). */
export const CommentScalarWhere = f.scalarWhere('Comment', {
  id: f.scalarFilter('Int'),
  body: f.scalarFilter('String'),
  postId: f.scalarFilter('Int'),
  authorId: f.scalarFilter('Int'),
  createdAt: f.scalarFilter('DateTime'),
});

export const CommentOrderBy = f.orderBy(['id', 'body', 'postId', 'authorId', 'createdAt']);

/** Exactly one unique key of Comment. */
export const CommentUnique = f.unique({ id: { id: 'Int' } });
