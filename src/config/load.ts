/** Finds and imports `mcp-gen.config.ts` (TypeScript via jiti), then validates it. */
import { existsSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createJiti } from 'jiti';
import { ConfigError } from './errors.js';
import type { ResolvedConfig } from './types.js';
import { validateConfig } from './validate.js';

export const CONFIG_FILES = ['mcp-gen.config.ts', 'mcp-gen.config.mts', 'mcp-gen.config.js', 'mcp-gen.config.mjs'] as const;

function findConfig(root: string, file: string | undefined): string {
  if (file !== undefined) {
    const abs = isAbsolute(file) ? file : resolve(root, file);
    if (!existsSync(abs)) throw new ConfigError([], `config file not found: ${abs}`);
    return abs;
  }
  for (const name of CONFIG_FILES) {
    const abs = resolve(root, name);
    if (existsSync(abs)) return abs;
  }
  throw new ConfigError(
    [],
    `no mcp-gen.config.ts in ${root} (also looked for ${CONFIG_FILES.slice(1).join(', ')}); run \`npx mcp-gen init\` to create one`,
  );
}

/**
 * `import { defineConfig } from 'mcp-gen'` resolves to our own (tiny) define module, so a config
 * loads even under `npx mcp-gen` without a local install, and without transpiling all of mcp-gen.
 */
function selfEntry(): string {
  const js = fileURLToPath(new URL('./define.js', import.meta.url));
  return existsSync(js) ? js : fileURLToPath(new URL('./define.ts', import.meta.url));
}

/**
 * Loads and validates the config. `path` in the result is absolute; error lines name the file
 * relative to `root`.
 */
export async function loadConfig(root: string, file?: string): Promise<{ config: ResolvedConfig; path: string }> {
  const path = findConfig(root, file);
  const shown = relative(root, path) || path;
  // A fresh jiti per call without its module cache: a second load in one process sees edits.
  // Its file cache (keyed by content) spares the next run the TypeScript transform and Babel's load.
  const jiti = createJiti(import.meta.url, {
    moduleCache: false,
    alias: { 'mcp-gen': selfEntry() },
  });
  let raw: unknown;
  try {
    raw = await jiti.import(path, { default: true });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError([], `${shown}: could not load the config: ${reason}`);
  }
  return { config: validateConfig(raw, shown), path };
}
