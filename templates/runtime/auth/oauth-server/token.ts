// The token endpoint: authorization_code (PKCE S256, single-use code) and refresh_token (rotated on
// every use; a refresh token presented twice means it leaked, so the whole grant is revoked).
import { readText } from '../../http/body.js';
import { invalidClient, invalidGrant, invalidRequest, invalidScope, OAuthError, unsupportedGrantType } from './errors.js';
import { resourceOf, type Resolved } from './options.js';
import { json } from './respond.js';
import { grantEnd, grantEnded } from './grant-life.js';
import { newSecret, pkceMatches, sha256 } from './secrets.js';
import { splitScopes, type Store, type TokenRow } from './store.js';

const MAX_BODY = 16 * 1024;

export async function tokenEndpoint(o: Resolved, store: Store, request: Request): Promise<Response> {
  if (request.method !== 'POST') throw invalidRequest('use POST');
  const params = await formParams(request);
  const grantType = params.get('grant_type');
  if (grantType === 'authorization_code') return codeGrant(o, store, request, params);
  if (grantType === 'refresh_token') return refreshGrant(o, store, request, params);
  throw unsupportedGrantType('grant_type must be authorization_code or refresh_token');
}

async function codeGrant(o: Resolved, store: Store, request: Request, params: URLSearchParams): Promise<Response> {
  const code = params.get('code');
  const verifier = params.get('code_verifier');
  if (!code) throw invalidRequest('code is missing');
  if (!verifier) throw invalidRequest('code_verifier is missing (PKCE)');
  const row = await usable(o, store, code, 'code', params);
  if (row.usedAt) return replayed(o, store, row, 'the code was already used');
  // Checked before the code is spent: a wrong guess leaves the code (and the tables) as they were.
  if (row.redirectUri !== params.get('redirect_uri')) throw invalidGrant('redirect_uri does not match the authorization request');
  if (!row.challenge || !pkceMatches(verifier, row.challenge)) throw invalidGrant('code_verifier does not match the code_challenge');
  checkResource(o, request, params, row);
  if (!(await store.consume(row.id, new Date(o.now())))) return replayed(o, store, row, 'the code was already used');
  return issue(o, store, row.grant, splitScopes(row.scopes));
}

async function refreshGrant(o: Resolved, store: Store, request: Request, params: URLSearchParams): Promise<Response> {
  const token = params.get('refresh_token');
  if (!token) throw invalidRequest('refresh_token is missing');
  const row = await usable(o, store, token, 'refresh', params);
  const reused = 'the refresh token was already used; the grant is revoked';
  if (row.usedAt) return replayed(o, store, row, reused);
  checkResource(o, request, params, row);
  const held = splitScopes(row.scopes);
  const asked = splitScopes(params.get('scope'));
  if (asked.some((s) => !held.includes(s))) throw invalidScope('a refresh may only narrow the scopes of the grant');
  if (!(await store.consume(row.id, new Date(o.now())))) return replayed(o, store, row, reused);
  return issue(o, store, row.grant, asked.length ? asked : held);
}

/** Found, of the right kind, for this client, unexpired, and its grant and client still live. */
async function usable(o: Resolved, store: Store, secret: string, kind: TokenRow['kind'], params: URLSearchParams): Promise<TokenRow> {
  const row = await store.token(sha256(secret));
  const what = kind === 'code' ? 'code' : 'refresh token';
  if (!row || row.kind !== kind) throw invalidGrant(`unknown ${what}`);
  const clientId = params.get('client_id');
  if (!clientId) throw invalidClient('client_id is missing');
  if (row.grant.clientId !== clientId) throw invalidGrant(`the ${what} was issued to another client`);
  if (row.grant.client.revokedAt) throw invalidClient('this client has been revoked');
  if (row.grant.revokedAt) throw invalidGrant(`the ${what}'s grant has been revoked`);
  if (row.expiresAt.getTime() <= o.now()) throw invalidGrant(`the ${what} has expired`);
  const ended = await grantEnded(o, row.grant);
  if (ended) throw invalidGrant(ended);
  return row;
}

/** RFC 6749 §4.1.2 and OAuth 2.1 §4.3.1: a replayed code or refresh token revokes what it granted. */
async function replayed(o: Resolved, store: Store, row: TokenRow, why: string): Promise<never> {
  await store.revokeGrant(row.grantId, new Date(o.now()));
  throw invalidGrant(why);
}

function checkResource(o: Resolved, request: Request, params: URLSearchParams, row: TokenRow): void {
  const asked = params.get('resource');
  const expected = resourceOf(o, request);
  if (row.grant.resource !== expected) throw new OAuthError('invalid_target', 'the grant is for another resource');
  if (asked !== null && asked !== expected && asked !== `${expected}/`) throw new OAuthError('invalid_target', `resource must be ${expected}`);
}

/** A new pair; neither outlives the grant (refreshing never extends its lifetime). */
async function issue(o: Resolved, store: Store, grant: TokenRow['grant'], scopes: readonly string[]): Promise<Response> {
  const access = newSecret('access');
  const refresh = newSecret('refresh');
  const now = o.now();
  const end = grantEnd(o, grant.createdAt);
  const accessEnd = Math.min(now + o.ttl.access * 1000, end);
  const scope = scopes.join(' ');
  const grantId = grant.id;
  await store.createToken({ grantId, kind: 'access', hash: sha256(access), scopes: scope, expiresAt: new Date(accessEnd) });
  await store.createToken({ grantId, kind: 'refresh', hash: sha256(refresh), scopes: scope, expiresAt: new Date(Math.min(now + o.ttl.refresh * 1000, end)) });
  return json(200, { access_token: access, token_type: 'Bearer', expires_in: Math.max(1, Math.floor((accessEnd - now) / 1000)), refresh_token: refresh, scope });
}

export async function formParams(request: Request): Promise<URLSearchParams> {
  const type = request.headers.get('content-type') ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded')) throw invalidRequest('expected an application/x-www-form-urlencoded body');
  const read = await readText(request, MAX_BODY);
  if (!read.ok) throw invalidRequest(read.reason === 'too-large' ? `the body is larger than ${MAX_BODY} bytes` : 'the body could not be read');
  return new URLSearchParams(read.text);
}
