/**
 * Web frameworks `init` can mount the MCP server into. Each one detects itself from package.json
 * and scaffolds a user-owned mount file (written once, never overwritten) plus the line the user
 * adds to their app, which `init` adds itself when the app's entry makes it unambiguous.
 * To support another framework: one file here exporting a `Framework`, one line in FRAMEWORKS.
 */
import type { Framework, PackageJson } from './types.js';
import { express } from './express.js';
import { fastify } from './fastify.js';
import { hono } from './hono.js';
import { next } from './next.js';

export type { Framework, PackageJson, Scaffold, ScaffoldContext } from './types.js';
export { dependsOn } from './types.js';

export const FRAMEWORKS: readonly Framework[] = [express, fastify, hono, next];

/** The frameworks package.json lists, in FRAMEWORKS order. */
export function detectFrameworks(pkg: PackageJson): Framework[] {
  return FRAMEWORKS.filter((f) => f.detect(pkg));
}
