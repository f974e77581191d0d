import { dependsOn, type Framework } from './types.js';

export const fastify: Framework = {
  name: 'fastify',
  detect: (pkg) => dependsOn(pkg, 'fastify'),
  scaffold: async () => ({ files: [], note: [] }),
};
