// What a protected resource answers when a request has no usable token (RFC 6750 §3, RFC 9728
// §5.1): 401 with a WWW-Authenticate challenge that names our protected-resource metadata, so an
// MCP client can discover where to get a token, and the scopes worth asking for.
import type { Verifier } from '../../core/caller.js';
import { prmUrl, type ResourceServer } from './metadata.js';

export type TokenError = 'invalid_token' | 'invalid_request';

export function unauthorized(rs: ResourceServer, request: Request, error?: TokenError, description?: string): Response {
  const parts = [`resource_metadata="${prmUrl(rs, request)}"`, `scope="${rs.challengeScopes.join(' ')}"`];
  if (error) parts.push(`error="${error}"`);
  return new Response(JSON.stringify({ error: error ?? 'invalid_token', error_description: description ?? 'Authentication required: send Authorization: Bearer <token>.' }), {
    status: 401,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', 'www-authenticate': `Bearer ${parts.join(', ')}` },
  });
}

/**
 * The last verifier of the list: nobody recognised a credential, so say how to get one. A token
 * no verifier knew (each judges only its own kind) is also an invalid token (RFC 6750 §3.1).
 */
export function requireCredential(rs: ResourceServer): Verifier {
  return async (request) => {
    if ((request.headers.get('authorization') ?? '').trim() === '') return unauthorized(rs, request);
    return unauthorized(rs, request, 'invalid_token', 'Unrecognised access token: get one from the authorization server named in the protected-resource metadata.');
  };
}

const BEARER = /^Bearer[ \t]+([A-Za-z0-9._~+/=-]+)[ \t]*$/i;

/** The bearer token of the Authorization header; undefined when there is none or it is not one. */
export function bearerToken(request: Request): string | undefined {
  return BEARER.exec(request.headers.get('authorization') ?? '')?.[1];
}

/** MCP forbids tokens in the URL (they end up in logs and histories): such a request is refused outright. */
export function tokenInQuery(request: Request): boolean {
  const params = new URL(request.url).searchParams;
  return params.has('access_token') || [...params.values()].some((v) => v.startsWith('mcpo_'));
}
