// The authorization endpoint, as named steps: check the client and its redirect URI (errors are
// shown, never redirected), then the request (errors go back to the client), then find out who
// is signing in (the app's login, else the built-in API key form), then ask for consent.
import { readText } from '../../http/body.js';
import { ClientRefused, resolveClient } from './clients.js';
import { AuthorizePageError, AuthorizeRedirectError, TooManySignIns } from './errors.js';
import { keySource, type GrantSource } from './grant-life.js';
import { ENDPOINTS } from './metadata.js';
import { issuerOf, resourceOf, type Resolved } from './options.js';
import { consentPage, signInPage, type PageContext } from './pages.js';
import { redirectUriMatches } from './redirect-uris.js';
import { errorResponse, html, type ErrorContext } from './respond.js';
import { randomId, seal, sha256, unseal } from './secrets.js';
import { splitScopes, type ClientRow, type Store } from './store.js';
import { findUserBy } from '../resource/user.js';

/** A checked authorization request, carried (signed) through the sign-in and consent forms. */
export interface AuthRequest {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly challenge: string;
  readonly resource: string;
  readonly scopes: readonly string[];
  readonly state: string | undefined;
  /** The CSRF value whose twin is in the browser's cookie. */
  readonly csrf: string;
  /** Set once the user is known (consent form). */
  readonly userId?: string;
  /** What the grant will be born from: `api-key:<id>` or `session` (set with userId). */
  readonly source?: GrantSource;
  /** The consent form's single-use value: spent when the form is answered. */
  readonly nonce?: string;
}

/** Seconds to wait before another sign-in attempt with this key prefix, or null to go on. */
export type SignInGuard = (keyPrefix: string) => Promise<number | null>;

export const FORM_TTL_MS = 10 * 60_000;
const MAX_FORM = 64 * 1024;
export const CSRF_COOKIE = 'mcp_oauth_csrf';

export function pageContext(o: Resolved): PageContext {
  return { appName: o.app.name, logo: o.app.logo };
}

export async function authorizeEndpoint(o: Resolved, store: Store, request: Request, guard: SignInGuard = async () => null): Promise<Response> {
  const ctx: { -readonly [K in keyof ErrorContext]: ErrorContext[K] } = { page: pageContext(o) };
  try {
    if (request.method === 'GET') {
      const params = new URL(request.url).searchParams;
      const client = await checkClient(o, store, params.get('client_id') ?? '', request.signal);
      const redirectUri = checkRedirectUri(client, params.get('redirect_uri'));
      ctx.redirect = { uri: redirectUri, state: params.get('state') ?? undefined, iss: issuerOf(o, request) };
      const auth = checkRequest(o, request, params, client, redirectUri);
      return await whoIsSigningIn(o, store, request, client, auth);
    }
    if (request.method === 'POST') return await apiKeySignIn(o, store, request, ctx, guard);
    return html(405, '', { allow: 'GET, POST' });
  } catch (error) {
    return errorResponse(error, ctx);
  }
}

export async function checkClient(o: Resolved, store: Store, clientId: string, signal?: AbortSignal): Promise<ClientRow> {
  try {
    return await resolveClient(o, store, clientId, signal);
  } catch (error) {
    if (error instanceof ClientRefused) throw new AuthorizePageError(error.message);
    throw error;
  }
}

function checkRedirectUri(client: ClientRow, redirectUri: string | null): string {
  if (!redirectUri) throw new AuthorizePageError('redirect_uri is missing');
  if (!redirectUriMatches(client.redirectUris.split('\n'), redirectUri)) {
    throw new AuthorizePageError(`redirect_uri is not one this client registered`);
  }
  return redirectUri;
}

