/** Every exposed model, by name: handlers use it to carry scopes across relations. */
import { blogPostSpec } from './models/blog-post';
import { commentSpec } from './models/comment';
import { postLikeSpec } from './models/post-like';
import { tagSpec } from './models/tag';
import { userSpec } from './models/user';
import type { Registry } from './runtime/core/spec';
import { defineRegistry } from './runtime/data/validators';

export const models: Registry = defineRegistry({
  BlogPost: blogPostSpec,
  Comment: commentSpec,
  PostLike: postLikeSpec,
  Tag: tagSpec,
  User: userSpec,
});
