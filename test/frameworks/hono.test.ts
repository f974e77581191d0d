/**
 * Hono mount (issue 10): `mcp-gen init` in a Hono app (on @hono/node-server) scaffolds
 * src/mcp/hono.ts (a sub-app) and adds `app.route('/mcp', mcp)`; with `--auth oauth`, also
 * `app.use(mcpAuthRoutes)`: the OAuth endpoints at the app's root.
 */
import { expect, it } from 'vitest';
import { bearer } from '../e2e/scoping/rpc.js';
import { describeMount, post } from './mount.js';

describeMount({
  framework: 'hono',
  oauth: true,
  dependencies: { hono: '4.13.19', '@hono/node-server': '2.1.8' },
  entry: `import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono<{ Variables: { user: { id: number } } }>();
// The app's session (a toy): the cookie names the signed-in user.
app.use(async (c, next) => {
  const sid = /sid=(\\d+)/.exec(c.req.header('cookie') ?? '')?.[1];
  if (sid) c.set('user', { id: Number(sid) });
  await next();
});
// The app's own middleware that reads the body before the mount (Hono caches the parse).
app.use(async (c, next) => {
  if (c.req.method === 'POST' && c.req.header('x-app-audit')) console.log('mcp call:', ((await c.req.json()) as { method?: string }).method);
  await next();
});

app.get('/hello', (c) => c.json({ hello: 'world' }));

serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 3000), hostname: '127.0.0.1' }, (info) => {
  console.log(\`listening on http://127.0.0.1:\${info.port}/mcp\`);
});
`,
  extra: (ctx) => {
    it('a body the app’s middleware already read is handed over (Hono’s cached parse)', async () => {
      const { base, annKey, project } = ctx();
      for (const path of ['/mcp', '/mcp/notes']) {
        const r = await post(base, path, {}, { ...bearer(annKey.key), 'x-app-audit': '1' });
        expect(r.status).toBe(200);
        expect(r.body).toContain('list_notes');
      }
      expect(project.server.output()).toContain('mcp call: tools/list');
      const bad = await post(base, '/mcp', { body: '{not json' }, { ...bearer(annKey.key), 'x-app-audit': '1' });
      expect(bad.status).toBe(500); // the app's own middleware throws on it, before the mount
    });
  },
});
