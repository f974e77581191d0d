// An https server on 127.0.0.1 with its own CA (made by openssl here; the server under test trusts
// it through NODE_EXTRA_CA_CERTS) that answers a client ID metadata document one byte at a time,
// and counts the connections still open.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface TrickleHost {
  readonly origin: string;
  /** The CA certificate, for NODE_EXTRA_CA_CERTS. */
  readonly caFile: string;
  /** Connections open right now. */
  open(): number;
  /** Connections accepted so far. */
  accepted(): number;
  close(): Promise<void>;
}

export async function startTrickleHost(byteEveryMs = 400): Promise<TrickleHost> {
  const dir = mkdtempSync(path.join(tmpdir(), 'mcp-trickle-'));
  const f = (name: string) => path.join(dir, name);
  const ssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'ignore' });
  ssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', f('ca.key'), '-out', f('ca.pem'), '-days', '1', '-subj', '/CN=mcp-gen test CA');
  ssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', f('leaf.key'), '-out', f('leaf.csr'), '-subj', '/CN=127.0.0.1');
  writeFileSync(f('leaf.ext'), 'subjectAltName=IP:127.0.0.1\n');
  ssl('x509', '-req', '-in', f('leaf.csr'), '-CA', f('ca.pem'), '-CAkey', f('ca.key'), '-CAcreateserial', '-out', f('leaf.pem'), '-days', '1', '-extfile', f('leaf.ext'));
  const sockets = new Set<Socket>();
  let accepted = 0;
  const timers = new Set<NodeJS.Timeout>();
  const server: Server = createServer({ key: readFileSync(f('leaf.key')), cert: readFileSync(f('leaf.pem')) }, (req, res) => {
    const doc = Buffer.from(JSON.stringify({ client_id: `${origin}${req.url}`, client_name: 'Trickle', redirect_uris: ['http://127.0.0.1:33418/callback'] }).padEnd(4000, ' '));
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(doc.length) });
    let at = 0;
    const timer = setInterval(() => {
      if (res.destroyed || at >= doc.length) return void clearInterval(timer);
      res.write(doc.subarray(at, ++at));
    }, byteEveryMs);
    timers.add(timer);
  });
  server.on('secureConnection', (socket: Socket) => {
    accepted++;
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    caFile: f('ca.pem'),
    open: () => sockets.size,
    accepted: () => accepted,
    async close() {
      for (const t of timers) clearInterval(t);
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
