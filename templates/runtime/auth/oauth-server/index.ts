// The built-in authorization server: its routes as one fetch-style handler (null for paths that
// are not its own) and a Verifier for the access tokens it issues. Options are resolved once.
import type { Verifier } from '../../core/caller.js';
import { protectedResourcePaths, protectedResourceRoute, resourceServer, type ResourceServer } from '../resource/metadata.js';
import { authorizeEndpoint } from './authorize.js';
import { consentEndpoint } from './consent.js';
import { createOAuthLimiter, tooManyRequests } from './limits.js';
import { ENDPOINTS, metadataEndpoint } from './metadata.js';
import { issuerOf, resolveOptions, type OAuthServerOptions } from './options.js';
import { registerEndpoint } from './register.js';
import { errorResponse } from './respond.js';
import { revokeEndpoint } from './revoke.js';
import { createStore } from './store.js';
import { tokenEndpoint } from './token.js';
import { accessTokenVerifier } from './verifier.js';

export type { OAuthRateLimits } from './limits.js';
export type { OAuthServerOptions, UserLogin } from './options.js';

export interface OAuthServer {
  /**
   * Answers the OAuth endpoints and `/.well-known/*` documents; null for every other request. The
   * peer's address (the handler's RequestInfo) keys the per-address limits.
   */
  routes(request: Request, info?: { readonly remoteAddress?: string }): Promise<Response | null>;
  /** Every pathname `routes` answers: the handler's routes, and what a framework mount serves at the app's root. */
  readonly paths: readonly string[];
  /** Accepts this server's access tokens (`mcpo_at_…`); null for other credentials. */
  readonly verifier: Verifier;
  readonly resource: ResourceServer;
}

const AS_METADATA = '/.well-known/oauth-authorization-server';

export function createOAuthServer(options: OAuthServerOptions): OAuthServer {
  const o = resolveOptions(options);
  const store = createStore(o);
  const limiter = createOAuthLimiter(options.rateLimits);
  const resource = resourceServer({
    publicUrl: o.publicUrl,
    mcpPath: o.mcpPath,
    authorizationServer: (request) => issuerOf(o, request),
    scopes: o.scopes,
    resourceName: options.resourceName ?? o.app.name,
  });
  const json = { page: { appName: o.app.name, logo: o.app.logo } };
  const endpoints: Record<string, (request: Request) => Promise<Response>> = {
    [ENDPOINTS.authorize]: (r) => authorizeEndpoint(o, store, r, (prefix) => limiter.checkKey(prefix)),
    [ENDPOINTS.consent]: (r) => consentEndpoint(o, store, r),
    [ENDPOINTS.token]: (r) => tokenEndpoint(o, store, r).catch((e: unknown) => errorResponse(e, json)),
    [ENDPOINTS.revoke]: (r) => revokeEndpoint(o, store, r).catch((e: unknown) => errorResponse(e, json)),
    ...(o.registration ? { [ENDPOINTS.register]: (r: Request) => registerEndpoint(o, store, r).catch((e: unknown) => errorResponse(e, json)) } : {}),
  };
  return {
    resource,
    paths: [...protectedResourcePaths(resource), AS_METADATA, ...Object.keys(endpoints)],
    verifier: accessTokenVerifier(o, store, resource),
    async routes(request, info = {}) {
      const prm = protectedResourceRoute(resource, request);
      if (prm) return prm;
      const { pathname } = new URL(request.url);
      if (pathname === AS_METADATA) return metadataEndpoint(o, request);
      // Browser-based clients call the token endpoint cross-origin; it needs no cookie, so any origin may.
      if (request.method === 'OPTIONS' && (pathname === ENDPOINTS.token || pathname === ENDPOINTS.register || pathname === ENDPOINTS.revoke)) {
        return new Response(null, { status: 204, headers: { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'POST', 'access-control-allow-headers': 'content-type, authorization' } });
      }
      const endpoint = endpoints[pathname];
      if (!endpoint) return null;
      const wait = await limiter.check(pathname, info.remoteAddress);
      const response = wait === null ? await endpoint(request) : tooManyRequests(json.page, pathname, wait);
      if (pathname !== ENDPOINTS.authorize && pathname !== ENDPOINTS.consent) response.headers.set('access-control-allow-origin', '*');
      return response;
    },
  };
}
