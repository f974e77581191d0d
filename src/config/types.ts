/**
 * The user's `mcp-gen.config.ts` contract. `McpGenConfig` is what users write (every option
 * documented here shows up in their editor); `ResolvedConfig` is the validated form with
 * defaults filled in, which `buildPlan` checks against the schema.
 */
import type { Operation } from '../plan/types.js';
import type { InstructionsConfig, ServerConfig } from './server-types.js';

export type { Operation };
export type { IconConfig, InstructionsConfig, ServerConfig } from './server-types.js';

/** A scalar leaf of a scope filter: a literal, or `'$user.<field>'` for a field of the signed-in user. */
export type ScopeLeaf = string | number | boolean | null;

/** A scope value: a leaf, an operator object (`{ equals: '$user.id' }`, `{ in: [...] }`), or a nested filter. */
export type ScopeValue = ScopeLeaf | readonly ScopeValue[] | { readonly [key: string]: ScopeValue };

/**
 * A Prisma `where` object limiting the rows a caller may see and touch. String leaves of the form
 * `'$user.<field>'` are replaced by the caller's value at request time.
 * @example { authorId: '$user.id' }
 * @example { clinic: { memberships: { some: { userId: '$user.id' } } } }
 */
export interface ScopeFilter {
  readonly [key: string]: ScopeValue;
}

/**
 * Escape hatch: the name of a function exported by `scopesModule` that receives the user and
 * returns a Prisma `where` object.
 * @example { function: 'patientScope' }
 */
export interface ScopeFunction {
  readonly function: string;
}

/** Which value fields a model exposes: either a whitelist or a blacklist, never both. */
export type FieldsConfig =
  | {
      /**
       * Only these fields (value fields and relations) are exposed. The only way to expose a secret-looking field
       * (`passwordHash`, `apiToken`, …) is to list it here.
       * @example { include: ['id', 'title', 'published'] }
       */
      readonly include: readonly string[];
    }
  | {
      /**
       * Every field except these is exposed (secret-looking fields stay hidden regardless).
       * @example { exclude: ['internalNotes'] }
       */
      readonly exclude: readonly string[];
    };

export interface ModelConfig {
  /**
   * Tools to generate for this model. Writes are refused for views and for models without a
   * unique key.
   * @default ['list', 'get', 'count', 'aggregate']
   * @example ['list', 'get', 'create', 'update']
   */
  readonly operations?: readonly Operation[];
  /**
   * Which value fields are exposed (readable, filterable, sortable, aggregatable, writable).
   * Relation fields listed in `exclude` are hidden too.
   * @default every field except secret-looking ones
   * @example { exclude: ['internalNotes'] }
   */
  readonly fields?: FieldsConfig;
  /**
   * Fields accepted by `create` and `update`.
   * @default every exposed value field except ids with a default, `@updatedAt` fields and fields fixed by the scope
   * @example ['title', 'body', 'published']
   */
  readonly writable?: readonly string[];
  /**
   * Relations the tools can filter on (`is`/`isNot`, `some`/`every`/`none`) and `include`.
   * Each one adds the related model's filter and row to this model's tool schemas, so the
   * default stays small: the to-one relations (a post's `author`). Name to-many relations to
   * add them; `[]` for none. The related model must be exposed too.
   * @default the to-one relations whose model is exposed
   * @example ['author', 'comments']
   */
  readonly relations?: readonly string[];
  /**
   * Largest page `list` returns.
   * @default defaults.maxTake (100)
   * @example 50
   */
  readonly maxTake?: number;
  /**
   * Page size of `list` when the caller gives no `take`.
   * @default defaults.defaultTake (20)
   * @example 10
   */
  readonly defaultTake?: number;
  /**
   * Tool names per operation, overriding `list_<plural>`, `get_<singular>`, …
   * Required when a model appears in two toolsets.
   * @example { list: 'search_posts' }
   */
  readonly names?: Readonly<Partial<Record<Operation, string>>>;
  /**
   * Row scope: which rows the signed-in user may see and touch, on every operation and every
   * relation path. Needs `auth.apiKeys`.
   * @default no scope (every row)
   * @example { authorId: '$user.id' }
   * @example { function: 'noteScope' }
   */
  readonly scope?: ScopeFilter | ScopeFunction;
  /**
   * How many relations deep this model's filters may reach, in both modes:
   * `visit: { is: { patient: { is: { clinicId: 1 } } } }` is 2. Every level carries the related
   * model's scope. 0 allows no relation filters.
   * @default defaults.relationDepth (2)
   * @example 1
   */
  readonly relationDepth?: number;
}

