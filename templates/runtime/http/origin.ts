// DNS-rebinding and cross-site defences: which Host headers and browser Origins may reach the
// server. Loopback names are always accepted (any port); everything else must be listed.

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export function isLoopback(host: string): boolean {
  return LOOPBACK_HOSTS.has(host) || host.startsWith('127.');
}

/** A peer IP address on this machine (`::ffff:127.0.0.1` is how a dual-stack socket reports IPv4 loopback). */
export function isLoopbackAddress(address: string): boolean {
  const ip = address.toLowerCase().replace(/^::ffff:/, '');
  return ip === '::1' || ip.startsWith('127.');
}

/** A comma-separated environment variable as a list (empty when unset). */
export function envList(name: string): string[] {
  return (process.env[name] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

function hostname(hostHeader: string): string {
  return hostHeader.startsWith('[') ? hostHeader.slice(0, hostHeader.indexOf(']') + 1) : hostHeader.replace(/:\d+$/, '');
}

/** Host header check. A listed entry without a port (behind a proxy) matches any port. */
export function hostChecker(allowed: readonly string[]): (hostHeader: string | null) => boolean {
  const hosts = new Set(allowed.map((h) => h.toLowerCase()));
  return (header) => {
    const host = (header ?? '').toLowerCase();
    const name = hostname(host);
    return host !== '' && (isLoopback(name) || hosts.has(host) || hosts.has(name));
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
