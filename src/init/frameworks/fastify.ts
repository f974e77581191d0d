import { scaffoldMount } from './mount.js';
import { dependsOn, type Framework } from './types.js';

export const fastify: Framework = {
  name: 'fastify',
  detect: (pkg) => dependsOn(pkg, 'fastify'),
  scaffold: (ctx) =>
    scaffoldMount(ctx, {
      title: 'Fastify',
      module: 'fastify',
      template: 'mount-fastify.ts.hbs',
      fileName: 'fastify.ts',
      exportName: 'mcp',
      // Fastify() or Fastify({ logger: true })
      isApp: (init, imported) => [...imported].some((name) => init.startsWith(`${name}(`)),
      middleware: ['register', 'addHook', 'decorate', 'decorateRequest', 'decorateReply', 'addContentTypeParser', 'setErrorHandler'],
      routesLine: (app) => `${app}.register(mcpAuthRoutes);`,
      mountLine: (app) => `${app}.register(mcp, { prefix: '/mcp' });`,
    }),
};
