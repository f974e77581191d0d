/** Every tool this server offers, in a stable order. */
import { blogPostTools } from './models/blog-post.ts';
import { commentTools } from './models/comment.ts';
import { postLikeTools } from './models/post-like.ts';
import { tagTools } from './models/tag.ts';
import { userTools } from './models/user.ts';
import { withViewRows } from './runtime/apps/view-rows.ts';
import type { ToolDef } from './runtime/core/spec.ts';
import './registry.ts';

export const tools: readonly ToolDef[] = withViewRows([
  ...blogPostTools,
  ...commentTools,
  ...postLikeTools,
  ...tagTools,
  ...userTools,
]);
