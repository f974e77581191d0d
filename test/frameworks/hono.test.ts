/**
 * Hono mount (issue 10): `mcp-gen init` in a Hono app (on @hono/node-server) scaffolds
 * src/mcp/hono.ts (a sub-app) and adds `app.route('/mcp', mcp)`.
 */
import { describeMount } from './mount.js';

describeMount({
  framework: 'hono',
  dependencies: { hono: '4.13.19', '@hono/node-server': '2.1.8' },
  entry: `import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono();

app.get('/hello', (c) => c.json({ hello: 'world' }));

serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 3000), hostname: '127.0.0.1' }, (info) => {
  console.log(\`listening on http://127.0.0.1:\${info.port}/mcp\`);
});
`,
});
