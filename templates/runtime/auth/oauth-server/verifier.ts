// Access tokens of the built-in server as a Verifier: found by hash, unexpired, for this resource
// (RFC 8707), their grant and client not revoked, the grant within its lifetime and its API key live. Checked against the database on every request,
// so a revocation takes effect on the next one. The user is the grant's user: the grant's foreign
// key proves it exists, so its row is read only for calls that need more than its id (loadUser).
import type { Caller, Verifier } from '../../core/caller.js';
import { bearerToken, tokenInQuery, unauthorized } from '../resource/challenge.js';
import { resourceUrl, type ResourceServer } from '../resource/metadata.js';
import { findUser } from './authorize.js';
import { grantEnded } from './grant-life.js';
import type { Resolved } from './options.js';
import { PREFIX, sha256 } from './secrets.js';
import { splitScopes, type Store } from './store.js';

// One answer for every bad token: whether it ever existed is not disclosed.
const INVALID = 'The access token is invalid, expired or revoked.';

export function accessTokenVerifier(o: Resolved, store: Store, rs: ResourceServer): Verifier {
  return async (request): Promise<Caller | Response | null> => {
    const token = bearerToken(request);
    if (token && tokenInQuery(request)) return unauthorized(rs, request, 'invalid_request', 'Access tokens are not accepted in the URL: send Authorization: Bearer <token>.');
    if (!token?.startsWith(PREFIX.access)) return null;
    const row = await store.accessToken(sha256(token));
    if (!row || row.expiresAt.getTime() <= o.now()) return unauthorized(rs, request, 'invalid_token', INVALID);
    if (row.grant.resource !== resourceUrl(rs, request)) return unauthorized(rs, request, 'invalid_token', 'The access token is for another resource.');
    // Past its lifetime, or its API key revoked or expired: the grant is over.
    if (await grantEnded(o, row.grant)) return unauthorized(rs, request, 'invalid_token', INVALID);
    const userId = row.grant.userId;
    if (userId === null || userId === undefined) return unauthorized(rs, request, 'invalid_token', INVALID);
    const user = { [o.models.userIdField]: userId };
    // The id alone is the whole user when `auth.user.info` names nothing else.
    const whole = Object.keys({ ...o.models.userSelect, [o.models.userIdField]: true }).length === 1;
    return {
      user,
      ...(whole ? {} : { loadUser: () => findUser(o, String(userId)) }),
      scopes: splitScopes(row.scopes),
      credential: { kind: 'oauth', id: row.grantId, clientId: row.grant.clientId },
    };
  };
}
