/**
 * `generator mcp { provider = "mcp-gen" }` in the Prisma schema: every `prisma generate` also
 * regenerates the MCP server. Prisma runs the provider as a command (our bin, with
 * PRISMA_GENERATOR_INVOCATION set) and drives it over stdio with JSON-RPC, which
 * `@prisma/generator-helper` speaks; stderr is the protocol channel, stdout the user's terminal.
 * The run is `mcp-gen generate` itself: same config, same files, same messages and errors.
 */
import path from 'node:path';
import helper from '@prisma/generator-helper';
import type { GeneratorConfig } from '@prisma/generator';
import { loadConfig } from '../config/load.js';
import { generateCommand } from './generate.js';
import { preferBaselineWasm } from './wasm.js';

/**
 * Project root and config file for a generator block: the working directory, as for the CLI, or
 * the folder of the block's `config` (a path relative to the schema file, like Prisma's `output`).
 */
export function generatorTarget(block: Pick<GeneratorConfig, 'config' | 'sourceFilePath' | 'isCustomOutput'>, cwd: string): { root: string; config?: string } {
  const where = `generator block in ${path.relative(cwd, block.sourceFilePath) || block.sourceFilePath}`;
  if (block.isCustomOutput) throw new Error(`${where}: remove \`output\`; mcp-gen writes where mcp-gen.config.ts \`output\` says`);
  const unknown = Object.keys(block.config).filter((k) => k !== 'config');
  if (unknown.length > 0) throw new Error(`${where}: unknown option ${unknown.map((k) => `"${k}"`).join(', ')} (known: config)`);
  const config = block.config.config;
  if (config === undefined) return { root: cwd };
  if (typeof config !== 'string') throw new Error(`${where}: \`config\` must be one path, e.g. config = "../mcp-gen.config.ts"`);
  const file = path.resolve(path.dirname(block.sourceFilePath), config);
  return { root: path.dirname(file), config: path.basename(file) };
}

/** Serves one Prisma generator session. MCP_GEN_CHECK=1 makes it `mcp-gen generate --check`. */
export function servePrismaGenerator(): void {
  preferBaselineWasm();
  helper.generatorHandler({
    // Prisma insists on an output folder for its "Generated ... to" line: the config's.
    onManifest: async (block) => {
      const target = generatorTarget(block, process.cwd());
      const { config } = await loadConfig(target.root, target.config);
      return { prettyName: 'MCP server (mcp-gen)', defaultOutput: path.resolve(target.root, config.output) };
    },
    onGenerate: async (options) => {
      const target = generatorTarget(options.generator, process.cwd());
      const code = await generateCommand({ ...target, check: process.env.MCP_GEN_CHECK === '1' });
      if (code !== 0) throw new Error('the MCP server is out of date (MCP_GEN_CHECK=1): run `npx prisma generate` or `npx mcp-gen generate`');
    },
  });
}
