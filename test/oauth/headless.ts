// An MCP client's side of OAuth, headless: the SDK's OAuthClientProvider kept in memory, and a
// person following the sign-in and consent forms with plain HTTP (cookies carried by hand).
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { UnauthorizedError, type OAuthClientProvider } from '@modelcontextprotocol/sdk/client/auth.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { OAuthClientInformationMixed, OAuthClientMetadata, OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js';
import { cookieOf, readForm, submit } from './forms.js';

export const REDIRECT = 'http://127.0.0.1:33418/callback';

export class HeadlessProvider implements OAuthClientProvider {
  info: OAuthClientInformationMixed | undefined;
  saved: OAuthTokens | undefined;
  verifier: string | undefined;
  authorizationUrl: URL | undefined;

  constructor(readonly clientMetadataUrl?: string) {}

  get redirectUrl(): string {
    return REDIRECT;
  }
  get clientMetadata(): OAuthClientMetadata {
    return { client_name: 'Headless test client', redirect_uris: [REDIRECT], grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'], token_endpoint_auth_method: 'none' };
  }
  clientInformation() {
    return this.info;
  }
  saveClientInformation(info: OAuthClientInformationMixed) {
    this.info = info;
  }
  tokens() {
    return this.saved;
  }
  saveTokens(tokens: OAuthTokens) {
    this.saved = tokens;
  }
  redirectToAuthorization(url: URL) {
    this.authorizationUrl = url;
  }
  saveCodeVerifier(verifier: string) {
    this.verifier = verifier;
  }
  codeVerifier() {
    if (!this.verifier) throw new Error('no code verifier saved');
    return this.verifier;
  }
}

/** Opens the authorization URL, signs in with the API key, ticks `allow` (default: all) and allows: the redirect back. */
export async function signInAndConsent(authorizationUrl: URL, apiKey: string, allow?: readonly string[]): Promise<URL> {
  const signIn = await fetch(authorizationUrl, { redirect: 'manual' });
  const signInPage = await signIn.text();
  if (signIn.status !== 200) throw new Error(`sign-in page: HTTP ${signIn.status}: ${signInPage}`);
  const cookie = cookieOf(signIn.headers.get('set-cookie'));
  const post = (action: string, body: string) =>
    fetch(new URL(action, authorizationUrl), { method: 'POST', body, redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie } });
  const signInForm = readForm(signInPage);
  const consent = await post(signInForm.action, submit(signInForm, [['api_key', apiKey]]));
  const consentPage = await consent.text();
  if (consent.status !== 200) throw new Error(`consent page: HTTP ${consent.status}: ${consentPage}`);
  const form = readForm(consentPage);
  const ticked = allow ?? form.checkboxes;
  const back = await post(form.action, submit(form, [...ticked.map((s) => ['scope', s] as [string, string]), ['decision', 'allow']]));
  const location = back.headers.get('location');
  if (back.status !== 302 || !location) throw new Error(`consent answer: HTTP ${back.status}: ${await back.text()}`);
  return new URL(location);
}

/**
 * The SDK's own OAuth flow against an MCP endpoint: connect → 401 → discovery → registration →
 * authorize (the forms, as `apiKey`'s user) → finishAuth → a connected client.
 */
export async function connectWithOAuth(url: string | URL, provider: HeadlessProvider, apiKey: string, allow?: readonly string[]): Promise<{ client: Client; back: URL }> {
  const endpoint = new URL(url);
  const transport = new StreamableHTTPClientTransport(endpoint, { authProvider: provider });
  const refused: unknown = await new Client({ name: 'oauth-test', version: '0.0.0' }).connect(transport).then(() => 'connected', (error: unknown) => error);
  if (!(refused instanceof UnauthorizedError)) throw new Error(`the first connect should need authorization, got: ${String(refused)}`);
  if (!provider.authorizationUrl) throw new Error('the client was not sent to authorize');
  const back = await signInAndConsent(provider.authorizationUrl, apiKey, allow);
  await transport.finishAuth(back.searchParams.get('code')!);
  const client = new Client({ name: 'oauth-test', version: '0.0.0' });
  await client.connect(new StreamableHTTPClientTransport(endpoint, { authProvider: provider }));
  return { client, back };
}
