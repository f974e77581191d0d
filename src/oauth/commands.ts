/**
 * `mcp-gen oauth clients|revoke`: what the built-in authorization server has handed out, and
 * taking it back. Works on the project's database through its own Prisma client (like `keys`).
 */
import { delegateName } from '../plan/names.js';
import { OAUTH_MODELS } from './names.js';

type Delegate = Record<string, (args?: Record<string, unknown>) => Promise<any>>;

export interface ClientListing {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly redirectHosts: readonly string[];
  readonly createdAt: string;
  readonly revokedAt: string | null;
  /** Grants not revoked, with their user and scopes. */
  readonly grants: readonly { readonly id: string; readonly userId: string; readonly scopes: string; readonly createdAt: string }[];
}

function delegates(db: unknown): { clients: Delegate; grants: Delegate } {
  const get = (model: string): Delegate => {
    const d = (db as Record<string, Delegate | undefined>)[delegateName(model)];
    if (!d) throw new Error(`the Prisma client has no ${model} model: run \`npx mcp-gen init --auth oauth\`, migrate, and \`npx prisma generate\``);
    return d;
  };
  return { clients: get(OAUTH_MODELS.client), grants: get(OAUTH_MODELS.grant) };
}

export async function listClients(db: unknown): Promise<ClientListing[]> {
  const { clients } = delegates(db);
  const rows = (await clients.findMany!({
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    include: { grants: { where: { revokedAt: null }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] } },
  })) as Record<string, any>[];
  return rows.map((r) => ({
    id: String(r.id),
    name: String(r.name),
    kind: String(r.kind),
    redirectHosts: [...new Set(String(r.redirectUris).split('\n').map(hostOf))],
    createdAt: (r.createdAt as Date).toISOString(),
    revokedAt: r.revokedAt ? (r.revokedAt as Date).toISOString() : null,
    grants: (r.grants as Record<string, any>[]).map((g) => ({ id: String(g.id), userId: String(g.userId), scopes: String(g.scopes), createdAt: (g.createdAt as Date).toISOString() })),
  }));
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
      const grants = c.grants.map((g) => `  grant ${g.id}  user ${g.userId}  scopes: ${g.scopes}  since ${g.createdAt}`);
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