/**
 * How models are offered to clients. `'full'`: typed tools per model and operation
 * (`list_posts`, `create_post`, …). `'compact'`: three tools whatever the schema size
 * (`describe_models`, `query`, `mutate`) that take Prisma Client arguments and run through the
 * same validators, scopes and limits. Pick compact when full mode's tool list would crowd a
 * client's context (dozens of models).
 */
export type Mode = 'full' | 'compact';

export interface ToolsetConfig {
  /**
   * What the toolset is for; shown to clients.
   * @example 'Posts and comments'
   */
  readonly description?: string;
  /**
   * Exposed models by Prisma model name (`{}` exposes a model with the defaults).
   * @example { BlogPost: { operations: ['list', 'get'] }, Comment: {} }
   */
  readonly models: Readonly<Record<string, ModelConfig>>;
  /**
   * Custom tools (from `tools.dir`) in this toolset, by tool name. Not needed when the tool says
   * `@toolset <name>` (or `toolset:` in defineTool), or when there is only one toolset.
   * @example ['reschedule_visit', 'refund_order']
   */
  readonly tools?: readonly string[];
  /**
   * This toolset's mode, overriding the top-level `mode`.
   * @default the top-level mode ('full')
   * @example 'compact'
   */
  readonly mode?: Mode;
  /**
   * MCP Apps views for this toolset's read results, overriding the top-level `apps`.
   * @default the top-level apps (true)
   * @example false
   */
  readonly apps?: boolean;
  /**
   * Instructions on `/mcp/<toolset>`, applied after `server.instructions`: a string replaces
   * them, `{ text, mode: 'append' }` adds to them.
   * @default generated for this toolset alone
   */
  readonly instructions?: InstructionsConfig;
}

export interface ApiKeysAuth {
  /** API keys (`Authorization: Bearer <key>`) identify the caller. */
  readonly apiKeys: true;
  readonly user: {
    /**
     * The model keys belong to.
     * @example 'User'
     */
    readonly model: string;
    /**
     * Fields `get_user_info` returns (value fields, never secret-looking ones).
     * @example ['id', 'email', 'name', 'createdAt']
     */
    readonly info: readonly string[];
  };
  /**
   * The API key model in the schema (added by `mcp-gen init`); never exposed as a toolset.
   * @default 'McpApiKey'
   */
  readonly keyModel?: string;
  /**
   * OAuth 2.1, so Claude.ai, ChatGPT and Claude Code connectors can connect; API keys keep working.
   * The user still comes from the credential: the grant's user, or the token's `userClaim`.
   * @example { server: 'built-in', login: 'src/mcp/login.ts' }
   * @example { issuer: 'https://tenant.example.com/', userClaim: 'email', userField: 'email' }
   */
  readonly oauth?: BuiltInOAuth | ExternalOAuth;
  /**
   * The server's public origin: the OAuth issuer, and `${publicUrl}/mcp` is the resource tokens
   * are bound to. Env MCP_PUBLIC_URL overrides it. Without either, only loopback requests get OAuth.
   * An origin only: no path prefix (the well-known documents live at the root of the host).
   * @example 'https://app.example.com'
   */
  readonly publicUrl?: string;
}

