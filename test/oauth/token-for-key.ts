// An OAuth access token for the user of an API key, as a connector would get one: dynamic
// registration, authorize with PKCE, sign in with the key, consent to everything offered (the
// key's scopes) or to `allow`, exchange the code. `scope` is what the client asks for (default
// read write; a key limited to a toolset must be asked for its own scopes).
import { createHash, randomBytes } from 'node:crypto';
import { REDIRECT, signInAndConsent } from './headless.js';

export async function oauthTokenFor(mcpUrl: string, apiKey: string, opts: { scope?: string; allow?: readonly string[] } = {}): Promise<string> {
  const origin = new URL(mcpUrl).origin;
  const registered = await fetch(`${origin}/oauth/register`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ client_name: 'Scoping matrix', redirect_uris: [REDIRECT] }) });
  const clientId = ((await registered.json()) as { client_id: string }).client_id;
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const query = new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: REDIRECT, code_challenge: challenge, code_challenge_method: 'S256', scope: opts.scope ?? 'read write', resource: `${origin}/mcp` });
  const back = await signInAndConsent(new URL(`${origin}/oauth/authorize?${query}`), apiKey, opts.allow);
  const res = await fetch(`${origin}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code: back.searchParams.get('code')!, code_verifier: verifier, client_id: clientId, redirect_uri: REDIRECT }).toString(),
  });
  const tokens = (await res.json()) as { access_token?: string };
  if (!tokens.access_token) throw new Error(`token endpoint: HTTP ${res.status} ${JSON.stringify(tokens)}`);
  return tokens.access_token;
}
