/** Every exposed model, by name: handlers use it to carry scopes across relations. */
import { blogPostSpec } from './models/blog-post.ts';
import { commentSpec } from './models/comment.ts';
import { postLikeSpec } from './models/post-like.ts';
import { tagSpec } from './models/tag.ts';
import { userSpec } from './models/user.ts';
import type { Registry } from './runtime/core/spec.ts';
import { defineRegistry } from './runtime/data/validators.ts';

export const models: Registry = defineRegistry({
  BlogPost: blogPostSpec,
  Comment: commentSpec,
  PostLike: postLikeSpec,
  Tag: tagSpec,
  User: userSpec,
});
