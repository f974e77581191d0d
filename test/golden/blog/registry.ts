/** Every exposed model, by name: handlers use it to carry scopes across relations. */
import { blogPostSpec } from './models/blog-post.js';
import { commentSpec } from './models/comment.js';
import { postLikeSpec } from './models/post-like.js';
import { tagSpec } from './models/tag.js';
import { userSpec } from './models/user.js';
import type { Registry } from './runtime/core/spec.js';
import { defineRegistry } from './runtime/data/validators.js';

export const models: Registry = defineRegistry({
  BlogPost: blogPostSpec,
  Comment: commentSpec,
  PostLike: postLikeSpec,
  Tag: tagSpec,
  User: userSpec,
});
