/**
 * The zod shape of `mcp-gen.config.ts`. Every check that needs the Prisma schema lives in
 * `src/plan/`; this file only checks shapes. Messages read "expected …"; the formatter adds the
 * key path and what was found.
 */
import { z } from 'zod';
import { ALL_OPERATIONS } from '../plan/types.js';
import { didYouMean } from './suggest.js';

export const NAME_PATTERN = /^[a-z][a-z0-9_]*$/;
const NAME_RULE = 'lowercase letters, digits and _, starting with a letter';

/** A strict object whose unknown keys produce one line per key: `<key>: unknown option …`. */
function strict<T extends z.ZodRawShape>(shape: T, what: string) {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code === 'unrecognized_keys') {
        return issue.keys
          .map((key) => {
            const hint = didYouMean(key, known);
            return `${key}: unknown option${hint || `; ${what} options are ${known.join(', ')}`}`;
          })
          .join('\n');
      }
      return 'expected an object';
    },
  });
}

const str = (what = 'a string') => z.string({ error: `expected ${what}` }).min(1, { error: `expected a non-empty string` });
const strList = (what: string) => z.array(str(), { error: `expected an array of ${what}` });
const positiveInt = () =>
  z.number({ error: 'expected a positive integer' }).int({ error: 'expected a positive integer' }).positive({ error: 'expected a positive integer' });
const depth = () =>
  z.number({ error: 'expected an integer from 0 to 4' }).int({ error: 'expected an integer from 0 to 4' }).min(0, { error: 'expected an integer from 0 to 4' }).max(4, { error: 'expected an integer from 0 to 4' });
const mode = () => z.enum(['full', 'compact'], { error: "expected 'full' or 'compact'" });
const toolName = () => z.string({ error: 'expected a tool name' }).regex(NAME_PATTERN, { error: `expected a tool name of ${NAME_RULE}` });

const operation = z.enum(ALL_OPERATIONS as [string, ...string[]], {
  error: `expected one of ${ALL_OPERATIONS.join(', ')}`,
});

const fields = strict({ include: strList('field names').optional(), exclude: strList('field names').optional() }, 'fields').check(
  (ctx) => {
    const v = ctx.value;
    if ((v.include === undefined) === (v.exclude === undefined)) {
      ctx.issues.push({
        code: 'custom',
        input: v,
        message: 'expected exactly one of { include: [...] } or { exclude: [...] }',
      });
    }
  },
);

const scope = z.record(z.string(), z.unknown(), { error: 'expected a Prisma where object or { function: "name" }' }).check((ctx) => {
  const v = ctx.value;
  if (!('function' in v)) return;
  const fn = v['function'];
  if (Object.keys(v).length !== 1 || typeof fn !== 'string' || !/^[A-Za-z_$][\w$]*$/.test(fn)) {
    ctx.issues.push({
      code: 'custom',
      input: v,
      message: 'expected { function: "<exported function name>" } with nothing else next to it',
    });
  }
});

const names = strict(Object.fromEntries(ALL_OPERATIONS.map((op) => [op, toolName().optional()])), 'names');

const model = strict(
  {
    operations: z.array(operation, { error: 'expected an array of operations' }).optional(),
    fields: fields.optional(),
    writable: strList('field names').optional(),
    relations: strList('relation field names').optional(),
    maxTake: positiveInt().optional(),
    defaultTake: positiveInt().optional(),
    names: names.optional(),
    scope: scope.optional(),
    relationDepth: depth().optional(),
  },
  'model',
);

/** `server.instructions` and `toolsets.<name>.instructions`: replace (a string), extend, or turn off. */
const instructions = z.union(
  [z.literal(false), z.string().min(1), strict({ text: str(), mode: z.enum(['replace', 'append'], { error: "expected 'replace' or 'append'" }) }, 'instructions')],
  { error: "expected a string, { text, mode: 'replace' | 'append' }, or false" },
);

