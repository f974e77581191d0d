// RFC 8414 authorization server metadata: what MCP clients read after the protected-resource
// metadata points them here. Public clients with PKCE S256 only.
import { issuerOf, type Resolved } from './options.js';
import { json } from './respond.js';

export const ENDPOINTS = { authorize: '/oauth/authorize', consent: '/oauth/consent', token: '/oauth/token', register: '/oauth/register', revoke: '/oauth/revoke' } as const;

export function authorizationServerMetadata(o: Resolved, request: Request): Record<string, unknown> {
  const issuer = issuerOf(o, request);
  return {
    issuer,
    authorization_endpoint: issuer + ENDPOINTS.authorize,
    token_endpoint: issuer + ENDPOINTS.token,
    ...(o.registration ? { registration_endpoint: issuer + ENDPOINTS.register } : {}),
    revocation_endpoint: issuer + ENDPOINTS.revoke,
    scopes_supported: o.scopes,
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: ['none'],
    revocation_endpoint_auth_methods_supported: ['none'],
    authorization_response_iss_parameter_supported: true,
    client_id_metadata_document_supported: o.cimd.enabled,
  };
}

export function metadataEndpoint(o: Resolved, request: Request): Response {
  return json(200, authorizationServerMetadata(o, request), { 'cache-control': 'public, max-age=300', 'access-control-allow-origin': '*' });
}
