import { dependsOn, type Framework } from './types.js';

export const express: Framework = {
  name: 'express',
  detect: (pkg) => dependsOn(pkg, 'express'),
  scaffold: async () => ({ files: [], note: [] }),
};
