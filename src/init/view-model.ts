/**
 * What `init` writes, as data: the view models for templates/init/*.hbs and the package.json
 * additions. Pure and unit-tested; the templates make no decisions.
 */
import path from 'node:path';
import type { Provider, SchemaIR } from '../ir/types.js';
import { looksSecret } from '../plan/secret.js';
import { OAUTH_MODELS } from '../oauth/names.js';
import type { ImportExtension } from '../plan/types.js';
import { hiddenComment, hiddenFields } from './hidden-fields.js';
import { CONTEXT_REF } from './trpc.js';

export interface InitChoices {
  /** Project-relative schema path as the user refers to it (file or folder). */
  readonly schema: string;
  /** The user model for API keys; undefined → `auth: 'none'`. */
  readonly userModel?: string;
  readonly keyModel: string;
  /** `init --auth oauth`: the built-in authorization server next to API keys. */
  readonly oauth?: boolean;
  /** The app's tRPC router (`module#export`) to publish from, when init found one and the user agreed. */
  readonly trpcRouter?: string;
}

export const PATHS = {
  config: 'mcp-gen.config.ts',
  server: 'src/mcp/server.ts',
  db: 'src/mcp/db.ts',
  output: 'src/mcp/generated',
  tools: 'src/mcp/tools',
  login: 'src/mcp/login.ts',
} as const;

const USER_MODEL_NAMES = ['User', 'Users', 'Account', 'Member', 'Person', 'Profile'];
const INFO_FIELDS = ['id', 'email', 'name', 'username', 'displayName', 'firstName', 'lastName', 'role', 'createdAt'];

/** The model that most likely holds the app's users: by name, with a single-field id. */
export function guessUserModel(ir: SchemaIR): string | undefined {
  const usable = ir.models.filter((m) => !m.isView && m.uniqueKeys.some((k) => k.kind === 'id' && k.fields.length === 1));
  for (const name of USER_MODEL_NAMES) {
    const hit = usable.find((m) => m.name.toLowerCase() === name.toLowerCase());
    if (hit) return hit.name;
  }
  return undefined;
}

export function configView(ir: SchemaIR, choices: InitChoices, projectName: string) {
  const models = ir.models
    .filter((m) => m.name !== choices.keyModel && !(Object.values(OAUTH_MODELS) as string[]).includes(m.name))
    .map((m) => {
      const hidden = hiddenFields(m);
      return { name: m.name, hidden: hidden.map((h) => h.name), hiddenComment: hiddenComment(hidden) };
    });
  const user = choices.userModel ? ir.models.find((m) => m.name === choices.userModel) : undefined;
  const info = user
    ? INFO_FIELDS.filter((n) => user.fields.some((f) => f.name === n && f.kind !== 'relation' && !looksSecret(f.name)))
    : [];
  const toolset = projectName.replace(/[^a-z0-9]+/gi, '_').replace(/^_+|_+$/g, '').toLowerCase() || 'app';
  return {
    schema: choices.schema,
    output: PATHS.output,
    db: PATHS.db,
    auth: user ? { apiKeys: true, userModel: user.name, info, oauth: choices.oauth ? { login: PATHS.login } : undefined } : { apiKeys: false },
    toolset: /^[a-z]/.test(toolset) ? toolset : `app_${toolset}`,
    description: `Read access to ${projectName} data`,
    // Clients show it in connector lists and approval prompts (generate's default, written down to edit).
    serverName: projectName,
    models,
    trpc: choices.trpcRouter ? { router: choices.trpcRouter, createContext: CONTEXT_REF } : undefined,
  };
}

/** The config `configView` renders (config.ts.hbs), as the value the file will export. */
export function configObject(view: ReturnType<typeof configView>): Record<string, unknown> {
  const models = Object.fromEntries(view.models.map((m) => [m.name, m.hidden.length > 0 ? { fields: { exclude: m.hidden } } : {}]));
  return {
    schema: view.schema,
    output: view.output,
    db: view.db,
    server: { name: view.serverName },
    auth: view.auth.apiKeys ? { apiKeys: true, user: { model: view.auth.userModel, info: view.auth.info } } : 'none',
    toolsets: { [view.toolset]: { description: view.description, models } },
    ...(view.trpc ? { publish: { trpc: { ...view.trpc, include: [] } } } : {}),
  };
}