function checkRequest(o: Resolved, request: Request, params: URLSearchParams, client: ClientRow, redirectUri: string): AuthRequest {
  if (params.get('response_type') !== 'code') throw new AuthorizeRedirectError('unsupported_response_type', 'response_type must be "code"');
  const challenge = params.get('code_challenge');
  if (!challenge) throw new AuthorizeRedirectError('invalid_request', 'code_challenge is required (PKCE)');
  if (params.get('code_challenge_method') !== 'S256') throw new AuthorizeRedirectError('invalid_request', 'code_challenge_method must be S256');
  if (!/^[A-Za-z0-9_-]{43}$/.test(challenge)) throw new AuthorizeRedirectError('invalid_request', 'code_challenge is not a S256 challenge');
  const resource = resourceOf(o, request);
  const asked = params.get('resource');
  if (asked !== null && asked !== resource && asked !== `${resource}/`) throw new AuthorizeRedirectError('invalid_target', `resource must be ${resource}`);
  const scopes = requestedScopes(o, params.get('scope'));
  return { clientId: client.id, redirectUri, challenge, resource, scopes, state: params.get('state') ?? undefined, csrf: randomId() };
}

export function requestedScopes(o: Resolved, scope: string | null): string[] {
  const asked = splitScopes(scope);
  const unknown = asked.filter((s) => !o.scopes.includes(s));
  if (unknown.length) throw new AuthorizeRedirectError('invalid_scope', `unknown scope ${unknown.join(', ')}; this server offers ${o.scopes.join(', ')}`);
  return asked.length ? [...new Set(asked)] : [...o.defaultScopes];
}

async function whoIsSigningIn(o: Resolved, store: Store, request: Request, client: ClientRow, auth: AuthRequest): Promise<Response> {
  const who = await o.login(request, { prisma: o.prisma });
  if (who instanceof Response) return who;
  if (who !== null && who !== undefined) return showConsent(o, store, client, { ...auth, userId: String(who), source: 'session' }, auth.scopes);
  if (!o.models.apiKey) throw new AuthorizePageError('Sign in to the app first, then connect again.');
  const sealed = seal(o.secret, auth, FORM_TTL_MS, o.now());
  return html(200, signInPage(pageContext(o), clientView(client, auth.redirectUri), { action: ENDPOINTS.authorize, sealed }), { 'set-cookie': csrfCookie(o, auth.csrf) });
}

/** The built-in sign-in form posts one of the user's API keys here. */
async function apiKeySignIn(o: Resolved, store: Store, request: Request, ctx: { redirect?: ErrorContext['redirect'] }, guard: SignInGuard): Promise<Response> {
  if (!o.models.apiKey) throw new AuthorizePageError('This server has no built-in sign-in form.');
  const { auth, form } = await readForm(o, request);
  const client = await checkClient(o, store, auth.clientId, request.signal);
  ctx.redirect = { uri: auth.redirectUri, state: auth.state, iss: issuerOf(o, request) };
  const typed = String(form.get('api_key') ?? '').trim();
  // Guessing one key's secret from many addresses: every attempt on a prefix counts, wherever it comes from.
  const prefix = KEY_FORMAT.exec(typed)?.[1];
  const wait = prefix === undefined ? null : await guard(prefix);
  if (wait !== null) throw new TooManySignIns(wait);
  const key = await findKey(o, typed);
  if (!key) {
    const sealed = seal(o.secret, auth, FORM_TTL_MS, o.now());
    const page = signInPage(pageContext(o), clientView(client, auth.redirectUri), { action: ENDPOINTS.authorize, sealed, error: 'That API key is not valid.' });
    return html(401, page);
  }
  // A grant never carries more than the key that signed in.
  const offered = auth.scopes.filter((s) => covers(key.scopes, s));
  if (!offered.length) throw new AuthorizeRedirectError('invalid_scope', 'the API key used to sign in has none of the scopes asked for');
  return showConsent(o, store, client, { ...auth, userId: key.userId, source: keySource(key.id) }, offered);
}

async function showConsent(o: Resolved, store: Store, client: ClientRow, auth: AuthRequest, offered: readonly string[]): Promise<Response> {
  const user = await findUser(o, auth.userId!);
  if (!user) throw new AuthorizePageError('The signed-in user was not found.');
  const sealed = seal(o.secret, { ...auth, scopes: offered, nonce: randomId() }, FORM_TTL_MS, o.now());
  const who = String(user['email'] ?? user['name'] ?? user[o.models.userIdField]);
  const page = consentPage(pageContext(o), clientView(client, auth.redirectUri), { action: ENDPOINTS.consent, sealed, scopes: offered, who });
  return html(200, page, { 'set-cookie': csrfCookie(o, auth.csrf) }, cspSource(auth.redirectUri));
}