const ICON_SRC = "expected an https: URL, a data:image/… URI or a file path relative to the project root, e.g. 'public/icon.png'";
const icon = strict(
  {
    src: str('an icon URL or file path').refine((s) => !/^[a-z][a-z0-9+.-]*:/i.test(s) || /^https:\/\//i.test(s) || /^data:image\//i.test(s), { error: ICON_SRC })
      .refine((s) => /^(https|data):/i.test(s) || (!s.startsWith('/') && !/^[A-Za-z]:/.test(s) && !s.split(/[\\/]/).includes('..')), {
        error: 'expected a file inside the project: a path relative to its root, without ..',
      }),
    mimeType: z.string({ error: 'expected a MIME type' }).regex(/^image\/[\w.+-]+$/, { error: "expected an image MIME type, e.g. 'image/png'" }).optional(),
    sizes: z.array(z.string().regex(/^(\d+x\d+|any)$/, { error: "expected sizes like '48x48' or 'any'" }), { error: "expected an array of sizes, e.g. ['48x48']" }).optional(),
    theme: z.enum(['light', 'dark'], { error: "expected 'light' or 'dark'" }).optional(),
  },
  'icon',
);

const server = strict(
  {
    name: str().optional(),
    title: str().optional(),
    version: str().optional(),
    instructions: instructions.optional(),
    icons: z.array(icon, { error: 'expected an array of icons, e.g. [{ src: \'public/icon.png\' }]' }).optional(),
    websiteUrl: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL, e.g. https://example.com' }).optional(),
  },
  'server',
);

const toolset = strict(
  {
    description: z.string({ error: 'expected a string' }).optional(),
    models: z.record(str('a model name'), model, { error: 'expected an object of models, e.g. { Post: {} }' }),
    tools: z.array(toolName(), { error: 'expected an array of custom tool names' }).optional(),
    mode: mode().optional(),
    apps: z.boolean({ error: 'expected true or false' }).optional(),
    instructions: instructions.optional(),
  },
  'toolset',
);

const rateRule = strict(
  {
    limit: positiveInt(),
    per: z.enum(['second', 'minute', 'hour', 'day'], { error: "expected 'second', 'minute', 'hour' or 'day'" }),
    burst: positiveInt().optional(),
  },
  'rate rule',
);

const oauthRule = z.union([z.literal(false), rateRule], { error: "expected false or { limit, per, burst? }" });

const BUILT_IN_KEYS = ['server', 'login', 'registration', 'clientMetadataDocuments', 'app', 'accessTokenTtlSeconds', 'grantTtlDays', 'rateLimits'] as const;
const EXTERNAL_KEYS = ['issuer', 'userClaim', 'userField', 'jwksUri'] as const;

/** `{ server: 'built-in', login }` or `{ issuer, userClaim, userField }`: one mode, never a mix. */
const oauth = strict(
  {
    server: z.literal('built-in', { error: "expected 'built-in'" }).optional(),
    login: str('a path').optional(),
    registration: z.boolean({ error: 'expected true or false' }).optional(),
    clientMetadataDocuments: strict({ enabled: z.boolean({ error: 'expected true or false' }).optional(), allowPrivateAddresses: z.boolean({ error: 'expected true or false' }).optional() }, 'clientMetadataDocuments').optional(),
    app: strict({ name: str().optional(), logo: str('a data:image/… URL or a path on this server').optional() }, 'app').optional(),
    accessTokenTtlSeconds: positiveInt().optional(),
    grantTtlDays: positiveInt().optional(),
    rateLimits: z
      .union([z.literal(false), strict({ register: oauthRule.optional(), token: oauthRule.optional(), authorize: oauthRule.optional(), signIn: oauthRule.optional() }, 'rateLimits')], {
        error: 'expected false or { register?, token?, authorize?, signIn? }',
      })
      .optional(),
    issuer: z.url({ error: 'expected the issuer URL, e.g. https://tenant.example.com/' }).optional(),
    userClaim: str('a claim name, e.g. email').optional(),
    userField: str('a field of the user model, e.g. email').optional(),
    jwksUri: z.url({ error: 'expected a URL' }).optional(),
  },
  'auth.oauth',
).check((ctx) => {
  const v = ctx.value as Record<string, unknown>;
  const builtIn = BUILT_IN_KEYS.filter((k) => v[k] !== undefined);
  const external = EXTERNAL_KEYS.filter((k) => v[k] !== undefined);
  const fail = (message: string): void => void ctx.issues.push({ code: 'custom', input: v, message });
  if (builtIn.length && external.length) return fail(`expected either the built-in server (${builtIn.join(', ')}) or an external issuer (${external.join(', ')}), not both`);
  if (builtIn.length && v['server'] !== 'built-in') return fail("expected server: 'built-in' next to " + builtIn.join(', '));
  if (!builtIn.length && (v['issuer'] === undefined || v['userClaim'] === undefined || v['userField'] === undefined)) {
    fail("expected { server: 'built-in', login: 'src/mcp/login.ts' } or { issuer, userClaim, userField }");
  }
});

const apiKeys = strict(
  {
    apiKeys: z.literal(true, { error: 'expected true' }),
    user: strict({ model: str('a model name'), info: strList('field names') }, 'auth.user'),
    keyModel: str('a model name').optional(),
    oauth: oauth.optional(),
    publicUrl: z
      .url({ protocol: /^https?$/, error: 'expected the public origin, e.g. https://app.example.com' })
      .refine((u) => new URL(u).pathname === '/' && !new URL(u).search && !new URL(u).hash, {
        error: 'expected an origin without a path, e.g. https://mcp.example.com: the OAuth documents live at the root of the host, so the server cannot sit under a path prefix',
      })
      .optional(),
  },
  'auth',
);

const trpc = strict(
  {
    router: str("'module#export'"),
    createContext: str("'module#export'"),
    include: strList('procedure path globs').optional(),
    exclude: strList('procedure path globs').optional(),
    toolset: z.string({ error: 'expected a toolset name' }).regex(NAME_PATTERN, { error: `expected a toolset name of ${NAME_RULE}` }).optional(),
    names: z.record(str('a procedure path'), toolName(), { error: "expected an object of procedure path → tool name, e.g. { 'post.byId': 'get_post' }" }).optional(),
  },
  'publish.trpc',
);


const limits = strict(
  {
    perIp: rateRule.optional(),
    perCaller: rateRule.optional(),
    writes: rateRule.optional(),
    toolsets: z.record(z.string(), rateRule, { error: 'expected an object of rules by toolset name' }).optional(),
    store: z
      .union([z.literal('memory'), strict({ redis: str('a Redis URL or $ENV_NAME') }, 'limits.store')], {
        error: "expected 'memory' or { redis: '$REDIS_URL' }",
      })
      .optional(),
  },
  'limits',
);

const audit = z.union(
  [z.literal(false), strict(
      {
        sink: z
          .union([z.literal('stdout'), strict({ model: str('a model name') }, 'audit.sink')], { error: "expected 'stdout' or { model: 'McpAuditLog' }" })
          .optional(),
      },
      'audit',
    )],
  { error: "expected false or { sink: 'stdout' | { model: 'McpAuditLog' } }" },
);

const AUTH_HINT = `'none' or { apiKeys: true, user: { model: 'User', info: ['id', 'email'] } }`;

export const configSchema = strict(
  {
    schema: str('a path').optional(),
    output: str('a path').optional(),
    db: str('a path').optional(),
    scopesModule: str('a path').optional(),
    importFileExtension: z.enum(['js', 'ts', ''], { error: "expected 'js' (./file.js), 'ts' (./file.ts) or '' (./file)" }).optional(),
    tools: strict({ dir: str('a path').optional() }, 'tools').optional(),
    auth: z.union([z.literal('none'), apiKeys], { error: `expected ${AUTH_HINT}` }),
    defaults: strict({ defaultTake: positiveInt().optional(), maxTake: positiveInt().optional(), relationDepth: depth().optional() }, 'defaults').optional(),
    mode: mode().optional(),
    apps: z.boolean({ error: 'expected true or false' }).optional(),
    toolsets: z.record(
      z.string().regex(NAME_PATTERN, { error: `expected a toolset name of ${NAME_RULE}` }),
      toolset,
      { error: 'expected an object of toolsets, e.g. { blog: { models: { Post: {} } } }' },
    ),
    publish: strict({ trpc: trpc.optional() }, 'publish').optional(),
    limits: limits.optional(),
    audit: audit.optional(),
    server: server.optional(),
  },
  'config',
);

export type ParsedConfig = z.output<typeof configSchema>;