/** The authorization server inside the generated server; clients, grants and tokens live in your database. */
export interface BuiltInOAuth {
  readonly server: 'built-in';
  /**
   * Your module exporting `authenticate(request, { prisma })`: the signed-in user's id, `null`
   * (the built-in sign-in form, which accepts one of the user's API keys, is shown), or a Response.
   * @default 'src/mcp/login.ts'
   */
  readonly login?: string;
  /**
   * Dynamic client registration (RFC 7591) for clients without a metadata document.
   * @default true
   */
  readonly registration?: boolean;
  readonly clientMetadataDocuments?: {
    /** @default true */
    readonly enabled?: boolean;
    /** Fetch documents from loopback and private addresses (development only). @default false */
    readonly allowPrivateAddresses?: boolean;
  };
  /** Name and logo on the sign-in and consent pages; the logo is a data:image/… URL or a path on this server. */
  readonly app?: { readonly name?: string; readonly logo?: string };
  /** @default 900 */
  readonly accessTokenTtlSeconds?: number;
  /**
   * How long a grant (one user's consent to one client) lives, counted from the consent: refreshing
   * does not extend it, so a client must send the user through sign-in and consent again after it.
   * @default 90
   * @example 30
   */
  readonly grantTtlDays?: number;
  /**
   * Per-address limits on the endpoints anyone can reach without a token (429 with Retry-After),
   * on even without `limits`, sharing its store (Redis) when set. `false` turns one or all off.
   * Keyed on the connection's address: behind a reverse proxy, every client shares the proxy's;
   * hosted connectors (Claude.ai, ChatGPT) register and refresh from their providers' servers, so
   * raise `register` and `token` for a large rollout.
   * @default { register: { limit: 100, per: 'hour', burst: 20 }, token: { limit: 300, per: 'minute', burst: 100 }, authorize: { limit: 60, per: 'minute', burst: 30 } }
   */
  readonly rateLimits?: false | OAuthRateLimitsConfig;
}

/** The built-in server's per-address limits: registration, the token endpoint (and revocation), the sign-in and consent pages. */
export interface OAuthRateLimitsConfig {
  readonly register?: RateRuleConfig | false;
  readonly token?: RateRuleConfig | false;
  readonly authorize?: RateRuleConfig | false;
  /** Sign-in attempts per API key prefix, from any address (guessing one key). @default { limit: 20, per: 'hour', burst: 10 } */
  readonly signIn?: RateRuleConfig | false;
}

/** An external authorization server (Auth0, Clerk, WorkOS, Keycloak, Okta, Better Auth…) issuing JWT access tokens. */
export interface ExternalOAuth {
  /** Exactly as the tokens' `iss` spells it. */
  readonly issuer: string;
  /** The claim naming the user. @example 'email' */
  readonly userClaim: string;
  /** The user model field it matches. @example 'email' */
  readonly userField: string;
  /** @default read from the issuer's metadata */
  readonly jwksUri?: string;
}

/**
 * A token bucket: `limit` requests per `per`, with bursts of up to `burst`.
 * @example { limit: 120, per: 'minute' }
 * @example { limit: 10, per: 'second', burst: 30 }
 */
export interface RateRuleConfig {
  /** Requests (or tool calls) refilled per period; a positive integer. */
  readonly limit: number;
  readonly per: 'second' | 'minute' | 'hour' | 'day';
  /**
   * Most requests allowed at once after a quiet spell.
   * @default limit
   */
  readonly burst?: number;
}

/** Rate limits: over budget, a request gets `429 Too Many Requests` with `Retry-After`. */
export interface LimitsConfig {
  /**
   * Requests per client IP address (IPv6: per /64), counted before authentication.
   * @example { limit: 600, per: 'minute' }
   */
  readonly perIp?: RateRuleConfig;
  /**
   * Requests per credential (API key, OAuth grant).
   * @example { limit: 120, per: 'minute' }
   */
  readonly perCaller?: RateRuleConfig;
  /**
   * Write tool calls per credential, on top of `perCaller`.
   * @example { limit: 20, per: 'minute' }
   */
  readonly writes?: RateRuleConfig;
  /**
   * Tool calls per credential into one toolset, by toolset name.
   * @example { billing: { limit: 10, per: 'minute' } }
   */
  readonly toolsets?: Readonly<Record<string, RateRuleConfig>>;
  /**
   * Where the buckets live: this process's memory, or Redis when several processes serve one
   * app (needs the `redis` package). The Redis URL is a `redis://` / `rediss://` URL without a
   * password, or `$NAME` to read it from the environment variable NAME at start-up.
   * @default 'memory'
   * @example { redis: '$REDIS_URL' }
   */
  readonly store?: 'memory' | { readonly redis: string };
}

