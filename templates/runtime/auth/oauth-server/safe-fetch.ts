// Fetches a client ID metadata document without letting a client point the server at its own
// network (SSRF): https only, every resolved address checked at connect time (so DNS rebinding
// between a check and the connection is not possible), no redirects, a size and a time limit.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request } from 'node:https';
import { BlockList, isIP } from 'node:net';

const PRIVATE = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) PRIVATE.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['64:ff9b::', 96]] as const) PRIVATE.addSubnet(net, prefix, 'ipv6');

export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return PRIVATE.check(mapped[1], 'ipv4');
  return PRIVATE.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

export class FetchRefused extends Error {}

export interface SafeFetchOptions {
  readonly allowPrivateAddresses: boolean;
  readonly timeoutMs: number;
  readonly maxBytes: number;
}

export function fetchJson(url: URL, opts: SafeFetchOptions): Promise<unknown> {
  if (url.protocol !== 'https:') return Promise.reject(new FetchRefused('the document must be served over https'));
  if (url.username || url.password) return Promise.reject(new FetchRefused('the URL must not carry credentials'));
  const literal = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(literal) && !opts.allowPrivateAddresses && isPrivateAddress(literal)) {
    return Promise.reject(new FetchRefused('the document is on a private or loopback address'));
  }
  const lookup = (host: string, options: object, callback: (err: Error | null, address: string | LookupAddress[], family?: number) => void) => {
    dnsLookup(host, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '');
      const list = addresses as LookupAddress[];
      if (!opts.allowPrivateAddresses && list.some((a) => isPrivateAddress(a.address))) {
        return callback(new FetchRefused('the document\'s host resolves to a private or loopback address'), '');
      }
      if ((options as { all?: boolean }).all) return callback(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', headers: { accept: 'application/json' }, lookup, timeout: opts.timeoutMs }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
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
        try {
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        } catch {
          reject(new FetchRefused('the document is not JSON'));
        }
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new FetchRefused(`no answer within ${opts.timeoutMs} ms`)));
    req.on('error', (e) => reject(e instanceof FetchRefused ? e : new FetchRefused(`could not fetch it (${e.message.split('\n')[0]})`)));
    req.end();
  });
}
