/** Comment */
import * as f from '../runtime/filters.js';

/** Comment's exposed fields: `'String?'` is nullable, `'String[]'` a list. */
export const CommentFields: f.Fields = { id: 'Int', body: 'String', postId: 'Int', authorId: 'Int', createdAt: 'DateTime' };

/** Fields of Comment that tools may return. All optional: `select` can pick a subset. */
export const CommentRow = f.row(CommentFields);

/** Filters on Comment's own fields (Prisma Client syntax); Json and Bytes cannot be filtered. */
export const CommentScalarWhere = f.scalarWhere('Comment', CommentFields);

export const CommentOrderBy = f.orderBy(['id', 'body', 'postId', 'authorId', 'createdAt']);

/** Exactly one unique key of Comment. */
export const CommentUnique = f.unique(CommentFields, { id: ['id'] });
