// Where public URLs come from. With auth.publicUrl (or MCP_PUBLIC_URL) set, from there. Without
// it, from the request, and a Host header is the client's to choose: only a loopback origin
// (development) is trusted to name the issuer and the resource.
import { HostRefused, isLoopback } from '../../http/origin.js';

/** The server's one loopback test (http/origin.ts): exactly localhost, 127.0.0.0/8 or [::1]. */
export const isLoopbackHost = isLoopback;

export function loopbackOrigin(request: Request): string {
  const url = new URL(request.url);
  if (!isLoopbackHost(url.hostname)) throw new HostRefused('set auth.publicUrl (or MCP_PUBLIC_URL) to serve OAuth on a non-loopback host');
  return url.origin;
}

/**
 * What is wrong with a public URL, if anything. It must be an origin: the well-known documents
 * live at the root of it (RFC 9728, RFC 8414), so a server behind a path prefix
 * (https://example.com/tools) would announce URLs it does not answer.
 */
export function publicUrlProblem(publicUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(publicUrl);
  } catch {
    return `not a URL (${JSON.stringify(publicUrl)})`;
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) return `must be https (got ${url.protocol}//${url.host}); plain http only on loopback`;
  if (url.pathname !== '/') return `must be an origin without a path (got ${url.pathname.replace(/\/+$/, '')}): serve the MCP server at the root of its own host (a subdomain such as https://mcp.example.com), not under a path prefix`;
  if (url.search || url.hash || url.username || url.password) return 'must not have a query, fragment or credentials';
  return undefined;
}
