// DNS-rebinding and cross-site defences: which Host headers and browser Origins may reach the
// server. Loopback names are always accepted (any port); everything else must be listed. This is
// the one loopback test of the server: /mcp, the OAuth endpoints and the well-known documents use it.
import { isIPv4 } from 'node:net';

/**
 * A loopback hostname, parsed, never prefix-matched: exactly `localhost`, an IPv4 literal in
 * 127.0.0.0/8, or `[::1]` / `::1`. `127.evil.example` and `127.0.0.1.evil.example` are names a
 * web page can rebind to this machine, so they are not loopback.
 */
export function isLoopback(host: string): boolean {
  const h = host.toLowerCase();
  if (h === 'localhost' || h === '[::1]' || h === '::1') return true;
  return isIPv4(h) && h.split('.')[0] === '127';
}

/** A peer IP address on this machine (`::ffff:127.0.0.1` is how a dual-stack socket reports IPv4 loopback). */
export function isLoopbackAddress(address: string): boolean {
  const ip = address.toLowerCase().replace(/^::ffff:/, '');
  return ip === '::1' || (isIPv4(ip) && ip.split('.')[0] === '127');
}

/**
 * A request whose Host this server will not name itself by (a listed host without a public URL):
 * answered 421 Misdirected Request, never 500.
 */
export class HostRefused extends Error {}

/** A comma-separated environment variable as a list (empty when unset). */
export function envList(name: string): string[] {
  return (process.env[name] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

/** The hostname of a Host header (`[::1]:3000` → `[::1]`); undefined when it is not `host[:port]`. */
function hostname(hostHeader: string): string | undefined {
  const m = /^(\[[0-9a-f:.]+\]|[a-z0-9._~%!$&'()*+,;=-]+)(?::(\d{1,5}))?$/.exec(hostHeader);
  return m?.[1];
}

/** Host header check. A listed entry without a port (behind a proxy) matches any port. Malformed headers fail. */
export function hostChecker(allowed: readonly string[]): (hostHeader: string | null) => boolean {
  const hosts = new Set(allowed.map((h) => h.toLowerCase()));
  return (header) => {
    const host = (header ?? '').toLowerCase();
    const name = hostname(host);
    return name !== undefined && (isLoopback(name) || hosts.has(host) || hosts.has(name));
  };
}

/** Origin check: loopback http(s) origins and the listed ones. No Origin header (non-browser) passes. */
export function originChecker(allowed: readonly string[]): (origin: string | null) => boolean {
  const origins = new Set(allowed.map((o) => o.toLowerCase()));
  return (origin) => {
    if (origin === null) return true;
    if (origins.has(origin.toLowerCase())) return true;
    try {
      const url = new URL(origin);
      return (url.protocol === 'http:' || url.protocol === 'https:') && isLoopback(url.hostname);
    } catch {
      return false;
    }
  };
}
