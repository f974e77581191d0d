import { scaffoldMount } from './mount.js';
import { dependsOn, type Framework } from './types.js';

export const express: Framework = {
  name: 'express',
  detect: (pkg) => dependsOn(pkg, 'express'),
  scaffold: (ctx) =>
    scaffoldMount(ctx, {
      module: 'express',
      template: 'mount-express.ts.hbs',
      fileName: 'express.ts',
      exportName: 'mcp',
      isApp: (init, imported) => [...imported].some((name) => init === `${name}()`),
      middleware: ['use', 'set', 'enable', 'disable', 'engine'],
      mountLine: (app) => `${app}.use('/mcp', mcp);`,
    }),
};
