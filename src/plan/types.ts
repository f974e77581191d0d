/**
 * The plan: what tools and files exist, with which fields, filters and scopes. Pure data,
 * computed from the IR and the validated config by `src/plan/`; the emitters only read it.
 */
import type { Model, Provider, RelationField, ValueField, Enum } from '../ir/types.js';
import type { OpsPlan } from './ops.js';

export type Operation = 'list' | 'get' | 'count' | 'aggregate' | 'create' | 'update' | 'delete';
export const READ_OPERATIONS: readonly Operation[] = ['list', 'get', 'count', 'aggregate'];
export const WRITE_OPERATIONS: readonly Operation[] = ['create', 'update', 'delete'];
export const ALL_OPERATIONS: readonly Operation[] = [...READ_OPERATIONS, ...WRITE_OPERATIONS];

/**
 * A row scope: a Prisma `where` object whose leaves may be placeholders.
 * `{ authorId: '$user.id' }` is `{ authorId: { $user: 'id' } }` here.
 */
export type ScopeExpr =
  | { readonly kind: 'object'; readonly entries: readonly (readonly [string, ScopeExpr])[] }
  | { readonly kind: 'array'; readonly items: readonly ScopeExpr[] }
  | { readonly kind: 'user'; readonly field: string }
  | { readonly kind: 'literal'; readonly value: string | number | boolean | null };

export type ScopePlan =
  | { readonly kind: 'filter'; readonly where: ScopeExpr; /** field → user field, set by the server on create */ readonly fixed: readonly (readonly [string, string])[] }
  /** Escape hatch: `export function <name>(user)` in the user-owned scopes module. */
  | { readonly kind: 'function'; readonly exportName: string };

export interface ExposedRelation {
  readonly field: RelationField;
  /** The target's plan (always exposed; relations to hidden models are dropped). */
  readonly target: string;
}

export interface ModelPlan {
  readonly model: Model;
  readonly toolset: string;
  /** Prisma Client property (`blogPost`). */
  readonly delegate: string;
  /** kebab-case module name (`blog-post`) → `models/blog-post.ts`. */
  readonly fileName: string;
  /** Exposed value fields in schema order (excluded and secret-looking ones removed). */
  readonly fields: readonly ValueField[];
  /** Exposed relations (target exposed too), in schema order. */
  readonly relations: readonly ExposedRelation[];
  /** Fields accepted in create/update `data` (subset of `fields`, minus scope-fixed ones). */
  readonly writable: readonly ValueField[];
  /** Operations in canonical order; views and keyless models never get writes. */
  readonly operations: readonly Operation[];
  /** Tool name per operation present. */
  readonly toolNames: Readonly<Partial<Record<Operation, string>>>;
  /** Unique keys made only of exposed fields (primary key first). */
  readonly keys: readonly { readonly fields: readonly string[]; readonly clientKey: string }[];
  readonly scope?: ScopePlan;
  readonly defaultTake: number;
  readonly maxTake: number;
  /** 'full': per-model tools; 'compact': served by describe_models/query/mutate. */
  readonly mode: 'full' | 'compact';
  /** How many relations deep filters may reach. */
  readonly relationDepth: number;
  /** MCP Apps: its read tools (or compact `query` results) are shown in the views. */
  readonly apps: boolean;
}

/** The app-only tool the views page and sort through (reserved whenever some toolset has apps). */
export const VIEW_ROWS_TOOL = 'view_rows';

/** Tool names compact mode adds (reserved whenever some toolset is compact). */
export const COMPACT_TOOL_NAMES = ['describe_models', 'query', 'mutate'] as const;

export interface ToolsetPlan {
  readonly name: string;
  readonly description?: string;
  readonly mode: 'full' | 'compact';
  /** Model names in config order. */
  readonly models: readonly string[];
  /** MCP Apps views for its read results (`apps`, per toolset or top-level). */
  readonly apps: boolean;
}

