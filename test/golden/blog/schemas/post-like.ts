/** PostLike: Composite primary key, no single id. */
import * as f from '../runtime/filters.js';

/** PostLike's exposed fields: `'String?'` is nullable, `'String[]'` a list. */
export const PostLikeFields: f.Fields = { userId: 'Int', postId: 'Int', likedAt: 'DateTime' };

/** Fields of PostLike that tools may return. All optional: `select` can pick a subset. */
export const PostLikeRow = f.row(PostLikeFields);

/** Filters on PostLike's own fields (Prisma Client syntax); Json and Bytes cannot be filtered. */
export const PostLikeScalarWhere = f.scalarWhere('PostLike', PostLikeFields);

export const PostLikeOrderBy = f.orderBy(['userId', 'postId', 'likedAt']);

/** Exactly one unique key of PostLike. */
export const PostLikeUnique = f.unique(PostLikeFields, { userId_postId: ['userId', 'postId'] });
