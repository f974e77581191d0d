// How long a grant lives. It ends at its absolute lifetime (grantTtlDays from consent; refreshing
// never extends it), and a grant born from an API key on the sign-in form ends with that key:
// revoked, expired or deleted. A user deleted ends their grants through the foreign key (cascade).
import type { Resolved } from './options.js';

/** What a grant records about its birth: the key that signed in, or the app's own session. */
export type GrantSource = `api-key:${string}` | 'session';

const KEY_SOURCE = 'api-key:';

export function keySource(keyId: string): GrantSource {
  return `${KEY_SOURCE}${keyId}`;
}

/** When the grant ends at the latest (ms since the epoch). */
export function grantEnd(o: Resolved, createdAt: Date): number {
  return createdAt.getTime() + o.ttl.grant * 1000;
}

/** Why a grant no longer carries tokens, or undefined while it is alive. */
export async function grantEnded(o: Resolved, grant: { readonly createdAt: Date; readonly source?: string | null }): Promise<string | undefined> {
  if (grantEnd(o, grant.createdAt) <= o.now()) return 'the grant reached its lifetime; authorize again';
  const source = grant.source ?? '';
  if (!source.startsWith(KEY_SOURCE) || !o.models.apiKey) return undefined;
  const keys = (o.prisma as Record<string, { findUnique(a: unknown): Promise<Record<string, unknown> | null> }>)[o.models.apiKey]!;
  const key = await keys.findUnique({ where: { id: source.slice(KEY_SOURCE.length) }, select: { revokedAt: true, expiresAt: true } });
  if (!key || key['revokedAt'] instanceof Date) return 'the API key used to sign in was revoked';
  if (key['expiresAt'] instanceof Date && key['expiresAt'].getTime() <= o.now()) return 'the API key used to sign in has expired';
  return undefined;
}
