/**
 * Fastify mount (issue 10): `mcp-gen init` in a Fastify app scaffolds src/mcp/fastify.ts (a
 * plugin) and adds `app.register(mcp, { prefix: '/mcp' })`; Fastify parses the body itself. With
 * `--auth oauth`, also `app.register(mcpAuthRoutes)`: the OAuth endpoints at the app's root.
 */
import { expect, it } from 'vitest';
import { bearer } from '../e2e/scoping/rpc.js';
import { describeMount, post } from './mount.js';

describeMount({
  framework: 'fastify',
  oauth: true,
  dependencies: { fastify: '5.12.8' },
  entry: `import Fastify from 'fastify';

const app = Fastify();
// The app's session (a toy): the cookie names the signed-in user.
app.addHook('onRequest', async (request) => {
  const sid = /sid=(\\d+)/.exec(request.headers.cookie ?? '')?.[1];
  if (sid) Object.assign(request, { session: { user: { id: Number(sid) } } });
});

app.get('/hello', async () => ({ hello: 'world' }));

const address = await app.listen({ port: Number(process.env.PORT ?? 3000), host: '127.0.0.1' });
console.log(\`listening on \${address}/mcp\`);
`,
  extra: (ctx) => {
    it('Fastify answers other content types (415) and bodies over its limit (413) on the MCP routes', async () => {
      const { base, annKey } = ctx();
      expect((await post(base, '/mcp', { contentType: 'text/plain', body: 'hello' }, bearer(annKey.key))).status).toBe(415);
      expect((await post(base, '/mcp', { padding: 'x'.repeat(1_100_000) }, bearer(annKey.key))).status).toBe(413);
      expect((await post(base, '/mcp', {}, bearer(annKey.key))).status).toBe(200);
    });
  },
});
