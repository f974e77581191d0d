// Fetches a client ID metadata document without letting a client point the server at its own
// network (SSRF): https only, every resolved address checked at connect time (so DNS rebinding
// between a check and the connection is not possible), no redirects, a size limit, one deadline
// for the whole exchange (body included), aborted with the browser request that asked for it,
// and a cap on fetches running at once.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request } from 'node:https';
import { BlockList, isIP } from 'node:net';

const PRIVATE = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) PRIVATE.addSubnet(net, prefix, 'ipv4');
// IPv6 ranges that embed an IPv4 address are refused whole, whatever the address inside:
// IPv4-compatible (::/96, which holds :: and ::1), IPv4-mapped (::ffff:0:0/96), IPv4-translated
// (::ffff:0:0:0/96), NAT64 (64:ff9b::/96, 64:ff9b:1::/48), 6to4 (2002::/16) and Teredo (2001::/32).
for (const [net, prefix] of [
  ['::', 96], ['::ffff:0:0', 96], ['::ffff:0:0:0', 96], ['64:ff9b::', 96], ['64:ff9b:1::', 48], ['2002::', 16], ['2001::', 32],
  ['100::', 64], ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8],
] as const) PRIVATE.addSubnet(net, prefix, 'ipv6');

/** Loopback, private, link-local, multicast, reserved, or an IPv6 form that carries an IPv4 address; anything that is not an IP. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  return PRIVATE.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

/** A refusal whose message is ours, fit for the error page (never a network error's text). */
export class FetchRefused extends Error {}

export interface SafeFetchOptions {
  readonly allowPrivateAddresses: boolean;
  /** The whole fetch, connection to last byte. */
  readonly timeoutMs: number;
  readonly maxBytes: number;
  /** Fetches allowed at once in this process. @default 8 */
  readonly maxConcurrent?: number;
  /** Aborts the fetch: the incoming request's signal (the browser went away). */
  readonly signal?: AbortSignal;
}

let running = 0;

export async function fetchJson(url: URL, opts: SafeFetchOptions): Promise<unknown> {
  if (url.protocol !== 'https:') throw new FetchRefused('the document must be served over https');
  if (url.username || url.password) throw new FetchRefused('the URL must not carry credentials');
  const literal = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(literal) && !opts.allowPrivateAddresses && isPrivateAddress(literal)) {
    throw new FetchRefused('the document is on a private or loopback address');
  }
  if (opts.signal?.aborted) throw new FetchRefused('the request was abandoned');
  if (running >= (opts.maxConcurrent ?? 8)) throw new FetchRefused('too many client documents are being fetched right now; try again in a moment');
  running++;
  try {
    return await fetchOnce(url, opts);
  } finally {
    running--;
  }
}

function fetchOnce(url: URL, opts: SafeFetchOptions): Promise<unknown> {
  const lookup = (host: string, options: object, callback: (err: Error | null, address: string | LookupAddress[], family?: number) => void) => {
    dnsLookup(host, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(new FetchRefused('its host name could not be resolved'), '');
      const list = addresses as LookupAddress[];
      if (!opts.allowPrivateAddresses && list.some((a) => isPrivateAddress(a.address))) {
        return callback(new FetchRefused("the document's host resolves to a private or loopback address"), '');
      }
      if ((options as { all?: boolean }).all) return callback(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', headers: { accept: 'application/json' }, lookup, agent: false }, (res) => {
      if (res.statusCode !== 200) {
        req.destroy();
        return reject(new FetchRefused(`the document answered HTTP ${res.statusCode ?? '?'} (redirects are not followed)`));
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > opts.maxBytes) {
          req.destroy(new FetchRefused(`the document is larger than ${opts.maxBytes} bytes`));
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => {
        done();
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        } catch {
          reject(new FetchRefused('the document is not JSON'));
        }
      });
      res.on('error', () => undefined); // req's 'error' reports it
    });
    // One deadline for everything: a document trickling a byte at a time is cut off too.
    const deadline = setTimeout(() => req.destroy(new FetchRefused(`no complete answer within ${opts.timeoutMs} ms`)), opts.timeoutMs);
    const abandoned = () => req.destroy(new FetchRefused('the request was abandoned'));
    opts.signal?.addEventListener('abort', abandoned, { once: true });
    const done = () => {
      clearTimeout(deadline);
      opts.signal?.removeEventListener('abort', abandoned);
    };
    req.on('close', done);
    // Network errors (ENOTFOUND, EHOSTUNREACH…) name hosts and addresses: never shown.
    req.on('error', (e) => {
      done();
      reject(e instanceof FetchRefused ? e : new FetchRefused('it could not be fetched'));
    });
    req.end();
  });
}
