import { scaffoldMount } from './mount.js';
import { dependsOn, type Framework } from './types.js';

export const hono: Framework = {
  name: 'hono',
  detect: (pkg) => dependsOn(pkg, 'hono'),
  scaffold: (ctx) =>
    scaffoldMount(ctx, {
      title: 'Hono',
      module: 'hono',
      template: 'mount-hono.ts.hbs',
      fileName: 'hono.ts',
      exportName: 'mcp',
      // new Hono() or new Hono<{ Variables: … }>()
      isApp: (init, imported) => [...imported].some((name) => init.startsWith(`new ${name}(`) || init.startsWith(`new ${name}<`)),
      middleware: ['use'],
      routesLine: (app) => `${app}.use(mcpAuthRoutes);`,
      mountLine: (app) => `${app}.route('/mcp', mcp);`,
    }),
};
