/**
 * External mode end to end: the clinic project's generated server configured with
 * `oauth: { issuer, userClaim: 'email', userField: 'email' }` against a real OpenID provider
 * (oidc-provider) running in the test, which issues JWT access tokens with this server's resource as
 * audience. The SDK client calls tools with them; row scoping follows the token's user.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { callTool, connectClient } from '../helpers/client.js';
import { createClinicProject, type ClinicProject } from '../e2e/scoping/project.js';
import { bearer, rawCall, rpc } from '../e2e/scoping/rpc.js';
import { startIdp, type TestIdp } from './idp.js';

describe('external issuer end to end (SQLite)', () => {
  let idp: TestIdp;
  let p: ClinicProject;
  const clients: Client[] = [];

  beforeAll(async () => {
    idp = await startIdp();
    p = await createClinicProject({ provider: 'sqlite', label: 'SQLite' }, 'full', { auth: 'oauth', oauthConfig: `{ issuer: '${idp.issuer}', userClaim: 'email', userField: 'email' }` });
  }, 240_000);

  afterAll(async () => {
    await Promise.allSettled(clients.map((c) => c.close()));
    await p?.close();
    await idp?.close();
  });

  it('the protected-resource metadata names the external issuer', async () => {
    const origin = new URL(p.server.url).origin;
    const res = await rpc(p.server.url, 'tools/list', {});
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain(`resource_metadata="${origin}/.well-known/oauth-protected-resource/mcp"`);
    const prm = (await (await fetch(`${origin}/.well-known/oauth-protected-resource/mcp`)).json()) as Record<string, unknown>;
    expect(prm).toMatchObject({ resource: `${origin}/mcp`, authorization_servers: [idp.issuer] });
    // The resource is named as the server introduces itself (issue 29): its title.
    const { serverInfo } = (await import(path.join(p.dir, 'src/mcp/generated/server-info.ts'))) as { serverInfo: { title: string } };
    expect(serverInfo.title).toBeTruthy();
    expect(prm['resource_name']).toBe(serverInfo.title);
    expect((await fetch(`${origin}/oauth/authorize`)).status).toBe(404);
  });

  it('a JWT for this resource is the matching user: scoped reads, and write only with the write scope', async () => {
    const readOnly = await idp.token('ann-app', p.server.url, 'read');
    const ann = await connectClient(p.server.url, { headers: bearer(readOnly) });
    clients.push(ann);
    expect((await callTool(ann, 'get_user_info')).structured).toMatchObject({ email: 'ann@example.com' });
    const notes = (await callTool(ann, 'list_notes', { take: 10, select: ['id', 'authorId'] })).structured as { items: { authorId: number }[] };
    expect(notes.items.map((n) => n.authorId)).toEqual([1, 1, 1]);
    const before = await p.sql.rows('Note');
    const refused = await rawCall(p.server.url, readOnly, 'create_note', { data: { title: 'jwt without write' } });
    expect(refused.status).toBe(403);
    // Step-up: where to ask the external issuer for more.
    expect(refused.headers.get('www-authenticate')).toBe(`Bearer error="insufficient_scope", scope="read write", resource_metadata="${new URL(p.server.url).origin}/.well-known/oauth-protected-resource/mcp"`);
    expect(await p.sql.rows('Note')).toEqual(before);

    const readWrite = await idp.token('bob-app', p.server.url, 'read write');
    const made = await rawCall(p.server.url, readWrite, 'create_note', { data: { title: 'jwt with write' } });
    expect(made.status).toBe(200);
    expect((await p.sql.rows('Note')).filter((n) => n.title === 'jwt with write').map((n) => Number(n.authorId))).toEqual([2]);
  });

  it('refuses a token for another audience, and API keys still work', async () => {
    const elsewhere = await idp.token('ann-app', 'https://other.example.com/mcp');
    const res = await rpc(p.server.url, 'tools/list', {}, bearer(elsewhere));
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
    // Not a JWT and not a key: neither verifier's kind, so the challenge with the metadata.
    const unknown = await rpc(p.server.url, 'tools/list', {}, bearer('opaque-token-from-elsewhere'));
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get('www-authenticate')).toMatch(/^Bearer resource_metadata="[^"]+", scope="read write", error="invalid_token"$/);
    const key = await p.createKey('ann@example.com');
    expect((await rpc(p.server.url, 'tools/list', {}, bearer(key.key))).status).toBe(200);
  });
});
