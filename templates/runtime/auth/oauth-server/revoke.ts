// RFC 7009 revocation. Revoking an access or refresh token revokes its whole grant, so a client
// that disconnects leaves nothing usable behind. The answer is 200 either way (§2.2): whether a
// token existed is not disclosed.
import { invalidRequest } from './errors.js';
import type { Resolved } from './options.js';
import { formParams } from './token.js';
import { json } from './respond.js';
import { sha256 } from './secrets.js';
import type { Store } from './store.js';

export async function revokeEndpoint(o: Resolved, store: Store, request: Request): Promise<Response> {
  if (request.method !== 'POST') throw invalidRequest('use POST');
  const params = await formParams(request);
  const token = params.get('token');
  if (!token) throw invalidRequest('token is missing');
  const row = await store.token(sha256(token));
  // Only the client the token was issued to may revoke it.
  if (row && (row.kind === 'access' || row.kind === 'refresh') && row.grant.clientId === params.get('client_id')) await store.revokeGrant(row.grantId, new Date(o.now()));
  return json(200, {});
}
