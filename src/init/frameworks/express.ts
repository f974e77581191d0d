import { scaffoldMount, type MountSpec } from './mount.js';
import { dependsOn, type Framework } from './types.js';

const mountLine = (app: string) => `${app}.use('/mcp', mcp);`;
const routesLine = (app: string) => `${app}.use(mcpAuthRoutes);`;

const EXPRESS: MountSpec = {
  title: 'Express',
  module: 'express',
  template: 'mount-express.ts.hbs',
  fileName: 'express.ts',
  exportName: 'mcp',
  isApp: (init, imported) => [...imported].some((name) => init === `${name}()`),
  middleware: ['use', 'set', 'enable', 'disable', 'engine'],
  mountLine,
  routesLine,
};

/** NestJS on its default Express platform: the same middleware, mounted with the Nest app's `use`. */
const NEST: MountSpec = {
  ...EXPRESS,
  title: 'NestJS',
  module: '@nestjs/core',
  isApp: (init, imported) => imported.has('NestFactory') && /^await NestFactory\.create\b/.test(init),
  middleware: ['use', 'set', 'enableCors', 'setGlobalPrefix', 'useBodyParser', 'useGlobalPipes', 'useGlobalFilters', 'useGlobalGuards', 'useGlobalInterceptors'],
};

export const express: Framework = {
  name: 'express',
  detect: (pkg) => dependsOn(pkg, 'express') || dependsOn(pkg, '@nestjs/platform-express'),
  scaffold: (ctx) => scaffoldMount(ctx, dependsOn(ctx.pkg, '@nestjs/platform-express') ? NEST : EXPRESS),
};
