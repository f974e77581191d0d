// The OAuth part of index.ts: auth.oauth.rateLimits becomes the built-in server's option, on by
// default and in the store of `limits`; both modes hand the handler the metadata URL for step-up
// and the public URL's host for the Host check.
import { describe, expect, it } from 'vitest';
import { emitOAuthWiring } from '../../src/emit/oauth.js';
import type { Plan } from '../../src/plan/types.js';

type OAuthPlan = NonNullable<Plan['auth']['oauth']>;
const builtIn = (extra: Partial<Extract<OAuthPlan, { kind: 'built-in' }>> = {}): OAuthPlan => ({
  kind: 'built-in', login: 'src/mcp/login.ts', registration: true, clientMetadataDocuments: { enabled: true, allowPrivateAddresses: false }, app: {}, grantSource: true,
  delegates: { client: 'mcpOAuthClient', grant: 'mcpOAuthGrant', token: 'mcpOAuthToken' }, ...extra,
});
const plan = (oauth: OAuthPlan) =>
  ({ output: 'src/mcp/generated', importExtension: '.js', toolsets: [], server: { name: 'blog-app', title: 'Acme Blog', version: '1.0.0', icons: [], toolsetInstructions: {} }, auth: { kind: 'apiKeys', oauth, user: { model: 'User', idField: { name: 'id', type: 'Int' } }, keyModel: { delegate: 'mcpApiKey' } } }) as unknown as Plan;
const setup = (oauth: OAuthPlan) => emitOAuthWiring(plan(oauth), 'index.ts', '{ id: true }').setup;

describe('emitOAuthWiring', () => {
  it('per-address limits are on by default, in the store of `limits` when there is one', () => {
    expect(setup(builtIn())).toContain('rateLimits: { ...(chosenLimits?.store ? { store: chosenLimits.store } : {}) },');
  });

  it('the pages and the resource are named as the server introduces itself, unless auth.oauth.app.name says otherwise (issue 29)', () => {
    expect(setup(builtIn())).toContain("    app: { name: 'Acme Blog' },\n    resourceName: serverInfo.title ?? serverInfo.name,\n");
    expect(setup(builtIn({ app: { name: 'Acme Sign-in', logo: '/logo.png' } }))).toContain("    app: { name: 'Acme Sign-in', logo: '/logo.png' },\n");
    const external = emitOAuthWiring(plan({ kind: 'external', issuer: 'https://idp.example/', userClaim: 'email', userField: 'email' }), 'index.ts', '{}');
    expect(external.setup).toContain('    resourceName: serverInfo.title ?? serverInfo.name,\n');
  });

  it('auth.oauth.rateLimits: rules as literals, false per endpoint or for all', () => {
    const some = setup(builtIn({ rateLimits: { register: false, token: { limit: 5, per: 'minute', burst: 10 } } }));
    expect(some).toContain("rateLimits: { register: false, token: { limit: 5, per: 'minute', burst: 10 }, ...(chosenLimits?.store ? { store: chosenLimits.store } : {}) },");
    expect(setup(builtIn({ rateLimits: false }))).toContain('    rateLimits: false,');
  });

  it('auth.oauth.grantTtlDays is passed on; a schema without McpOAuthGrant.source says so in the code and turns the link off', () => {
    expect(setup(builtIn({ grantTtlDays: 30 }))).toContain('    grantTtlDays: 30,');
    expect(setup(builtIn())).not.toContain('grantSource');
    const old = setup(builtIn({ grantSource: false }));
    expect(old).toContain("      // McpOAuthGrant has no `source` field yet: grants are not tied to the API key they came from.\n      grantSource: false,");
  });

  it('both modes pass the protected-resource metadata URL (403 step-up) and the public host (Host check) to the handler', () => {
    const wiring = emitOAuthWiring(plan(builtIn()), 'index.ts', '{}').routes;
    expect(wiring).toContain('resourceMetadataUrl: (request) => prmUrl(oauth.resource, request),');
    expect(wiring).toContain('allowedHosts: [...(http.allowedHosts ?? []), ...publicHosts(oauth.resource)],');
    const external = emitOAuthWiring(plan({ kind: 'external', issuer: 'https://idp.example/', userClaim: 'email', userField: 'email' }), 'index.ts', '{}');
    expect(external.routes).toContain('resourceMetadataUrl: (request) => prmUrl(jwt.resource, request),');
    expect(external.imports).toContainEqual({ from: 'runtime/auth/resource/metadata.ts', names: ['protectedResourcePaths', 'protectedResourceRoute', 'prmUrl', 'publicHosts'] });
  });
});