/** Audit records: one per write tool call (create, update, delete, custom writes), with its outcome. */
export interface AuditConfig {
  /**
   * `'stdout'`: one JSON line per record. `{ model }`: rows of a Prisma model you add (see mcp-gen's
   * docs/operations.md for the model); it must have the fields the runtime writes.
   * @default 'stdout'
   * @example { model: 'McpAuditLog' }
   */
  readonly sink?: 'stdout' | { readonly model: string };
}

/** How the generated code ends its relative import specifiers (`js`: `./file.js`, `ts`: `./file.ts`, `''`: `./file`). */
export type ImportFileExtension = 'js' | 'ts' | '';

export interface McpGenConfig {
  /**
   * The Prisma schema: a `.prisma` file or a folder of them.
   * @default what `prisma.config.ts` points at, else `prisma/schema.prisma`
   * @example 'prisma/schema.prisma'
   */
  readonly schema?: string;
  /**
   * Folder the generated server is written to (owned by mcp-gen: regenerated every time).
   * @default 'src/mcp/generated'
   */
  readonly output?: string;
  /**
   * User-owned module exporting `prisma` (your Prisma Client with its driver adapter).
   * @default 'src/mcp/db.ts'
   */
  readonly db?: string;
  /**
   * User-owned module exporting the scope functions named by `scope: { function: ... }`.
   * @default 'src/mcp/scopes.ts'
   */
  readonly scopesModule?: string;
  /**
   * How the generated server imports its own files: `'js'` (`./file.js`, Node's ESM rule),
   * `''` (`./file`, for bundlers: Next.js with Turbopack, Vite) or `'ts'` (`./file.ts`). The
   * same option, with the same values, as Prisma's `prisma-client` generator.
   * @default from tsconfig.json: `'ts'` with `allowImportingTsExtensions`, `''` with
   * `moduleResolution: "bundler"`, else `'js'`
   * @example ''
   */
  readonly importFileExtension?: ImportFileExtension;
  readonly tools?: {
    /**
     * Folder of hand-written tools registered next to the generated ones.
     * @default 'src/mcp/tools'
     */
    readonly dir?: string;
  };
  /**
   * How callers authenticate. Explicit on purpose: `'none'` serves everything to anyone who can
   * reach the server (loopback only).
   * @example 'none'
   * @example { apiKeys: true, user: { model: 'User', info: ['id', 'email', 'name'] } }
   */
  readonly auth: 'none' | ApiKeysAuth;
  readonly defaults?: {
    /**
     * Page size of `list` when the caller gives no `take`.
     * @default 20
     */
    readonly defaultTake?: number;
    /**
     * Largest page `list` returns.
     * @default 100
     */
    readonly maxTake?: number;
    /**
     * How many relations deep filters may reach (`visit: { is: { patient: { is: {...} } } }` is 2).
     * Deeper filters make larger tool schemas in full mode.
     * @default 2
     */
    readonly relationDepth?: number;
  };
  /**
   * `'full'`: tools per model and operation. `'compact'`: `describe_models`, `query` and `mutate`
   * for every model, whatever the schema size. Overridable per toolset.
   * @default 'full'
   * @example 'compact'
   */
  readonly mode?: Mode;
  /**
   * MCP Apps views (docs/apps.md): hosts that render them (Claude, ChatGPT, VS Code, Goose, …)
   * show list/get results as a sortable, paged table and count/aggregate results as a chart or
   * figures; other clients get the same text and data as without. Adds `_meta.ui` to read tools,
   * the app-only `view_rows` tool and two `ui://` resources. Overridable per toolset.
   * @default true
   * @example false
   */
  readonly apps?: boolean;
  /**
   * Named groups of tools. Toolset names are lowercase snake_case (`[a-z][a-z0-9_]*`).
   * @example { blog: { description: 'Posts and comments', models: { BlogPost: {}, Comment: {} } } }
   */
  readonly toolsets: Readonly<Record<string, ToolsetConfig>>;
  /**
   * Publish the app's existing API as tools, called in-process with the MCP caller as the session user.
   * @example { trpc: { router: 'src/server/api/root.ts#appRouter', createContext: 'src/mcp/trpc-context.ts#createContext', include: ['post.*'], toolset: 'app' } }
   */
  readonly publish?: { readonly trpc?: PublishTrpcConfig };
  /**
   * Rate limits per client address, per credential, for writes and per toolset (token buckets).
   * @default no limits
   * @example { perIp: { limit: 600, per: 'minute' }, perCaller: { limit: 120, per: 'minute' }, writes: { limit: 20, per: 'minute' } }
   */
  readonly limits?: LimitsConfig;
  /**
   * Audit records of write tool calls; `false` turns them off.
   * @default { sink: 'stdout' }
   * @example { sink: { model: 'McpAuditLog' } }
   */
  readonly audit?: AuditConfig | false;
  /**
   * How the server introduces itself: name, title, version, icons, website and instructions.
   * @default the name and version of your package.json, generated instructions
   * @example { title: 'Acme Clinic', icons: [{ src: 'public/icon.png', sizes: ['64x64'] }] }
   */
  readonly server?: ServerConfig;
}

