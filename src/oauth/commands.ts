/**
 * `mcp-gen oauth clients|revoke`: what the built-in authorization server has handed out, and
 * taking it back. Works on the project's database through its own Prisma client (like `keys`).
 */
import { delegateName } from '../plan/names.js';
import { DEFAULT_KEY_MODEL } from '../init/key-model.js';
import { GRANT_SOURCE_FIELD, OAUTH_MODELS } from './names.js';

type Delegate = Record<string, (args?: Record<string, unknown>) => Promise<any>>;

export interface ClientListing {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly redirectHosts: readonly string[];
  readonly createdAt: string;
  readonly revokedAt: string | null;
  /** Grants not revoked, with their user and scopes, and where each came from. */
  readonly grants: readonly GrantListing[];
}

export interface GrantListing {
  readonly id: string;
  readonly userId: string;
  readonly scopes: string;
  readonly createdAt: string;
  /**
   * What the grant was born from: the API key signed in with on the built-in form (it ends with
   * that key), the app's own session (login.ts), or unknown (granted before sources were recorded).
   */
  readonly source: { readonly kind: 'api-key'; readonly keyId: string; readonly prefix: string | null; readonly name: string | null } | { readonly kind: 'session' } | { readonly kind: 'unknown' };
}

function delegates(db: unknown): { clients: Delegate; grants: Delegate } {
  const get = (model: string): Delegate => {
    const d = (db as Record<string, Delegate | undefined>)[delegateName(model)];
    if (!d) throw new Error(`the Prisma client has no ${model} model: run \`npx mcp-gen init --auth oauth\`, migrate, and \`npx prisma generate\``);
    return d;
  };
  return { clients: get(OAUTH_MODELS.client), grants: get(OAUTH_MODELS.grant) };
}

export async function listClients(db: unknown, keyModel = DEFAULT_KEY_MODEL): Promise<ClientListing[]> {
  const { clients } = delegates(db);
  const rows = (await clients.findMany!({
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    include: { grants: { where: { revokedAt: null }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] } },
  })) as Record<string, any>[];
  const keys = await keysOf(db, keyModel, rows.flatMap((r) => (r.grants as Record<string, unknown>[]).map((g) => g[GRANT_SOURCE_FIELD])));
  return rows.map((r) => ({
    id: String(r.id),
    name: String(r.name),
    kind: String(r.kind),
    redirectHosts: [...new Set(String(r.redirectUris).split('\n').map(hostOf))],
    createdAt: (r.createdAt as Date).toISOString(),
    revokedAt: r.revokedAt ? (r.revokedAt as Date).toISOString() : null,
    grants: (r.grants as Record<string, any>[]).map((g) => ({
      id: String(g.id),
      userId: String(g.userId),
      scopes: String(g.scopes),
      createdAt: (g.createdAt as Date).toISOString(),
      source: sourceOf(g[GRANT_SOURCE_FIELD], keys),
    })),
  }));
}

const KEY_SOURCE = 'api-key:';

/** The keys grants were signed in with, by id: their prefix and name for the listing. */
async function keysOf(db: unknown, keyModel: string, sources: readonly unknown[]): Promise<Map<string, { prefix: string; name: string }>> {
  const ids = [...new Set(sources.filter((s): s is string => typeof s === 'string' && s.startsWith(KEY_SOURCE)).map((s) => s.slice(KEY_SOURCE.length)))];
  const keys = (db as Record<string, Delegate | undefined>)[delegateName(keyModel)];
  if (!ids.length || !keys) return new Map();
  const rows = (await keys.findMany!({ where: { id: { in: ids } }, select: { id: true, prefix: true, name: true } })) as Record<string, unknown>[];
  return new Map(rows.map((k) => [String(k['id']), { prefix: String(k['prefix']), name: String(k['name']) }]));
}

function sourceOf(value: unknown, keys: ReadonlyMap<string, { prefix: string; name: string }>): GrantListing['source'] {
  if (value === 'session') return { kind: 'session' };
  if (typeof value !== 'string' || !value.startsWith(KEY_SOURCE)) return { kind: 'unknown' };
  const keyId = value.slice(KEY_SOURCE.length);
  const key = keys.get(keyId);
  return { kind: 'api-key', keyId, prefix: key?.prefix ?? null, name: key?.name ?? null };
}

function describeSource(source: GrantListing['source']): string {
  if (source.kind === 'session') return 'via the app session';
  if (source.kind === 'unknown') return 'via unknown (granted before sources were recorded)';
  return source.prefix ? `via API key ${source.prefix} (${source.name})` : `via API key ${source.keyId} (deleted)`;
}

/** Revokes a client (and every grant it holds) or one grant, by id; refused from the next request on. */
export async function revokeClientOrGrant(db: unknown, id: string, now = new Date()): Promise<string> {
  const { clients, grants } = delegates(db);
  const client = await clients.findUnique!({ where: { id } });
  if (client) {
    await clients.updateMany!({ where: { id, revokedAt: null }, data: { revokedAt: now } });
    const { count } = await grants.updateMany!({ where: { clientId: id, revokedAt: null }, data: { revokedAt: now } });
    return `revoked client ${String(client.name)} (${id}) and its ${count} active grant${count === 1 ? '' : 's'}`;
  }
  const grant = await grants.findUnique!({ where: { id } });
  if (grant) {
    await grants.updateMany!({ where: { id, revokedAt: null }, data: { revokedAt: now } });
    return `revoked grant ${id} (client ${String(grant.clientId)}, user ${String(grant.userId)})`;
  }
  throw new Error(`no OAuth client or grant with id ${JSON.stringify(id)} (see \`mcp-gen oauth clients\`)`);
}

export function formatClients(rows: readonly ClientListing[]): string {
  if (!rows.length) return 'No OAuth clients yet.';
  return rows
    .map((c) => {
      const head = `${c.name}  ${c.revokedAt ? '[revoked] ' : ''}${c.kind}  → ${c.redirectHosts.join(', ')}\n  client: ${c.id}`;
      const grants = c.grants.map((g) => `  grant ${g.id}  user ${g.userId}  scopes: ${g.scopes}  since ${g.createdAt}  ${describeSource(g.source)}`);
      return [head, ...(grants.length ? grants : ['  (no active grants)'])].join('\n');
    })
    .join('\n\n');
}

function hostOf(uri: string): string {
  try {
    const url = new URL(uri);
    return url.host || url.protocol;
  } catch {
    return uri;
  }
}
