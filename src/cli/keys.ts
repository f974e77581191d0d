/**
 * `mcp-gen keys create|list|revoke`: flags → the keys library → printed result. The library
 * (config, schema, database) is imported only when a keys command runs.
 */
import type { Command } from 'commander';
import type { KeysProject } from '../keys/project.js';

type KeysLib = typeof import('../keys/commands.js') & typeof import('../keys/format.js');

async function withProject<T>(root: string, config: string | undefined, fn: (p: KeysProject, lib: KeysLib) => Promise<T>): Promise<T> {
  const [{ openKeysProject }, commands, format] = await Promise.all([
    import('../keys/project.js'),
    import('../keys/commands.js'),
    import('../keys/format.js'),
  ]);
  const project = await openKeysProject(root, config);
  try {
    return await fn(project, { ...commands, ...format });
  } finally {
    await project.close();
  }
}

export function registerKeys(program: Command, root: () => string, done: (code: number) => void): void {
  const keys = program.command('keys').description('create, list and revoke API keys (needs DATABASE_URL)');
  keys
    .command('create')
    .description('create a key for a user; the raw key is printed once')
    .requiredOption('--user <id or email>', 'the user the key acts as')
    .option('--name <name>', 'a label for the key', 'default')
    .option('--scopes <list>', 'comma-separated: read, write, <toolset>:read, <toolset>:write', 'read')
    .option('--expires-in <duration>', 'e.g. 90d, 12h, 30m (default: never)')
    .option('--json', 'print { "key", "id", "prefix" } as JSON')
    .option('--config <file>', 'config file')
    .action(async (o) => {
      await withProject(root(), o.config, async (p, { createKey, createdKeyJson, formatCreatedKey }) => {
        const created = await createKey(
          p.db,
          { user: o.user, name: o.name, scopes: String(o.scopes).split(','), expiresIn: o.expiresIn, toolsets: p.toolsets },
          p.model,
        );
        console.log(o.json ? createdKeyJson(created) : formatCreatedKey(created));
      });
      done(0);
    });
  keys
    .command('list')
    .description('list keys (never shows a raw key)')
    .option('--user <id or email>', 'only this user')
    .option('--json', 'print JSON')
    .option('--config <file>', 'config file')
    .action(async (o) => {
      await withProject(root(), o.config, async (p, { listKeys, keyRowsJson, formatKeyTable }) => {
        const rows = await listKeys(p.db, { user: o.user }, p.model);
        console.log(o.json ? keyRowsJson(rows) : formatKeyTable(rows));
      });
      done(0);
    });
  keys
    .command('revoke <idOrPrefix>')
    .description('revoke a key by id or prefix; refused from the next request on')
    .option('--config <file>', 'config file')
    .action(async (idOrPrefix: string, o) => {
      await withProject(root(), o.config, async (p, { formatRevoked, revokeKey }) =>
        console.log(formatRevoked(await revokeKey(p.db, idOrPrefix, p.model))),
      );
      done(0);
    });
}
