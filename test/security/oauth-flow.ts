// The built-in authorization server's flow by hand, for hostile variations: register, open the
// sign-in page (cookie), sign in with a key, consent, exchange the code; each step reusable.
import { createHash, randomBytes } from 'node:crypto';
import { cookieOf, readForm, submit, type Form } from '../oauth/forms.js';
import { REDIRECT } from '../oauth/headless.js';

export interface Tokens {
  readonly clientId: string;
  readonly access: string;
  readonly refresh: string;
}

export async function register(origin: string): Promise<string> {
  const res = await fetch(`${origin}/oauth/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ client_name: 'Hardening', redirect_uris: [REDIRECT] }) });
  return ((await res.json()) as { client_id: string }).client_id;
}

/** The sign-in page of a fresh authorization request: its form, cookie and PKCE verifier. */
export async function openSignIn(origin: string, clientId: string): Promise<{ form: Form; cookie: string; verifier: string }> {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const query = new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: REDIRECT, code_challenge: challenge, code_challenge_method: 'S256', scope: 'read write', resource: `${origin}/mcp` });
  const page = await fetch(`${origin}/oauth/authorize?${query}`);
  const html = await page.text();
  if (page.status !== 200) throw new Error(`sign-in page: HTTP ${page.status}: ${html}`);
  return { form: readForm(html), cookie: cookieOf(page.headers.get('set-cookie')), verifier };
}

export const postForm = (origin: string, form: Form, cookie: string, extra: [string, string][], headers: Record<string, string> = {}) =>
  fetch(new URL(form.action, origin), { method: 'POST', redirect: 'manual', body: submit(form, extra), headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, ...headers } });

/** Signs in with `key`: the consent form. */
export async function consentForm(origin: string, clientId: string, key: string): Promise<{ form: Form; cookie: string; verifier: string }> {
  const signIn = await openSignIn(origin, clientId);
  const res = await postForm(origin, signIn.form, signIn.cookie, [['api_key', key]]);
  const html = await res.text();
  if (res.status !== 200) throw new Error(`consent page: HTTP ${res.status}: ${html}`);
  return { form: readForm(html), cookie: signIn.cookie, verifier: signIn.verifier };
}

export const allow = (form: Form): [string, string][] => [...form.checkboxes.map((s) => ['scope', s] as [string, string]), ['decision', 'allow']];

export async function exchange(origin: string, clientId: string, code: string, verifier: string): Promise<Response> {
  return fetch(`${origin}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, code_verifier: verifier, client_id: clientId, redirect_uri: REDIRECT }).toString(),
  });
}

export function refreshWith(origin: string, clientId: string, refreshToken: string): Promise<Response> {
  return fetch(`${origin}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: clientId }).toString(),
  });
}

/** The whole flow as the key's user: a live access and refresh token. */
export async function tokensFor(origin: string, key: string): Promise<Tokens> {
  const clientId = await register(origin);
  const consent = await consentForm(origin, clientId, key);
  const back = await postForm(origin, consent.form, consent.cookie, allow(consent.form));
  const location = back.headers.get('location');
  if (back.status !== 302 || !location) throw new Error(`consent answer: HTTP ${back.status}: ${await back.text()}`);
  const res = await exchange(origin, clientId, new URL(location).searchParams.get('code')!, consent.verifier);
  const tokens = (await res.json()) as { access_token: string; refresh_token: string };
  return { clientId, access: tokens.access_token, refresh: tokens.refresh_token };
}