/** Procedures of the app's own tRPC (v11) router published as tools (`publish.trpc`). */
export interface PublishTrpcConfig {
  /**
   * The router, as `module#export` (the module relative to the project root).
   * @example 'src/server/api/root.ts#appRouter'
   */
  readonly router: string;
  /**
   * Your function that builds the router's context for an MCP caller, as `module#export`:
   * `createContext({ user, scopes, prisma, request })`. `generate` scaffolds it when the file is missing.
   * @example 'src/mcp/trpc-context.ts#createContext'
   */
  readonly createContext: string;
  /**
   * Procedure paths to publish: globs where `*` matches within one segment and `**` across segments.
   * @default [] (nothing is published until you list it)
   * @example ['post.*', 'billing.invoice.list']
   */
  readonly include?: readonly string[];
  /**
   * Procedure paths never published, even when `include` matches them.
   * @example ['admin.**']
   */
  readonly exclude?: readonly string[];
  /**
   * The toolset the tools join: the scopes `read`/`write` and `<toolset>:read|write` gate them.
   * @default the only toolset, when there is one
   */
  readonly toolset?: string;
  /**
   * Tool names by procedure path; default: the path in snake_case (`post.byId` → `post_by_id`).
   * @example { 'post.byId': 'get_post' }
   */
  readonly names?: Readonly<Record<string, string>>;
}

/** `McpGenConfig` after validation, with every default filled in. */
export interface ResolvedConfig {
  readonly schema?: string;
  readonly output: string;
  readonly db: string;
  readonly scopesModule: string;
  /** Absent: chosen from tsconfig.json (`src/config/import-style.ts`). */
  readonly importFileExtension?: ImportFileExtension;
  readonly tools: { readonly dir: string };
  readonly auth:
    | 'none'
    | {
        readonly apiKeys: true;
        readonly user: { readonly model: string; readonly info: readonly string[] };
        readonly keyModel: string;
        readonly oauth?: BuiltInOAuth | ExternalOAuth;
        readonly publicUrl?: string;
      };
  readonly defaults: { readonly defaultTake: number; readonly maxTake: number; readonly relationDepth: number };
  readonly mode: Mode;
  /** MCP Apps views, unless a toolset says otherwise. */
  readonly apps: boolean;
  /** `operations` stays undefined when not given, so the plan can tell defaults from explicit asks. */
  readonly toolsets: Readonly<Record<string, ToolsetConfig>>;
  readonly publish: { readonly trpc?: PublishTrpcConfig };
  /** Absent: no limits. */
  readonly limits?: LimitsConfig;
  /** Absent: the default (`{ sink: 'stdout' }`). */
  readonly audit?: AuditConfig | false;
  /** As written (defaults need the app's package.json: src/plan/server.ts). */
  readonly server: ServerConfig;
}

export const CONFIG_DEFAULTS = {
  output: 'src/mcp/generated',
  db: 'src/mcp/db.ts',
  scopesModule: 'src/mcp/scopes.ts',
  toolsDir: 'src/mcp/tools',
  keyModel: 'McpApiKey',
  login: 'src/mcp/login.ts',
  defaultTake: 20,
  maxTake: 100,
  relationDepth: 2,
  mode: 'full',
  apps: true,
} as const;
