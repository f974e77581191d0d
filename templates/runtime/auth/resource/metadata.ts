// RFC 9728 protected-resource metadata: the first document an MCP client reads after a 401. It
// names the resource (the audience every token must carry) and the authorization server.
import { loopbackOrigin, publicUrlProblem } from './origin.js';

export interface ResourceServerOptions {
  /** Public origin; absent: the request's own origin (loopback development). */
  readonly publicUrl?: string | undefined;
  /** @default '/mcp' */
  readonly mcpPath?: string;
  /** The issuer of the tokens: the built-in server (the request's origin) or an external one. */
  readonly authorizationServer: (request: Request) => string;
  readonly scopes: readonly string[];
  /** Asked for in the 401 challenge. @default read and write (the user may untick them) */
  readonly challengeScopes?: readonly string[];
  readonly resourceName?: string;
}

export interface ResourceServer {
  readonly publicUrl: string | undefined;
  readonly mcpPath: string;
  readonly authorizationServer: (request: Request) => string;
  readonly scopes: readonly string[];
  readonly challengeScopes: readonly string[];
  readonly resourceName: string | undefined;
}

export const PRM_PATH = '/.well-known/oauth-protected-resource';

export function resourceServer(opts: ResourceServerOptions): ResourceServer {
  const publicUrl = opts.publicUrl ?? (process.env['MCP_PUBLIC_URL'] || undefined);
  const problem = publicUrl === undefined ? undefined : publicUrlProblem(publicUrl);
  if (problem) throw new Error(`mcp oauth: publicUrl (auth.publicUrl or MCP_PUBLIC_URL) ${problem}`);
  const challenge = (opts.challengeScopes ?? ['read', 'write']).filter((s) => opts.scopes.includes(s));
  return Object.freeze({
    publicUrl: publicUrl?.replace(/\/+$/, ''),
    mcpPath: (opts.mcpPath ?? '/mcp').replace(/\/+$/, '') || '/mcp',
    authorizationServer: opts.authorizationServer,
    scopes: opts.scopes,
    challengeScopes: challenge.length ? challenge : opts.scopes.slice(0, 1),
    resourceName: opts.resourceName,
  });
}

/** The public URL's host (`app.example.com`), which the Host check must accept: requests reach us by that name. */
export function publicHosts(rs: ResourceServer): string[] {
  return rs.publicUrl ? [new URL(rs.publicUrl).host] : [];
}

export function originOf(rs: ResourceServer, request: Request): string {
  return rs.publicUrl ?? loopbackOrigin(request);
}

/** The resource identifier: tokens must name exactly this audience (RFC 8707). */
export function resourceUrl(rs: ResourceServer, request: Request): string {
  return originOf(rs, request) + rs.mcpPath;
}

/** Path-suffixed form (RFC 9728 §3.1): `/.well-known/oauth-protected-resource/mcp`. */
export function prmUrl(rs: ResourceServer, request: Request): string {
  return originOf(rs, request) + PRM_PATH + rs.mcpPath;
}

/** Where the document is served: the path-suffixed and the bare well-known path. */
export function protectedResourcePaths(rs: ResourceServer): string[] {
  return [PRM_PATH + rs.mcpPath, PRM_PATH];
}

/** Serves the document at the path-suffixed and the bare well-known path; null for other paths. */
export function protectedResourceRoute(rs: ResourceServer, request: Request): Response | null {
  const { pathname } = new URL(request.url);
  if (!protectedResourcePaths(rs).includes(pathname)) return null;
  if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405, headers: { allow: 'GET' } });
  const doc = {
    resource: resourceUrl(rs, request),
    authorization_servers: [rs.authorizationServer(request)],
    scopes_supported: rs.scopes,
    bearer_methods_supported: ['header'],
    ...(rs.resourceName ? { resource_name: rs.resourceName } : {}),
  };
  return new Response(JSON.stringify(doc), {
    status: 200,
    headers: { 'content-type': 'application/json', 'cache-control': 'public, max-age=300', 'access-control-allow-origin': '*' },
  });
}
