// The authorization server's options, resolved and checked once at start-up (the way
// oidc-provider resolves its configuration): endpoints read the frozen result, never raw input.
import { randomBytes } from 'node:crypto';
import { isLoopbackHost, loopbackOrigin, publicUrlProblem } from '../resource/origin.js';
import type { OAuthRateLimits } from './limits.js';

export { isLoopbackHost } from '../resource/origin.js';

/** Who is signing in: the app's session lookup (src/mcp/login.ts). */
export type Login = (request: Request, ctx: { prisma: unknown }) => Promise<string | number | bigint | null | Response>;

/**
 * The type of the user's `authenticate` in login.ts, for their own PrismaClient. The generated code
 * reaches the hook through a variable of this type, so a hook that declares fewer parameters
 * (`authenticate(request)`) type-checks like one that declares both.
 */
export type UserLogin<P> = (request: Request, ctx: { prisma: P }) => string | number | bigint | null | Response | Promise<string | number | bigint | null | Response>;

export interface OAuthServerOptions {
  /** The project's PrismaClient. */
  readonly prisma: unknown;
  readonly login: Login;
  /** Scopes this server grants: read, write, <toolset>:read, <toolset>:write. */
  readonly scopes: readonly string[];
  /** Scopes asked for when a request names none. @default ['read'] */
  readonly defaultScopes?: readonly string[];
  /**
   * Public origin (https://app.example.com): the issuer, and `${publicUrl}${mcpPath}` is the resource.
   * @default env MCP_PUBLIC_URL, else the request's own origin (fine on loopback, set it in production)
   */
  readonly publicUrl?: string;
  /** @default '/mcp' */
  readonly mcpPath?: string;
  readonly models: {
    /** Client properties of the models init adds, e.g. `mcpOAuthClient`. */
    readonly client: string;
    readonly grant: string;
    readonly token: string;
    /** The user model's client property and id field, and the fields loaded for the caller. */
    readonly user: string;
    readonly userIdField: string;
    readonly userIdType: 'string' | 'number' | 'bigint';
    readonly userSelect: Readonly<Record<string, true>>;
    /** The API key model's client property: the built-in sign-in form accepts a key. Absent: no form. */
    readonly apiKey?: string;
    /**
     * Whether the grant model has `source String?` (what a grant was born from). Without it (a schema
     * from before it existed) a grant from the sign-in form is not ended with its key. @default true
     */
    readonly grantSource?: boolean;
  };
  /** Dynamic client registration (RFC 7591). @default true */
  readonly registration?: boolean;
  readonly clientMetadataDocuments?: {
    /** Accept client ID metadata documents (preferred by MCP clients). @default true */
    readonly enabled?: boolean;
    /** Fetch documents from loopback and private addresses (development only). @default false */
    readonly allowPrivateAddresses?: boolean;
    /** The whole fetch of one document, body included. @default 5000 */
    readonly timeoutMs?: number;
    /** Documents fetched at once by this process; more are refused until one finishes. @default 8 */
    readonly maxConcurrent?: number;
    /** @default 5120 */
    readonly maxBytes?: number;
    /** How long a fetched document is trusted. @default 3_600_000 */
    readonly cacheMs?: number;
  };
  /** @default 900 (15 minutes) */
  readonly accessTokenTtlSeconds?: number;
  /** @default 2_592_000 (30 days); each use rotates it */
  readonly refreshTokenTtlSeconds?: number;
  /** @default 60 */
  readonly codeTtlSeconds?: number;
  /** A grant's whole life from consent; refreshing never extends it. @default 90 */
  readonly grantTtlDays?: number;
  /**
   * Signs the sign-in and consent forms' state. Required with a non-loopback publicUrl; the same
   * value on every process. @default env MCP_OAUTH_SECRET; on loopback, else random per process
   */
  readonly secret?: string;
  /**
   * Per-address limits on registration, the token endpoint and the sign-in pages (429 with
   * Retry-After), on whatever the server's general limits are. `false`: none.
   * @default register 100/hour (bursts of 20), token 300/minute (100), pages 60/minute (30), in memory
   */
  readonly rateLimits?: OAuthRateLimits | false;
  /** Shown on the sign-in and consent pages. `logo` is a data: URL or a path on this server (no external assets). */
  readonly app?: { readonly name?: string; readonly logo?: string };
  /** The protected-resource metadata's `resource_name`: the server's title. @default app.name */
  readonly resourceName?: string;
  readonly now?: () => number;
}

