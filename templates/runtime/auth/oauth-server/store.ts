// Clients, grants and tokens in the project's own database, through the models `mcp-gen init`
// adds (McpOAuthClient, McpOAuthGrant, McpOAuthToken). Reached by delegate name, so the runtime
// needs no generated types. Codes and tokens are stored as SHA-256 hashes only.
import type { Resolved } from './options.js';

export interface ClientRow {
  /** The client_id: a metadata document URL, or the id registration handed out. */
  readonly id: string;
  readonly name: string;
  /** Newline-separated. */
  readonly redirectUris: string;
  readonly logoUri: string | null;
  readonly uri: string | null;
  readonly kind: string;
  readonly fetchedAt: Date | null;
  readonly revokedAt: Date | null;
}

export interface GrantRow {
  readonly id: string;
  readonly clientId: string;
  readonly userId: unknown;
  readonly scopes: string;
  readonly resource: string;
  /** `api-key:<id>` or `session`; absent in schemas from before it existed, null on their old rows. */
  readonly source?: string | null;
  readonly createdAt: Date;
  readonly revokedAt: Date | null;
  readonly client: ClientRow;
}

export interface TokenRow {
  readonly id: string;
  readonly grantId: string;
  /** `consent`: the spent nonce of a consent form (its hash), so the form answers once. */
  readonly kind: 'code' | 'access' | 'refresh' | 'consent';
  readonly scopes: string;
  readonly expiresAt: Date;
  readonly usedAt: Date | null;
  readonly challenge: string | null;
  readonly redirectUri: string | null;
  readonly grant: GrantRow;
}

/** What the access-token verifier needs of a token of a live grant and client. */
export interface AccessTokenRow {
  readonly grantId: string;
  readonly scopes: string;
  readonly expiresAt: Date;
  readonly grant: Pick<GrantRow, 'userId' | 'clientId' | 'resource' | 'source' | 'createdAt'>;
}

type Delegate = Record<string, (args: Record<string, unknown>) => Promise<any>>;

export interface Store {
  client(id: string): Promise<ClientRow | null>;
  saveClient(row: Omit<ClientRow, 'revokedAt'>): Promise<ClientRow>;
  createGrant(row: { clientId: string; userId: unknown; scopes: string; resource: string; source: string }): Promise<{ id: string; createdAt: Date }>;
  createToken(row: { grantId: string; kind: TokenRow['kind']; hash: string; scopes: string; expiresAt: Date; usedAt?: Date; challenge?: string; redirectUri?: string }): Promise<void>;
  token(hash: string): Promise<TokenRow | null>;
  /**
   * An access token whose grant and client are not revoked (checked in the same query), with its
   * grant's user, client and resource: two statements, where `token` takes three.
   */
  accessToken(hash: string): Promise<AccessTokenRow | null>;
  /** Marks a code or refresh token used; false when it already was (a replay). */
  consume(id: string, at: Date): Promise<boolean>;
  revokeGrant(id: string, at: Date): Promise<void>;
}

export function createStore(o: Resolved): Store {
  const clients = delegate(o.prisma, o.models.client);
  const grants = delegate(o.prisma, o.models.grant);
  const tokens = delegate(o.prisma, o.models.token);
  const withSource = o.models.grantSource !== false;
  return {
    client: (id) => clients.findUnique!({ where: { id } }),
    saveClient: ({ id, ...rest }) => clients.upsert!({ where: { id }, create: { id, ...rest }, update: rest }),
    createGrant: ({ source, ...row }) => grants.create!({ data: withSource ? { ...row, source } : row, select: { id: true, createdAt: true } }),
    createToken: async (row) => void (await tokens.create!({ data: row, select: { id: true } })),
    token: (hash) => tokens.findUnique!({ where: { hash }, include: { grant: { include: { client: true } } } }),
    accessToken: (hash) => tokens.findFirst!({
      where: { hash, kind: 'access', grant: { revokedAt: null, client: { revokedAt: null } } },
      select: { grantId: true, scopes: true, expiresAt: true, grant: { select: { userId: true, clientId: true, resource: true, createdAt: true, ...(withSource ? { source: true } : {}) } } },
    }),
    consume: async (id, at) => (await tokens.updateMany!({ where: { id, usedAt: null }, data: { usedAt: at } })).count === 1,
    revokeGrant: async (id, at) => void (await grants.updateMany!({ where: { id, revokedAt: null }, data: { revokedAt: at } })),
  };
}

export function delegate(prisma: unknown, name: string): Delegate {
  const d = (prisma as Record<string, unknown> | null)?.[name] as Delegate | undefined;
  if (!d || typeof d.findUnique !== 'function') {
    throw new Error(`mcp oauth: the Prisma client has no model delegate '${name}' (run mcp-gen init --auth oauth, migrate, and regenerate the client)`);
  }
  return d;
}

export const splitScopes = (s: string | null | undefined): string[] => (s ?? '').split(/[\s,]+/).filter(Boolean);
