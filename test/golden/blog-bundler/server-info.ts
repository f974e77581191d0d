/** How this server introduces itself (config `server`): serverInfo, icons, and the instructions per endpoint. */
import type { ServerIdentity } from './runtime/mcp/identity';

export const serverInfo: ServerIdentity = {
  name: 'mcp-server',
  title: 'mcp-server',
  version: '0.0.0',
  instructions: 'mcp-server: 5 models in 2 toolsets, each also served alone at <this endpoint>/<toolset>:\n- blog: Posts and comments (4 models)\n- people (1 model)\n\nEach model has its own tools, one per operation (list, get, count, aggregate, create, update, delete, as the model allows), with typed arguments. list_blog_posts and the other list tools return { items, nextCursor, hasMore }: pass nextCursor as cursor for the next page.\n\nA refused call returns an error result saying what and where ("where.title: expected string"): fix the arguments and retry. "internal error (reference …)" is a server fault.',
  toolsetInstructions: {
    blog: 'mcp-server — Posts and comments. 4 models: BlogPost, Comment, Tag, PostLike.\n\nEach model has its own tools, one per operation (list, get, count, aggregate, create, update, delete, as the model allows), with typed arguments. list_blog_posts and the other list tools return { items, nextCursor, hasMore }: pass nextCursor as cursor for the next page.\n\nA refused call returns an error result saying what and where ("where.title: expected string"): fix the arguments and retry. "internal error (reference …)" is a server fault.',
    people: 'mcp-server. 1 model: User.\n\nEach model has its own tools, one per operation (list, get, count, aggregate, as the model allows), with typed arguments. list_users and the other list tools return { items, nextCursor, hasMore }: pass nextCursor as cursor for the next page.\n\nA refused call returns an error result saying what and where ("where.title: expected string"): fix the arguments and retry. "internal error (reference …)" is a server fault.',
  },
};
