/** The models `init --auth oauth` adds for the built-in authorization server. */
export const OAUTH_MODELS = { client: 'McpOAuthClient', grant: 'McpOAuthGrant', token: 'McpOAuthToken' } as const;
