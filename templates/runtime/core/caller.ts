// Who is calling, with which scopes: the one value every credential ends as (API key, built-in
// OAuth token, external JWT, the host app's session) before any tool runs. Rate limits, audit
// records, cancellation routing and row scoping read this, never the credential itself.

/** How the caller proved who they are. `id` names the credential, never its secret. */
export interface Credential {
  readonly kind: 'none' | 'api-key' | 'oauth' | 'jwt' | 'session';
  /** The key's row id, the OAuth grant id, the JWT's `sub`, the session's user id; `anonymous` for `none`. */
  readonly id: string;
  /** The OAuth client that holds the grant, when there is one. */
  readonly clientId?: string;
}

export interface Caller {
  /** The user row (the fields `auth.user.info` names, and the id); null with `auth: 'none'`. */
  readonly user: Record<string, unknown> | null;
  /** `read`, `write`, `<toolset>:read`, `<toolset>:write`. */
  readonly scopes: readonly string[];
  readonly credential: Credential;
  /**
   * Present when `user` holds only some of the user's fields (an API key knows the id): loads the
   * whole row, or null when the user is gone. The handler calls it only for calls that read
   * other fields (get_user_info, custom tools, scopes over other user fields).
   */
  readonly loadUser?: () => Promise<Record<string, unknown> | null>;
}

/**
 * One verifier of an ordered list: a Caller when the request carries its kind of credential and
 * it is valid, a Response (401/403) when it carries its kind and it is not, `null` when the
 * request carries no credential of its kind (the next verifier is asked).
 */
export type Verifier = (request: Request) => Promise<Caller | Response | null>;

/** The caller of a server with `auth: 'none'` (loopback only): every scope, no user. */
export const ANONYMOUS: Caller = { user: null, scopes: ['read', 'write'], credential: { kind: 'none', id: 'anonymous' } };