export interface Resolved {
  readonly prisma: unknown;
  readonly login: Login;
  readonly scopes: readonly string[];
  readonly defaultScopes: readonly string[];
  readonly publicUrl: string | undefined;
  readonly mcpPath: string;
  readonly models: OAuthServerOptions['models'];
  readonly registration: boolean;
  readonly cimd: { readonly enabled: boolean; readonly allowPrivateAddresses: boolean; readonly timeoutMs: number; readonly maxConcurrent: number; readonly maxBytes: number; readonly cacheMs: number };
  readonly ttl: { readonly access: number; readonly refresh: number; readonly code: number; readonly grant: number };
  readonly secret: string;
  readonly app: { readonly name: string; readonly logo: string | undefined };
  readonly now: () => number;
}

export function resolveOptions(opts: OAuthServerOptions): Resolved {
  const problems: string[] = [];
  const publicUrl = opts.publicUrl ?? (process.env['MCP_PUBLIC_URL'] || undefined);
  const urlProblem = publicUrl === undefined ? undefined : publicUrlProblem(publicUrl);
  if (urlProblem) problems.push(`publicUrl (auth.publicUrl or MCP_PUBLIC_URL): ${urlProblem}`);
  const scopes = [...new Set(opts.scopes)];
  if (!scopes.length) problems.push('scopes: at least one scope is needed');
  const defaultScopes = opts.defaultScopes ?? ['read'];
  for (const s of defaultScopes) if (!scopes.includes(s)) problems.push(`defaultScopes: "${s}" is not one of scopes`);
  const positive = (name: string, value: number | undefined, fallback: number): number => {
    const v = value ?? fallback;
    if (!Number.isInteger(v) || v <= 0) problems.push(`${name}: expected a positive integer, got ${String(value)}`);
    return v;
  };
  const cimd = opts.clientMetadataDocuments ?? {};
  const resolved: Resolved = {
    prisma: opts.prisma,
    login: opts.login,
    scopes,
    defaultScopes,
    publicUrl: publicUrl?.replace(/\/+$/, ''),
    mcpPath: (opts.mcpPath ?? '/mcp').replace(/\/+$/, '') || '/mcp',
    models: opts.models,
    registration: opts.registration ?? true,
    cimd: {
      enabled: cimd.enabled ?? true,
      allowPrivateAddresses: cimd.allowPrivateAddresses ?? false,
      timeoutMs: positive('clientMetadataDocuments.timeoutMs', cimd.timeoutMs, 5000),
      maxConcurrent: positive('clientMetadataDocuments.maxConcurrent', cimd.maxConcurrent, 8),
      maxBytes: positive('clientMetadataDocuments.maxBytes', cimd.maxBytes, 5120),
      cacheMs: positive('clientMetadataDocuments.cacheMs', cimd.cacheMs, 3_600_000),
    },
    ttl: {
      access: positive('accessTokenTtlSeconds', opts.accessTokenTtlSeconds, 900),
      refresh: positive('refreshTokenTtlSeconds', opts.refreshTokenTtlSeconds, 2_592_000),
      code: positive('codeTtlSeconds', opts.codeTtlSeconds, 60),
      grant: positive('grantTtlDays', opts.grantTtlDays, 90) * 86_400,
    },
    secret: opts.secret ?? (process.env['MCP_OAUTH_SECRET'] || randomBytes(32).toString('base64url')),
    app: { name: opts.app?.name ?? 'MCP server', logo: opts.app?.logo },
    now: opts.now ?? Date.now,
  };
  if (resolved.secret.length < 32) problems.push('secret (MCP_OAUTH_SECRET): use at least 32 characters');
  // A random per-process secret breaks sign-in whenever the form is posted to another process
  // (load balancer) or after a restart: only local development may do without one.
  const deployed = !urlProblem && publicUrl !== undefined && !isLoopbackHost(new URL(publicUrl).hostname);
  if (deployed && opts.secret === undefined && !process.env['MCP_OAUTH_SECRET']) {
    problems.push('secret: set MCP_OAUTH_SECRET (32+ random characters, e.g. `openssl rand -base64 32`), the same on every process: it signs the sign-in and consent forms');
  }
  const logo = resolved.app.logo;
  if (logo !== undefined && !logo.startsWith('data:image/') && !logo.startsWith('/')) problems.push('app.logo: a data:image/… URL or a path on this server (pages load no external assets)');
  if (problems.length) throw new Error(`mcp oauth: invalid options:\n  ${problems.join('\n  ')}`);
  return Object.freeze(resolved);
}

/** The issuer: publicUrl, else the origin the request came to, which only a loopback one may be. */
export function issuerOf(o: Resolved, request: Request): string {
  return o.publicUrl ?? loopbackOrigin(request);
}

/** The protected resource (RFC 8707 audience of every token): `${issuer}${mcpPath}`. */
export function resourceOf(o: Resolved, request: Request): string {
  return issuerOf(o, request) + o.mcpPath;
}