const ADAPTERS: Record<string, { pkg: string; cls: string; args: string; url: string }> = {
  sqlite: { pkg: '@prisma/adapter-better-sqlite3', cls: 'PrismaBetterSqlite3', args: '{ url }', url: 'file:./dev.db' },
  postgresql: { pkg: '@prisma/adapter-pg', cls: 'PrismaPg', args: '{ connectionString: url }', url: 'postgresql://user@localhost:5432/app' },
  cockroachdb: { pkg: '@prisma/adapter-pg', cls: 'PrismaPg', args: '{ connectionString: url }', url: 'postgresql://root@localhost:26257/app' },
  mysql: { pkg: '@prisma/adapter-mariadb', cls: 'PrismaMariaDb', args: 'url', url: 'mysql://root@localhost:3306/app' },
};

export function adapterFor(provider: Provider) {
  const a = ADAPTERS[provider];
  if (!a) throw new Error(`mcp-gen init: no driver adapter known for provider "${provider}" (supported: ${Object.keys(ADAPTERS).join(', ')})`);
  return a;
}

/** Import specifier of the Prisma client from the db module. */
export function clientImport(ir: SchemaIR, root: string, ext: ImportExtension): string {
  const c = ir.client;
  if (c?.provider === 'prisma-client' && c.output) {
    let rel = path.relative(path.dirname(path.join(root, PATHS.db)), path.join(c.output, `client${ext}`)).split(path.sep).join('/');
    if (!rel.startsWith('.')) rel = `./${rel}`;
    return rel;
  }
  return '@prisma/client';
}

export function dbView(ir: SchemaIR, root: string, ext: ImportExtension) {
  const a = adapterFor(ir.provider);
  return { clientImport: clientImport(ir, root, ext), adapterClass: a.cls, adapterPackage: a.pkg, adapterArgs: a.args, exampleUrl: a.url, sqlite: ir.provider === 'sqlite' };
}

export function serverView() {
  const dir = path.posix.dirname(PATHS.server);
  return {
    serverPath: PATHS.server,
    generatedImport: path.posix.relative(dir, PATHS.output),
    dbImport: path.posix.relative(dir, PATHS.db).replace(/\.ts$/, ''),
  };
}

/**
 * The example tool names no toolset when the config has one: an untagged tool goes to the only
 * toolset, so renaming it in the config keeps the example valid. With several, it joins the first.
 */
/**
 * The example tool (example-tool.ts.hbs) as generate will list it, for init's estimate: its
 * description and the zod code type-to-zod writes for its argument and result types.
 */
export const EXAMPLE_TOOL = {
  name: 'greet',
  description: 'Greets the caller.',
  input: "z.strictObject({ name: z.string().describe('Who to greet (default: \"there\")').optional(), tone: z.enum(['formal', 'friendly']).optional() })",
  output: 'z.object({ message: z.string(), signedIn: z.boolean() })',
} as const;

export function exampleToolView(toolsets: readonly string[]) {
  return { generatedImport: path.posix.relative(PATHS.tools, PATHS.output), toolset: toolsets.length > 1 ? toolsets[0] : undefined };
}

/** Dependencies the generated server needs at run time, and the dev tools to run it. */
export function packageAdditions(provider: Provider, versions: Readonly<Record<string, string>>) {
  const a = adapterFor(provider);
  const pick = (names: string[]) => Object.fromEntries(names.map((n) => [n, versions[n] ?? 'latest']));
  return {
    dependencies: pick(['@modelcontextprotocol/server', 'zod', a.pkg]),
    devDependencies: pick(['mcp-gen', 'tsx']),
    scripts: { 'mcp:generate': 'mcp-gen generate', 'mcp:start': `tsx ${PATHS.server}` },
  };
}
