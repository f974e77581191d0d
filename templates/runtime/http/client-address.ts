// Who is on the other end, behind reverse proxies. Per-address rate limits, the OAuth endpoints'
// limits and `auth: 'none'`'s this-machine-only rule read the client's address; behind a proxy
// (a load balancer, Fly, Railway, nginx) the connection comes from the proxy, and the client is
// named in X-Forwarded-For. That header is believed only as far as the proxies you list: each
// appends the address it received from, so the answer is the right-most hop that is not one of
// them. Anything left of it was written by the client and can be forged.
import { BlockList, isIP } from 'node:net';

/** Resolves the client's address from the peer's and X-Forwarded-For. */
export type ClientAddress = (peer: string | undefined, forwardedFor: string | null) => string | undefined;

/**
 * `trusted`: proxy addresses and CIDR ranges (`10.0.0.0/8`, `fd00::/8`, `127.0.0.1`); `*` trusts
 * whichever peer connects (a platform whose proxy is the only way in), and then only the hop it
 * appended. Empty: the peer's address, X-Forwarded-For ignored.
 */
export function clientAddress(trusted: readonly string[]): ClientAddress {
  if (trusted.length === 0) return (peer) => peer;
  const anyPeer = trusted.includes('*');
  const listed = new BlockList();
  for (const entry of trusted) if (entry !== '*') addEntry(listed, entry);
  const isListed = (address: string) => listed.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');

  return (peer, forwardedFor) => {
    const from = peer === undefined ? undefined : bare(peer);
    // A peer that is not a proxy of yours is the client, whatever headers it sends.
    if (from !== undefined ? !(anyPeer || isListed(from)) : !anyPeer) return from;
    const hops = (forwardedFor ?? '').split(',').map((hop) => bare(hop.trim()));
    for (let i = hops.length - 1; i >= 0; i--) {
      const hop = hops[i]!;
      if (!isIP(hop)) return from; // garbage: nothing to the left of it can be believed either
      if (i === 0 || !isListed(hop)) return hop;
    }
    return from;
  };
}

/** An address without a port, brackets or IPv4-mapped prefix (`[::1]:80` → `::1`, `::ffff:1.2.3.4` → `1.2.3.4`). */
function bare(address: string): string {
  let a = address;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(a);
  if (bracketed) a = bracketed[1]!;
  else if (/^\d{1,3}(?:\.\d{1,3}){3}:\d+$/.test(a)) a = a.slice(0, a.lastIndexOf(':'));
  return a.toLowerCase().replace(/^::ffff:(?=\d{1,3}(?:\.\d{1,3}){3}$)/, '');
}

function addEntry(list: BlockList, entry: string): void {
  const [address = '', prefix] = entry.trim().split('/');
  const family = isIP(address);
  const bits = prefix === undefined ? undefined : Number(prefix);
  const max = family === 6 ? 128 : 32;
  if (family === 0 || (bits !== undefined && !(Number.isInteger(bits) && bits >= 0 && bits <= max))) {
    throw new Error(`trusted proxy "${entry}" (trustedProxies, MCP_TRUSTED_PROXIES) is not an IP address or CIDR range, nor "*"`);
  }
  const type = family === 6 ? 'ipv6' : 'ipv4';
  if (bits === undefined) list.addAddress(address, type);
  else list.addSubnet(address, bits, type);
}
