/**
 * Express mount (issue 10): `mcp-gen init` in an Express app scaffolds src/mcp/express.ts and adds
 * `app.use('/mcp', mcp)` to the entry; the app, started as its users start it, serves MCP with
 * keys, row scoping, toolset paths and the Host/Origin checks. Express 5 with `express.json()` in
 * front (the parsed body is handed over), Express 4 without a body parser (the raw body is streamed).
 * Express 5 with `init --auth oauth`: `app.use(mcpAuthRoutes)` serves the OAuth endpoints at the
 * app's root, and the official SDK client's whole OAuth flow runs through the app.
 */
import { expect, it } from 'vitest';
import { bearer } from '../e2e/scoping/rpc.js';
import { describeMount, expectOAuthFlow, post } from './mount.js';

const entry = (json: boolean) => `import express from 'express';
import type { AddressInfo } from 'node:net';

const app = express();
${json ? 'app.use(express.json());\n' : ''}// The app's session (a toy): the cookie names the signed-in user.
app.use((req, _res, next) => {
  const sid = /sid=(\\d+)/.exec(req.headers.cookie ?? '')?.[1];
  if (sid) Object.assign(req, { session: { user: { id: Number(sid) } } });
  next();
});

app.get('/hello', (_req, res) => {
  res.json({ hello: 'world' });
});

const server = app.listen(Number(process.env.PORT ?? 3000), '127.0.0.1', () => {
  console.log(\`listening on http://127.0.0.1:\${(server.address() as AddressInfo).port}/mcp\`);
});
`;

describeMount({
  framework: 'express',
  oauth: true,
  dependencies: { express: '5.3.0' },
  entry: entry(true),
  extra: (ctx) => {
    // Registration posts JSON, which the app's express.json() parses before the mount: rebuilt from the parse.
    it('OAuth through the app: the SDK client discovers, registers, signs in, gets a token and calls tools as Ann', () => expectOAuthFlow(ctx().base, ctx().annKey));

    it('express.json() answers a body over its own limit (100 kB) before the mount', async () => {
      const { base, annKey } = ctx();
      const r = await post(base, '/mcp', { padding: 'x'.repeat(200_000) }, bearer(annKey.key));
      expect(r.status).toBe(413);
    });
  },
});

describeMount({
  framework: 'express',
  dependencies: { express: '4.22.3' },
  links: { express: 'express4' },
  entry: entry(false),
  extra: (ctx) => {
    it('Express 4 without a body parser: the handler reads the raw body under its own limit', async () => {
      const { base, annKey } = ctx();
      const r = await post(base, '/mcp', { padding: 'x'.repeat(1_100_000) }, bearer(annKey.key));
      expect(r.status).toBe(413);
      expect(JSON.parse(r.body)).toMatchObject({ jsonrpc: '2.0', error: { code: -32000 } });
    });
  },
});
