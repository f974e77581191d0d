/** Every tool this server offers, in a stable order. */
import { blogPostTools } from './models/blog-post.js';
import { commentTools } from './models/comment.js';
import { postLikeTools } from './models/post-like.js';
import { tagTools } from './models/tag.js';
import { userTools } from './models/user.js';
import { withViewRows } from './runtime/apps/view-rows.js';
import type { ToolDef } from './runtime/core/spec.js';
import './registry.js';

export const tools: readonly ToolDef[] = withViewRows([
  ...blogPostTools,
  ...commentTools,
  ...postLikeTools,
  ...tagTools,
  ...userTools,
]);
