/**
 * The CLI: each command maps flags to options, calls one library function and prints.
 * A command's modules are imported when it runs, so `generate` never loads what only `init`
 * (Handlebars) or `keys` need: a cold start is most of a CLI run.
 */
import { Command, CommanderError } from 'commander';
import pc from 'picocolors';
import { VERSION } from '../version.js';
import { registerKeys } from './keys.js';
import { registerOAuth } from './oauth.js';
import { preferBaselineWasm } from './wasm.js';

export async function run(argv: readonly string[]): Promise<number> {
  preferBaselineWasm();
  const program = new Command('mcp-gen')
    .version(VERSION)
    .description('Generate a hosted MCP server from your Prisma schema')
    .option('--cwd <dir>', 'project root', process.cwd())
    .exitOverride();
  let code = 0;
  const root = () => program.opts<{ cwd: string }>().cwd;
  program
    .command('generate')
    .description('write the MCP server into the output folder')
    .option('--check', 'exit 1 if the output is stale, missing files or has orphans; write nothing')
    .option('--dry-run', 'list what would change; write nothing')
    .option('--config <file>', 'config file (default mcp-gen.config.ts)')
    .option('--schema <path>', 'Prisma schema file or folder (overrides the config)')
    .action(async (o) => {
      const { generateCommand } = await import('./generate.js');
      code = await generateCommand({ root: root(), ...o });
    });
  program
    .command('init')
    .description('set up mcp-gen in this project (never overwrites a file), then generate')
    .option('-y, --yes', 'answer every question with its default')
    .option('--no-install', 'do not run the package manager')
    .option('--no-prisma-generator', 'do not add `generator mcp` to the schema (it makes `prisma generate` regenerate the server)')
    .option('--schema <path>', 'Prisma schema file or folder')
    .option('--auth <mode>', 'api-keys (default when a user model is found), oauth (API keys + OAuth for Claude/ChatGPT connectors) or none')
    .option('--user-model <model>', 'the model that holds your users')
    .action(async (o) => {
      const { initCommand } = await import('./init.js');
      code = await initCommand({ root: root(), ...o });
    });
  registerKeys(program, root, (c) => (code = c));
  registerOAuth(program, root, (c) => (code = c));
  try {
    await program.parseAsync(argv);
    return code;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    console.error(pc.red(`mcp-gen: ${err instanceof Error ? err.message : String(err)}`));
    if (process.env.MCP_GEN_DEBUG && err instanceof Error) console.error(err.stack);
    return 1;
  }
}
