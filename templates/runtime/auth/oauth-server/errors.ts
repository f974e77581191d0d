// Every refusal of the authorization server is one of these classes, thrown by an endpoint's
// steps and turned into a response in one place (respond.ts). Descriptions are fixed strings
// written here: they never echo a token, code or secret back.

/** An OAuth error sent as JSON (token, register, revoke endpoints). */
export class OAuthError extends Error {
  constructor(
    readonly code: string,
    readonly description: string,
    readonly status = 400,
  ) {
    super(description);
  }
}

export const invalidRequest = (why: string) => new OAuthError('invalid_request', why);
export const invalidGrant = (why: string) => new OAuthError('invalid_grant', why);
export const invalidClient = (why: string) => new OAuthError('invalid_client', why, 401);
export const invalidScope = (why: string) => new OAuthError('invalid_scope', why);
export const invalidClientMetadata = (why: string) => new OAuthError('invalid_client_metadata', why);
export const invalidRedirectUri = (why: string) => new OAuthError('invalid_redirect_uri', why);
export const unsupportedGrantType = (why: string) => new OAuthError('unsupported_grant_type', why);

/**
 * An authorization request that cannot be sent back to the client: the client or its redirect
 * URI is unknown, so redirecting would hand the response to whoever forged the link. Shown to
 * the person in the browser as a page instead.
 */
export class AuthorizePageError extends Error {
  constructor(
    readonly description: string,
    readonly status = 400,
  ) {
    super(description);
  }
}

/**
 * An authorization request from a known client with a verified redirect URI that is refused:
 * sent back to the client as `?error=…&state=…&iss=…` (RFC 6749 §4.1.2.1, RFC 9207).
 */
export class AuthorizeRedirectError extends Error {
  constructor(
    readonly code: string,
    readonly description: string,
  ) {
    super(description);
  }
}

/** Too many sign-in attempts with one key prefix (from any address): 429 with Retry-After. */
export class TooManySignIns extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('too many sign-in attempts with this key');
  }
}
