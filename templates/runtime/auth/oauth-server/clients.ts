// Which client is asking: a client ID metadata document (the client_id is an https URL serving
// the client's metadata, fetched safely and cached in the client table) or a client registered
// through dynamic registration. A revoked client is refused everywhere.
import type { Resolved } from './options.js';
import { redirectUriProblem } from './redirect-uris.js';
import { fetchJson, FetchRefused } from './safe-fetch.js';
import type { ClientRow, Store } from './store.js';

export class ClientRefused extends Error {}

export function isMetadataDocumentId(clientId: string): boolean {
  try {
    const url = new URL(clientId);
    return url.protocol === 'https:' && url.pathname !== '/';
  } catch {
    return false;
  }
}

/** `signal`: the incoming request's, so a document fetch stops when the browser goes away. */
export async function resolveClient(o: Resolved, store: Store, clientId: string, signal?: AbortSignal): Promise<ClientRow> {
  if (!clientId || clientId.length > 2000) throw new ClientRefused('client_id is missing');
  const row = await store.client(clientId);
  if (row?.revokedAt) throw new ClientRefused('this client has been revoked');
  if (!isMetadataDocumentId(clientId)) {
    if (!row || row.kind !== 'registered') throw new ClientRefused('unknown client_id');
    return row;
  }
  if (!o.cimd.enabled) throw new ClientRefused('client ID metadata documents are not accepted by this server');
  if (row?.fetchedAt && o.now() - row.fetchedAt.getTime() < o.cimd.cacheMs) return row;
  let doc: unknown;
  try {
    doc = await fetchJson(new URL(clientId), { ...o.cimd, ...(signal ? { signal } : {}) });
  } catch (error) {
    const why = error instanceof FetchRefused ? error.message : 'it could not be fetched';
    throw new ClientRefused(`the client's metadata document was refused: ${why}`);
  }
  const meta = checkDocument(clientId, doc);
  return store.saveClient({ id: clientId, kind: 'metadata-document', fetchedAt: new Date(o.now()), ...meta });
}

/** The fields we keep from a metadata document (or a registration request), checked. */
export function clientFields(body: unknown, where: string): { name: string; redirectUris: string; logoUri: string | null; uri: string | null } {
  const doc = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const uris = doc['redirect_uris'];
  if (!Array.isArray(uris) || uris.length === 0 || uris.length > 20 || !uris.every((u) => typeof u === 'string')) {
    throw new ClientRefused(`${where}: redirect_uris must be a non-empty array of URLs`);
  }
  for (const u of uris as string[]) {
    const problem = redirectUriProblem(u);
    if (problem) throw new ClientRefused(`${where}: redirect_uris: ${problem}`);
  }
  const method = doc['token_endpoint_auth_method'];
  if (method !== undefined && method !== 'none') throw new ClientRefused(`${where}: token_endpoint_auth_method must be "none" (public clients with PKCE)`);
  const grantTypes = doc['grant_types'];
  if (grantTypes !== undefined && (!Array.isArray(grantTypes) || grantTypes.some((g) => g !== 'authorization_code' && g !== 'refresh_token'))) {
    throw new ClientRefused(`${where}: grant_types may only hold authorization_code and refresh_token`);
  }
  const text = (key: string, max: number): string | null => {
    const v = doc[key];
    return typeof v === 'string' && v.length > 0 ? v.slice(0, max) : null;
  };
  const https = (key: string): string | null => {
    const v = text(key, 2000);
    return v && v.startsWith('https://') ? v : null;
  };
  return { name: text('client_name', 100) ?? 'Unnamed client', redirectUris: (uris as string[]).join('\n'), logoUri: https('logo_uri'), uri: https('client_uri') };
}

function checkDocument(clientId: string, doc: unknown): ReturnType<typeof clientFields> {
  if ((doc as { client_id?: unknown } | null)?.client_id !== clientId) {
    throw new ClientRefused("the client's metadata document names another client_id");
  }
  return clientFields(doc, "the client's metadata document");
}
