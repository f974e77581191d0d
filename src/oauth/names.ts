/** The models `init --auth oauth` adds for the built-in authorization server. */
export const OAUTH_MODELS = { client: 'McpOAuthClient', grant: 'McpOAuthGrant', token: 'McpOAuthToken' } as const;
/** McpOAuthGrant's record of what the grant was born from: `api-key:<id>` or `session`. */
export const GRANT_SOURCE_FIELD = 'source';
