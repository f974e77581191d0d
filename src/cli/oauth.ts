/**
 * `mcp-gen oauth clients|revoke`: flags → src/oauth/commands → printed result. The project's
 * database is opened the way `keys` opens it.
 */
import type { Command } from 'commander';

async function withDb<T>(root: string, config: string | undefined, fn: (db: unknown, lib: typeof import('../oauth/commands.js')) => Promise<T>): Promise<T> {
  const [{ openKeysProject }, lib] = await Promise.all([import('../keys/project.js'), import('../oauth/commands.js')]);
  const project = await openKeysProject(root, config);
  try {
    return await fn(project.db, lib);
  } finally {
    await project.close();
  }
}

export function registerOAuth(program: Command, root: () => string, done: (code: number) => void): void {
  const oauth = program.command('oauth').description('OAuth clients and grants of the built-in authorization server (needs DATABASE_URL)');
  oauth
    .command('clients')
    .description('list clients, with the users who granted them access and the scopes')
    .option('--json', 'print JSON')
    .option('--config <file>', 'config file')
    .action(async (o) => {
      await withDb(root(), o.config, async (db, { listClients, formatClients }) => {
        const rows = await listClients(db);
        console.log(o.json ? JSON.stringify(rows, null, 2) : formatClients(rows));
      });
      done(0);
    });
  oauth
    .command('revoke <clientOrGrant>')
    .description('revoke a client (all its grants) or one grant; its tokens stop working on the next request')
    .option('--config <file>', 'config file')
    .action(async (id: string, o) => {
      await withDb(root(), o.config, async (db, { revokeClientOrGrant }) => console.log(await revokeClientOrGrant(db, id)));
      done(0);
    });
}
