// The clinic project for the scoping matrix, built as a new user would: copy the fixture, `mcp-gen init`
// (adds McpApiKey), prisma generate, push, seed, keys through the real `mcp-gen keys` CLI, start the server.
import fs from 'node:fs/promises';
import path from 'node:path';
import { createScratchProject, removeScratch } from '../../helpers/scratch.js';
import { generatePrismaClient } from '../../helpers/prisma-generate.js';
import { pushSchema } from '../../helpers/push-schema.js';
import { freshDatabase, type TestDatabase } from '../../helpers/databases.js';
import { setDatasourceProvider } from '../../helpers/strip-datasource-urls.js';
import { startServer, type RunningServer } from '../../helpers/server.js';
import { mcpGen, REPO, tsx, type RunResult } from '../cli.js';
import { openSql, type Sql } from './sql.js';

export interface CreatedKey {
  readonly key: string;
  readonly id: string;
  readonly prefix: string;
}

export interface ClinicProject {
  readonly dir: string;
  readonly env: Record<string, string>;
  readonly server: RunningServer;
  readonly sql: Sql;
  /** Runs `mcp-gen <args>` in the project with DATABASE_URL set; throws on a non-zero exit. */
  cli(args: readonly string[]): Promise<RunResult>;
  createKey(user: string, extra?: readonly string[]): Promise<CreatedKey>;
  /** Sets a key's expiresAt one minute into the past through the project's own Prisma client. */
  expireKey(id: string): Promise<void>;
  /** Stdout of `mcp-gen init`. */
  readonly initOutput: string;
  close(): Promise<void>;
}

export interface ClinicOptions {
  /** `oauth`: `init --auth oauth` and OAuth in the config (issue 12). */
  readonly auth?: 'api-keys' | 'oauth';
  /** The `auth.oauth` value written into the config (source text). @default the built-in server */
  readonly oauthConfig?: string;
  /** Extra environment of the server process. */
  readonly serverEnv?: Record<string, string>;
  /** Runs in the new project before `mcp-gen init` (framework mounts: write the app's package.json and entry). */
  readonly prepare?: (dir: string) => Promise<void>;
  /** Runs after `mcp-gen init` and the client generation, before the server starts (edit a scaffolded file). */
  readonly afterInit?: (dir: string) => Promise<void>;
  /** The process to start instead of the standalone server (it prints "listening on http://…"). @default 'src/mcp/server.ts' */
  readonly entry?: string;
  /** The seed script (a `.mts` copy runs as ESM in a package without `"type": "module"`). @default 'prisma/seed.ts' */
  readonly seed?: string;
  /** How long the entry may take to print its "listening on" line (a framework build first). @default 30 s */
  readonly startTimeoutMs?: number;
}

/** The built-in OAuth server (metadata documents from loopback allowed: tests only). */
const BUILT_IN = "{ server: 'built-in', clientMetadataDocuments: { allowPrivateAddresses: true }, app: { name: 'Clinic' } }";

/** `mode: 'compact'` serves the same config through describe_models / query / mutate. */
export async function createClinicProject(database: TestDatabase, mode: 'full' | 'compact' = 'full', opts: ClinicOptions = {}): Promise<ClinicProject> {
  const dir = await createScratchProject(`clinic-${database.provider}-${mode}-${opts.auth ?? 'keys'}`, { fixtureDir: path.join(REPO, 'fixtures/clinic') });
  if (mode === 'compact') {
    const configFile = path.join(dir, 'mcp-gen.config.ts');
    const config = await fs.readFile(configFile, 'utf8');
    if (!config.includes('  auth: {')) throw new Error('the clinic config changed: cannot set mode');
    await fs.writeFile(configFile, config.replace('  auth: {', "  mode: 'compact',\n  auth: {"));
  }
  const schemaFile = path.join(dir, 'prisma/schema.prisma');
  if (opts.auth === 'oauth') {
    const configFile = path.join(dir, 'mcp-gen.config.ts');
    const config = await fs.readFile(configFile, 'utf8');
    const withOAuth = config.replace(
      "auth: { apiKeys: true, user: { model: 'User', info: ['id', 'email', 'name'] } },",
      `auth: { apiKeys: true, user: { model: 'User', info: ['id', 'email', 'name'] }, oauth: ${opts.oauthConfig ?? BUILT_IN} },`,
    );
    if (withOAuth === config) throw new Error('createClinicProject: the fixture config no longer has the expected auth line');
    await fs.writeFile(configFile, withOAuth);
  }
  if (database.provider !== 'sqlite') {
    await fs.writeFile(schemaFile, setDatasourceProvider(await fs.readFile(schemaFile, 'utf8'), database.provider));
  }
  const db = await freshDatabase(database.provider, dir);
  const env = { DATABASE_URL: db.url };
  let server: RunningServer | undefined;
  let sql: Sql | undefined;
  try {
    await opts.prepare?.(dir);
    const init = await mcpGen(['init', '--yes', '--no-install', ...(opts.auth === 'oauth' ? ['--auth', 'oauth'] : [])], dir);
    if (init.code !== 0) throw new Error(`mcp-gen init failed:\n${init.stdout}\n${init.stderr}`);
    await generatePrismaClient(dir, 'prisma/schema.prisma');
    const schema = await fs.readFile(schemaFile, 'utf8');
    await pushSchema({ files: [['prisma/schema.prisma', schema]], url: db.url, provider: database.provider });
    await tsx(opts.seed ?? 'prisma/seed.ts', dir, env);
    await opts.afterInit?.(dir);
    server = await startServer(dir, { env: { ...env, ...opts.serverEnv }, ...(opts.entry ? { entry: opts.entry } : {}), ...(opts.startTimeoutMs ? { timeoutMs: opts.startTimeoutMs } : {}) });
    sql = await openSql(database.provider, db.url);

    const cli = async (args: readonly string[]) => {
      const r = await mcpGen(args, dir, env);
      if (r.code !== 0) throw new Error(`mcp-gen ${args.join(' ')} failed (${r.code}):\n${r.stdout}\n${r.stderr}`);
      return r;
    };
    const expireScript = path.join(dir, 'expire-key.ts');
    await fs.writeFile(
      expireScript,
      "import { prisma } from './src/mcp/db.js';\n" +
        'await prisma.mcpApiKey.update({ where: { id: process.env.KEY_ID! }, data: { expiresAt: new Date(Date.now() - 60_000) } });\n' +
        'await prisma.$disconnect();\n',
    );
    const [s, q] = [server, sql];
    return {
      dir,
      env,
      server: s,
      sql: q,
      initOutput: init.stdout,
      cli,
      async createKey(user, extra = []) {
        const r = await cli(['keys', 'create', '--user', user, '--json', ...extra]);
        return JSON.parse(r.stdout) as CreatedKey;
      },
      expireKey: (id) => tsx('expire-key.ts', dir, { ...env, KEY_ID: id }),
      async close() {
        await s.stop();
        await q.close();
        await db.drop();
        await removeScratch(dir);
      },
    };
  } catch (error) {
    await server?.stop();
    await sql?.close();
    await db.drop();
    await removeScratch(dir);
    throw error;
  }
}
