import { dependsOn, type Framework } from './types.js';

export const hono: Framework = {
  name: 'hono',
  detect: (pkg) => dependsOn(pkg, 'hono'),
  scaffold: async () => ({ files: [], note: [] }),
};
