/** PostLike: Composite primary key, no single id. */
import * as f from '../runtime/filters.js';

/** Fields of PostLike that tools may return. All optional: `select` can pick a subset. */
export const PostLikeRow = f.row({ userId: 'Int', postId: 'Int', likedAt: 'DateTime' });

/** Filters on PostLike's own fields (Prisma Client syntax). */
export const PostLikeScalarWhere = f.scalarWhere('PostLike', {
  userId: f.scalarFilter('Int'),
  postId: f.scalarFilter('Int'),
  likedAt: f.scalarFilter('DateTime'),
});

export const PostLikeOrderBy = f.orderBy(['userId', 'postId', 'likedAt']);

/** Exactly one unique key of PostLike. */
export const PostLikeUnique = f.unique({ userId_postId: { userId: 'Int', postId: 'Int' } });
