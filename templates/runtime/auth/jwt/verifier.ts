// Access tokens from an external authorization server (Auth0, Clerk, WorkOS, Keycloak, Okta, Better
// Auth…) as a Verifier: a JWT signed by a key of the issuer's JWKS (found through its metadata;
// jose caches the keys and refetches on rotation), from that issuer, for this resource (audience),
// unexpired. The user is the row whose `userField` equals the token's `userClaim`.
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import type { Caller, Verifier } from '../../core/caller.js';
import { bearerToken, tokenInQuery, unauthorized } from '../resource/challenge.js';
import { resourceServer, resourceUrl, type ResourceServer } from '../resource/metadata.js';
import { findUserBy, type UserModel } from '../resource/user.js';

export interface JwtVerifierOptions {
  readonly prisma: unknown;
  /** The issuer exactly as its tokens' `iss` spells it, e.g. `https://tenant.example.com/`. */
  readonly issuer: string;
  /** The claim naming the user, e.g. `email` or `sub`. */
  readonly userClaim: string;
  /** The user model field it is matched against, e.g. `email`. */
  readonly userField: string;
  readonly user: UserModel;
  /** Scopes this server grants; others in the token are ignored. */
  readonly scopes: readonly string[];
  /** @default env MCP_PUBLIC_URL, else the request's origin */
  readonly publicUrl?: string | undefined;
  /** @default '/mcp' */
  readonly mcpPath?: string;
  /** The protected-resource metadata's `resource_name`: the server's title. */
  readonly resourceName?: string;
  /** Where the keys are; by default read from the issuer's metadata. */
  readonly jwksUri?: string;
  /** @default ['RS256', 'PS256', 'ES256', 'EdDSA'] — never `none` or a shared-secret algorithm */
  readonly algorithms?: readonly string[];
  /** Seconds of clock skew tolerated on exp/nbf. @default 30 */
  readonly clockToleranceSeconds?: number;
}

export interface JwtVerifier {
  readonly verifier: Verifier;
  readonly resource: ResourceServer;
}

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

export function createJwtVerifier(opts: JwtVerifierOptions): JwtVerifier {
  const resource = resourceServer({ publicUrl: opts.publicUrl, mcpPath: opts.mcpPath ?? '/mcp', authorizationServer: () => opts.issuer, scopes: opts.scopes, ...(opts.resourceName ? { resourceName: opts.resourceName } : {}) });
  const algorithms = [...(opts.algorithms ?? ['RS256', 'PS256', 'ES256', 'EdDSA'])];
  if (algorithms.some((a) => a === 'none' || a.startsWith('HS'))) throw new Error('mcp auth: jwt algorithms must be asymmetric (no "none", no HS*)');
  let keys: Promise<ReturnType<typeof createRemoteJWKSet>> | undefined;
  const jwks = () => {
    keys ??= discoverJwksUri(opts).then((uri) => createRemoteJWKSet(new URL(uri)));
    // A failed discovery is retried on the next request rather than cached.
    keys.catch(() => (keys = undefined));
    return keys;
  };

  const verifier: Verifier = async (request): Promise<Caller | Response | null> => {
    const token = bearerToken(request);
    if (token && tokenInQuery(request)) return unauthorized(resource, request, 'invalid_request', 'Access tokens are not accepted in the URL: send Authorization: Bearer <token>.');
    if (!token || !JWT_SHAPE.test(token)) return null;
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, await jwks(), {
        issuer: opts.issuer,
        audience: resourceUrl(resource, request),
        algorithms,
        requiredClaims: ['exp'],
        clockTolerance: opts.clockToleranceSeconds ?? 30,
      }));
    } catch (error) {
      const code = (error as { code?: string }).code ?? '';
      // The reason class is safe to say (expired, wrong audience…); the token itself is never echoed.
      const why = code === 'ERR_JWT_EXPIRED' ? 'The access token has expired.' : code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' ? `The access token's ${(error as { claim?: string }).claim ?? 'claims'} claim is not accepted here.` : 'The access token is invalid.';
      return unauthorized(resource, request, 'invalid_token', why);
    }
    const claim = payload[opts.userClaim];
    if (typeof claim !== 'string' && typeof claim !== 'number') return unauthorized(resource, request, 'invalid_token', `The access token has no ${opts.userClaim} claim.`);
    const user = await findUserBy(opts.prisma, opts.user, opts.userField, claim);
    if (!user) return unauthorized(resource, request, 'invalid_token', 'No user of this app matches the access token.');
    const clientId = typeof payload['client_id'] === 'string' ? payload['client_id'] : typeof payload['azp'] === 'string' ? payload['azp'] : undefined;
    return { user, scopes: tokenScopes(payload, opts.scopes), credential: { kind: 'jwt', id: String(payload.sub ?? claim), ...(clientId ? { clientId } : {}) } };
  };
  return { verifier, resource };
}

/** `scope` (space-separated, RFC 9068), `scp` or `permissions` (arrays), kept to the scopes we know. */
function tokenScopes(payload: JWTPayload, known: readonly string[]): string[] {
  const raw = payload['scope'] ?? payload['scp'] ?? payload['permissions'];
  const list = typeof raw === 'string' ? raw.split(' ') : Array.isArray(raw) ? raw.map(String) : [];
  return [...new Set(list.filter((s) => known.includes(s)))];
}

/** jwks_uri from the issuer's OpenID or RFC 8414 metadata, checked to be the issuer's own. */
async function discoverJwksUri(opts: JwtVerifierOptions): Promise<string> {
  if (opts.jwksUri) return opts.jwksUri;
  const base = opts.issuer.replace(/\/+$/, '');
  const url = new URL(opts.issuer);
  const path = url.pathname.replace(/\/+$/, '');
  const candidates = [`${base}/.well-known/openid-configuration`, `${url.origin}/.well-known/oauth-authorization-server${path}`];
  for (const candidate of candidates) {
    const res = await fetch(candidate, { headers: { accept: 'application/json' }, redirect: 'error', signal: AbortSignal.timeout(5000) }).catch(() => undefined);
    if (!res?.ok) continue;
    const meta = (await res.json().catch(() => ({}))) as { issuer?: unknown; jwks_uri?: unknown };
    if (meta.issuer !== opts.issuer) throw new Error(`mcp auth: ${candidate} names issuer ${String(meta.issuer)}, expected ${opts.issuer}`);
    if (typeof meta.jwks_uri === 'string') return meta.jwks_uri;
  }
  throw new Error(`mcp auth: no jwks_uri found in the metadata of ${opts.issuer}`);
}
