// RFC 7591 dynamic client registration, for clients without a metadata document. Open by design
// (that is what MCP clients expect); turn it off with `registration: false`. Registered clients
// are public: no secret is issued, PKCE protects the code.
import { readText } from '../../http/body.js';
import { ClientRefused, clientFields } from './clients.js';
import { invalidClientMetadata, invalidRedirectUri, invalidRequest } from './errors.js';
import type { Resolved } from './options.js';
import { json } from './respond.js';
import { randomId } from './secrets.js';
import type { Store } from './store.js';

const MAX_BODY = 16 * 1024;

export async function registerEndpoint(o: Resolved, store: Store, request: Request): Promise<Response> {
  if (request.method !== 'POST') throw invalidRequest('use POST with a JSON body');
  const read = await readText(request, MAX_BODY);
  if (!read.ok) throw read.reason === 'too-large' ? invalidClientMetadata(`the registration request is larger than ${MAX_BODY} bytes`) : invalidRequest('the body could not be read');
  let body: unknown;
  try {
    body = JSON.parse(read.text);
  } catch {
    throw invalidClientMetadata('the body is not JSON');
  }
  let fields: ReturnType<typeof clientFields>;
  try {
    fields = clientFields(body, 'registration');
  } catch (error) {
    const message = (error as ClientRefused).message;
    throw message.includes('redirect_uris') ? invalidRedirectUri(message) : invalidClientMetadata(message);
  }
  const id = `mcpc_${randomId()}`;
  const row = await store.saveClient({ id, kind: 'registered', fetchedAt: null, ...fields });
  return json(201, {
    client_id: row.id,
    client_id_issued_at: Math.floor(o.now() / 1000),
    client_name: row.name,
    redirect_uris: row.redirectUris.split('\n'),
    ...(row.logoUri ? { logo_uri: row.logoUri } : {}),
    ...(row.uri ? { client_uri: row.uri } : {}),
    token_endpoint_auth_method: 'none',
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
  });
}
