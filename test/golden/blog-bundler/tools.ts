/** Every tool this server offers, in a stable order. */
import { blogPostTools } from './models/blog-post';
import { commentTools } from './models/comment';
import { postLikeTools } from './models/post-like';
import { tagTools } from './models/tag';
import { userTools } from './models/user';
import { withViewRows } from './runtime/apps/view-rows';
import type { ToolDef } from './runtime/core/spec';
import './registry';

export const tools: readonly ToolDef[] = withViewRows([
  ...blogPostTools,
  ...commentTools,
  ...postLikeTools,
  ...tagTools,
  ...userTools,
]);
