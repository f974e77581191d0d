import type { McpGenConfig } from './types.js';

/** Identity function: gives `mcp-gen.config.ts` its types and editor help. */
export function defineConfig(config: McpGenConfig): McpGenConfig {
  return config;
}
