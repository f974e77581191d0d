// Redirect URIs: which ones a client may register, and the exact match an authorization request
// needs (with RFC 8252 §7.3's one exception: a native app's loopback redirect may use any port).
import { isLoopbackHost } from './options.js';

/** Why a redirect URI cannot be registered, or undefined when it can. */
export function redirectUriProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `not an absolute URL: ${JSON.stringify(value.slice(0, 200))}`;
  }
  if (url.hash || value.includes('#')) return 'must not have a fragment';
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:') return isLoopbackHost(url.hostname) ? undefined : 'plain http is allowed only for loopback addresses (RFC 8252)';
  // Private-use schemes of native apps are reverse domain names (RFC 8252 §7.1).
  if (/^[a-z][a-z0-9+.-]*\.[a-z0-9+.-]+:$/.test(url.protocol)) return undefined;
  if (url.protocol === 'javascript:' || url.protocol === 'data:' || url.protocol === 'file:') return `the ${url.protocol} scheme is never allowed`;
  return 'expected https, http on loopback, or a reverse-domain private-use scheme';
}

/** Exact string match; loopback http URIs match whatever port the native app listens on. */
export function redirectUriMatches(registered: readonly string[], requested: string): boolean {
  if (registered.includes(requested)) return true;
  let asked: URL;
  try {
    asked = new URL(requested);
  } catch {
    return false;
  }
  if (asked.protocol !== 'http:' || !isLoopbackHost(asked.hostname)) return false;
  return registered.some((r) => {
    try {
      const reg = new URL(r);
      return reg.protocol === 'http:' && isLoopbackHost(reg.hostname) && withoutPort(reg) === withoutPort(asked);
    } catch {
      return false;
    }
  });
}

function withoutPort(url: URL): string {
  const copy = new URL(url.href);
  copy.port = '';
  return copy.href;
}