/** The redirect URI as a CSP source: its origin, or its scheme for a native app's private-use scheme. */
function cspSource(redirectUri: string): string {
  const url = new URL(redirectUri);
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : url.protocol;
}

/** The signed request of a posted form, bound to this browser by the CSRF cookie. */
export async function readForm(o: Resolved, request: Request): Promise<{ auth: AuthRequest; form: URLSearchParams }> {
  // Cross-site posts are refused outright, not only left without the SameSite cookie.
  const site = request.headers.get('sec-fetch-site');
  const origin = request.headers.get('origin');
  // Our pages send no referrer, so a browser's own post may say `Origin: null`: then only
  // Sec-Fetch-Site: same-origin vouches for it.
  const foreign = origin === 'null' ? site !== 'same-origin' : origin !== null && origin !== issuerOf(o, request);
  if (site === 'cross-site' || site === 'same-site' || foreign) {
    throw new AuthorizePageError('This form was sent from another site. Start connecting again from the app.', 403);
  }
  const type = request.headers.get('content-type') ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded')) throw new AuthorizePageError('Expected a form post.', 415);
  const read = await readText(request, MAX_FORM);
  if (!read.ok) throw read.reason === 'too-large' ? new AuthorizePageError('The form is too large.', 413) : new AuthorizePageError('The form could not be read.', 400);
  const form = new URLSearchParams(read.text);
  const sealed = form.get('request');
  const auth = typeof sealed === 'string' ? (unseal(o.secret, sealed, o.now()) as AuthRequest | undefined) : undefined;
  const cookie = cookieValue(request.headers.get('cookie'), CSRF_COOKIE);
  if (!auth || !cookie || sha256(cookie) !== sha256(auth.csrf)) {
    throw new AuthorizePageError('This form has expired or was not opened in this browser. Start connecting again.', 403);
  }
  return { auth, form };
}

function csrfCookie(o: Resolved, value: string): string {
  const secure = (o.publicUrl ?? '').startsWith('https:') ? '; Secure' : '';
  return `${CSRF_COOKIE}=${value}; Path=/oauth; HttpOnly; SameSite=Strict; Max-Age=${FORM_TTL_MS / 1000}${secure}`;
}

function cookieValue(header: string | null, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

export function clientView(client: ClientRow, redirectUri: string): { name: string; redirectHost: string } {
  const url = new URL(redirectUri);
  return { name: client.name, redirectHost: url.host || url.protocol };
}

/** `write` covers `blog:write`; `read` covers `blog:read`; a scope covers itself. */
export function covers(granted: readonly string[], scope: string): boolean {
  if (granted.includes(scope)) return true;
  const access = scope.split(':')[1];
  return access !== undefined && granted.includes(access);
}

const KEY_FORMAT = /^mcpk_([A-Za-z0-9]{8})_[A-Za-z0-9_-]{43}$/;

async function findKey(o: Resolved, key: string): Promise<{ id: string; userId: string; scopes: string[] } | undefined> {
  if (!KEY_FORMAT.test(key)) return undefined;
  const keys = (o.prisma as Record<string, { findUnique(a: unknown): Promise<Record<string, unknown> | null> }>)[o.models.apiKey!]!;
  const row = await keys.findUnique({ where: { hash: sha256(key) }, select: { id: true, userId: true, scopes: true, expiresAt: true, revokedAt: true } });
  if (!row || row['revokedAt'] instanceof Date) return undefined;
  if (row['expiresAt'] instanceof Date && row['expiresAt'].getTime() <= o.now()) return undefined;
  return { id: String(row['id']), userId: String(row['userId']), scopes: splitScopes(String(row['scopes'] ?? '')) };
}

export function userIdValue(o: Resolved, id: string): unknown {
  return o.models.userIdType === 'number' ? Number(id) : o.models.userIdType === 'bigint' ? BigInt(id) : id;
}

export async function findUser(o: Resolved, id: string): Promise<Record<string, unknown> | null> {
  if (o.models.userIdType !== 'string' && !/^-?\d+$/.test(id)) return null;
  const model = { delegate: o.models.user, idField: o.models.userIdField, select: o.models.userSelect };
  return findUserBy(o.prisma, model, o.models.userIdField, userIdValue(o, id));
}
