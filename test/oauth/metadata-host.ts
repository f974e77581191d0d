// Hosts client ID metadata documents over real https on 127.0.0.1, with a self-signed certificate
// made by openssl; the server under test trusts it through NODE_EXTRA_CA_CERTS.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface MetadataHost {
  readonly origin: string;
  /** PEM file of the certificate, for NODE_EXTRA_CA_CERTS. */
  readonly caFile: string;
  /** Serves `doc` at `path`; the client_id is its URL. */
  publish(pathname: string, doc: (clientId: string) => Record<string, unknown>): string;
  close(): Promise<void>;
}

export async function startMetadataHost(): Promise<MetadataHost> {
  const dir = mkdtempSync(path.join(tmpdir(), 'mcp-cimd-'));
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  const docs = new Map<string, Record<string, unknown>>();
  const server: Server = createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (req, res) => {
    const doc = docs.get(req.url ?? '');
    res.writeHead(doc ? 200 : 404, { 'content-type': 'application/json' }).end(JSON.stringify(doc ?? { error: 'not found' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    caFile: cert,
    publish(pathname, doc) {
      const clientId = origin + pathname;
      docs.set(pathname, doc(clientId));
      return clientId;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
