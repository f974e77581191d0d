// The one place refusals become responses. Every answer of the authorization server is
// `Cache-Control: no-store` (RFC 6749 §5.1): codes, tokens and forms must not be cached.
import { AuthorizePageError, AuthorizeRedirectError, OAuthError, TooManySignIns } from './errors.js';
import { errorPage, type PageContext } from './pages.js';
import { HostRefused } from '../../http/origin.js';

const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' };

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...NO_STORE, ...headers } });
}

/**
 * Pages may not be framed (clickjacking on the consent button) and run no script at all. Forms
 * post to this server only; `formTarget` adds the client's redirect origin, because browsers
 * apply form-action to the redirect that answers the consent form too.
 */
export function html(status: number, body: string, headers: Record<string, string> = {}, formTarget?: string): Response {
  const formAction = formTarget ? `'self' ${formTarget}` : "'self'";
  return new Response(body, {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': `default-src 'none'; style-src 'unsafe-inline'; img-src data: 'self'; form-action ${formAction}; frame-ancestors 'none'; base-uri 'none'`,
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      ...NO_STORE,
      ...headers,
    },
  });
}

/** Back to the client's (verified) redirect URI with RFC 9207's `iss`. */
export function redirectTo(redirectUri: string, params: Record<string, string | undefined>): Response {
  const url = new URL(redirectUri);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  return new Response(null, { status: 302, headers: { location: url.href, ...NO_STORE } });
}

export interface ErrorContext {
  readonly page: PageContext;
  /** Set once the client and redirect URI are verified: errors go back to the client. */
  readonly redirect?: { readonly uri: string; readonly state: string | undefined; readonly iss: string };
}

export function errorResponse(error: unknown, ctx: ErrorContext): Response {
  if (error instanceof AuthorizeRedirectError && ctx.redirect) {
    const { uri, state, iss } = ctx.redirect;
    return redirectTo(uri, { error: error.code, error_description: error.description, state, iss });
  }
  if (error instanceof TooManySignIns) {
    const message = `Too many sign-in attempts with this API key: try again in ${error.retryAfterSeconds} s.`;
    return html(429, errorPage(ctx.page, message), { 'retry-after': String(error.retryAfterSeconds) });
  }
  if (error instanceof AuthorizePageError) return html(error.status, errorPage(ctx.page, error.description));
  if (error instanceof AuthorizeRedirectError) return html(400, errorPage(ctx.page, error.description));
  if (error instanceof OAuthError) {
    const headers: Record<string, string> = error.status === 401 ? { 'www-authenticate': 'Basic realm="oauth"' } : {};
    return json(error.status, { error: error.code, error_description: error.description }, headers);
  }
  if (error instanceof HostRefused) return json(421, { error: 'invalid_request', error_description: error.message });
  // Unexpected: the class name only, never the message (it may quote a database value).
  console.error(`[mcp oauth] request failed: ${error instanceof Error ? error.name : typeof error}`);
  return json(500, { error: 'server_error', error_description: 'The authorization server failed; try again.' });
}