export interface AuthPlan {
  readonly kind: 'none' | 'apiKeys';
  /** With apiKeys: the user model and the fields get_user_info returns. */
  readonly user?: { readonly model: string; readonly info: readonly ValueField[]; readonly idField: ValueField };
  /**
   * With apiKeys: the key model's name and Prisma Client property, and its field holding the
   * user's id (`userId`) when its relation to the user is a single-field foreign key to the id.
   */
  readonly keyModel?: { readonly name: string; readonly delegate: string; readonly userKey?: string };
  /** OAuth next to API keys (`auth.oauth`). */
  readonly oauth?: OAuthPlan;
  /** `auth.publicUrl`, when set. */
  readonly publicUrl?: string;
}

export type OAuthPlan =
  | {
      readonly kind: 'built-in';
      /** The user-owned login module, relative to the project root. */
      readonly login: string;
      readonly registration: boolean;
      readonly clientMetadataDocuments: { readonly enabled: boolean; readonly allowPrivateAddresses: boolean };
      readonly app: { readonly name?: string; readonly logo?: string };
      readonly accessTokenTtlSeconds?: number;
      readonly grantTtlDays?: number;
      /**
       * Whether McpOAuthGrant has the `source` field (what a grant was born from: an API key or the
       * app's session). Projects set up before it existed lack it until they add it and migrate.
       */
      readonly grantSource: boolean;
      /** `auth.oauth.rateLimits`; absent: the runtime's defaults. */
      readonly rateLimits?: false | { readonly [K in 'register' | 'token' | 'authorize' | 'signIn']?: false | { readonly limit: number; readonly per: string; readonly burst?: number } };
      /** Prisma Client properties of the OAuth models. */
      readonly delegates: { readonly client: string; readonly grant: string; readonly token: string };
    }
  | { readonly kind: 'external'; readonly issuer: string; readonly userClaim: string; readonly userField: string; readonly jwksUri?: string };

/** What a relative import specifier ends with in generated code: `.js`, `.ts`, or nothing. */
export type ImportExtension = '.js' | '.ts' | '';

export interface Plan {
  readonly provider: Provider;
  readonly toolsets: readonly ToolsetPlan[];
  /** Exposed models, sorted by name (deterministic). */
  readonly models: readonly ModelPlan[];
  readonly enums: readonly Enum[];
  readonly auth: AuthPlan;
  /** Output folder relative to the project root, e.g. `src/mcp/generated`. */
  readonly output: string;
  /** The user-owned database module (exports `prisma`), relative to the project root. */
  readonly dbModule: string;
  /** The user-owned scopes module, when a scope uses the function escape hatch. */
  readonly scopesModule?: string;
  /** One-line notes (secret-looking fields hidden, unsupported fields skipped, …). */
  readonly notes: readonly string[];
  /** Rate limits and the audit sink (`src/plan/ops.ts`). */
  readonly ops: OpsPlan;
  /** How generated files end relative import specifiers: `.js`, `.ts` or nothing (`src/config/import-style.ts`). */
  readonly importExtension: ImportExtension;
  /** How the server introduces itself (`src/plan/server.ts`). */
  readonly server: ServerPlan;
}

/** An icon: a URL as configured, or a project file the server serves (`file`, relative to the project root). */
export type IconPlan = { readonly sizes?: readonly string[]; readonly theme?: 'light' | 'dark' } & (
  | { readonly src: string; readonly mimeType?: string }
  | { readonly file: string; readonly name: string; readonly mimeType: string }
);

/** `serverInfo` and the instructions, resolved: every default filled in. */
export interface ServerPlan {
  readonly name: string;
  readonly title: string;
  readonly version: string;
  readonly websiteUrl?: string;
  readonly icons: readonly IconPlan[];
  /** On `/mcp`; absent: none. */
  readonly instructions?: string;
  /** On `/mcp/<toolset>`, where they differ from `instructions` (absent entry: the same; `null`: none). */
  readonly toolsetInstructions: Readonly<Record<string, string | null>>;
}

/** What `generate` knows of the app: its package.json. */
export interface AppInfo {
  readonly name?: string;
  readonly version?: string;
}
