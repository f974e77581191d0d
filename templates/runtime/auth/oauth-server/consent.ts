// The consent form's answer (once per form): a grant with the scopes the user left ticked, and a single-use,
// short-lived code bound to the client, the redirect URI, the PKCE challenge and the resource.
import { FORM_TTL_MS, pageContext, readForm, checkClient } from './authorize.js';
import { AuthorizePageError, AuthorizeRedirectError } from './errors.js';
import { issuerOf, type Resolved } from './options.js';
import { errorResponse, html, redirectTo, type ErrorContext } from './respond.js';
import { newSecret, sha256 } from './secrets.js';
import type { Store } from './store.js';
import { userIdValue } from './authorize.js';

export async function consentEndpoint(o: Resolved, store: Store, request: Request): Promise<Response> {
  const ctx: { -readonly [K in keyof ErrorContext]: ErrorContext[K] } = { page: pageContext(o) };
  try {
    if (request.method !== 'POST') return html(405, '', { allow: 'POST' });
    const { auth, form } = await readForm(o, request);
    if (auth.userId === undefined || auth.nonce === undefined) throw new AuthorizePageError('Sign in first.', 403);
    await checkClient(o, store, auth.clientId, request.signal);
    const iss = issuerOf(o, request);
    ctx.redirect = { uri: auth.redirectUri, state: auth.state, iss };
    // With the app's own session, the person answering must still be the one who was asked.
    const who = await o.login(request, { prisma: o.prisma });
    if (who !== null && who !== undefined && !(who instanceof Response) && String(who) !== auth.userId) {
      throw new AuthorizePageError('You are signed in as someone else now. Start connecting again.', 403);
    }
    if (form.get('decision') !== 'allow') throw new AuthorizeRedirectError('access_denied', 'the user denied access');
    const ticked = new Set(form.getAll('scope').map(String));
    const scopes = auth.scopes.filter((s) => ticked.has(s));
    if (!scopes.length) throw new AuthorizeRedirectError('access_denied', 'the user allowed no scope');

    if (await store.token(sha256(`consent:${auth.nonce}`))) throw new AuthorizePageError('This consent form was already answered. Start connecting again.', 409);
    const grant = await store.createGrant({ clientId: auth.clientId, userId: userIdValue(o, auth.userId), scopes: scopes.join(' '), resource: auth.resource, source: auth.source ?? 'session' });
    // The form answers once: its nonce is spent as a row with a unique hash, so a second post of
    // the same form (a replay, or a double click racing the first) fails here and its grant is revoked.
    if (!(await spendNonce(o, store, grant.id, auth.nonce))) {
      await store.revokeGrant(grant.id, new Date(o.now()));
      throw new AuthorizePageError('This consent form was already answered. Start connecting again.', 409);
    }
    const code = newSecret('code');
    await store.createToken({
      grantId: grant.id,
      kind: 'code',
      hash: sha256(code),
      scopes: scopes.join(' '),
      expiresAt: new Date(o.now() + o.ttl.code * 1000),
      challenge: auth.challenge,
      redirectUri: auth.redirectUri,
    });
    return redirectTo(auth.redirectUri, { code, state: auth.state, iss });
  } catch (error) {
    return errorResponse(error, ctx);
  }
}

async function spendNonce(o: Resolved, store: Store, grantId: string, nonce: string): Promise<boolean> {
  const at = new Date(o.now());
  try {
    await store.createToken({ grantId, kind: 'consent', hash: sha256(`consent:${nonce}`), scopes: '', expiresAt: new Date(at.getTime() + FORM_TTL_MS), usedAt: at });
    return true;
  } catch (error) {
    if (await store.token(sha256(`consent:${nonce}`))) return false;
    throw error;
  }
}
