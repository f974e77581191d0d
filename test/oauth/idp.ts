// A real OpenID provider for the tests (oidc-provider from npm), issuing JWT access tokens with an
// audience (RFC 8707 resource indicators) through client_credentials. Client `<name>-app` gets the
// `email` claim `<name>@example.com`; `short-app` tokens live one second.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';

export interface TestIdp {
  readonly issuer: string;
  token(client: string, resource: string, scope?: string): Promise<string>;
  close(): Promise<void>;
}

const CLIENTS = ['alice-app', 'ann-app', 'bob-app', 'nobody-app', 'short-app'];
const secret = (id: string) => `${id}-secret-0123456789abcdef`;

export async function startIdp(): Promise<TestIdp> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: CLIENTS.map((id) => ({ client_id: id, client_secret: secret(id), grant_types: ['client_credentials'], redirect_uris: [], response_types: [] })),
    jwks: { keys: [jwk] },
    features: {
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        getResourceServerInfo: (ctx: { oidc: { client?: { clientId: string } } }, resource: string) => ({
          scope: 'read write notes:read notes:write',
          audience: resource,
          accessTokenFormat: 'jwt',
          accessTokenTTL: ctx.oidc.client?.clientId === 'short-app' ? 1 : 300,
          jwt: { sign: { alg: 'RS256' } },
        }),
      },
    },
    extraTokenClaims: (_ctx: unknown, token: { clientId?: string }) => {
      const name = (token.clientId ?? '').replace(/-app$/, '');
      return { email: name === 'short' ? 'alice@example.com' : `${name}@example.com` };
    },
  } as never);
  server.on('request', provider.callback());
  return {
    issuer,
    async token(client, resource, scope = 'read') {
      const res = await fetch(`${issuer}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${client}:${secret(client)}`).toString('base64')}` },
        body: new URLSearchParams({ grant_type: 'client_credentials', resource, scope }).toString(),
      });
      const body = (await res.json()) as { access_token?: string };
      if (!body.access_token) throw new Error(`no token: ${JSON.stringify(body)}`);
      return body.access_token;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
