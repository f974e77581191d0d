// Where public URLs come from. With auth.publicUrl (or MCP_PUBLIC_URL) set, from there. Without
// it, from the request, and a Host header is the client's to choose: only a loopback origin
// (development) is trusted to name the issuer and the resource.

export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

export function loopbackOrigin(request: Request): string {
  const url = new URL(request.url);
  if (!isLoopbackHost(url.hostname)) throw new Error('mcp oauth: set auth.publicUrl (or MCP_PUBLIC_URL) to serve OAuth on a non-loopback host');
  return url.origin;
}
