/**
 * The OAuth part of the generated index.ts (auth.oauth): the built-in authorization server or an
 * external issuer's JWT verifier, the routes they serve, and where they sit in the verifier list
 * (each verifier judges only its own kind of token, so the order is free; the last one answers 401
 * with the protected-resource metadata).
 */
import type { Plan } from '../plan/types.js';
import type { ImportSpec } from './imports.js';
import { userModuleImport } from './scope.js';
import { objectLiteral, str, strList } from './ts.js';

export interface OAuthWiring {
  readonly imports: ImportSpec[];
  /** Statements of createMcpHandler, once the ops options are chosen (\`chosenLimits\`). */
  readonly setup: string;
  /** Extra entries of createHandler's options. */
  readonly routes: string;
  /** Verifiers next to the API key verifier (which leaves tokens that are not keys to them). */
  readonly verifiers: string;
  /** The last verifier: no credential at all gets a 401 naming the protected-resource metadata. */
  readonly last: string;
}

const NONE: OAuthWiring = { imports: [], setup: '', routes: '', verifiers: '', last: '' };

/** `read`, `write` and `<toolset>:read|write` for every toolset: the same scopes API keys carry. */
export function oauthScopes(plan: Plan): string[] {
  return ['read', 'write', ...plan.toolsets.flatMap((t) => [`${t.name}:read`, `${t.name}:write`])];
}

export function emitOAuthWiring(plan: Plan, file: string, userSelect: string): OAuthWiring {
  const oauth = plan.auth.oauth;
  const user = plan.auth.user;
  if (!oauth || !user) return NONE;
  const publicUrl = plan.auth.publicUrl ? `\n    publicUrl: process.env['MCP_PUBLIC_URL'] || ${str(plan.auth.publicUrl)},` : '';
  const userDelegate = user.model.charAt(0).toLowerCase() + user.model.slice(1);
  const imports: ImportSpec[] = [{ from: 'runtime/auth/resource/challenge.ts', names: ['requireCredential'] }];
  const notFound = "new Response(JSON.stringify({ error: 'not found' }), { status: 404, headers: { 'content-type': 'application/json' } })";
  if (oauth.kind === 'external') {
    imports.push({ from: 'runtime/auth/jwt/verifier.ts', names: ['createJwtVerifier'] }, { from: 'runtime/auth/resource/metadata.ts', names: ['protectedResourcePaths', 'protectedResourceRoute', 'prmUrl', 'publicHosts'] });
    const setup = `
  // OAuth 2.1 with an external authorization server (auth.oauth): JWT access tokens for this resource.
  const jwt = createJwtVerifier({
    prisma,
    issuer: ${str(oauth.issuer)},
    userClaim: ${str(oauth.userClaim)},
    userField: ${str(oauth.userField)},
    user: { delegate: ${str(userDelegate)}, idField: ${str(user.idField.name)}, select: ${userSelect} },
    scopes: ${strList(oauthScopes(plan))},${publicUrl}${oauth.jwksUri ? `\n    jwksUri: ${str(oauth.jwksUri)},` : ''}
    resourceName: serverInfo.title ?? serverInfo.name,
  });
  const wellKnown = async (request: Request) => protectedResourceRoute(jwt.resource, request) ?? ${notFound};`;
    return {
      imports,
      setup,
      routes: `\n    routes: [...(http.routes ?? []), ...protectedResourcePaths(jwt.resource).map((path) => ({ path, handler: wellKnown }))],\n    resourceMetadataUrl: (request) => prmUrl(jwt.resource, request),\n    allowedHosts: [...(http.allowedHosts ?? []), ...publicHosts(jwt.resource)],`,
      verifiers: '\n    jwt.verifier,',
      last: '\n    requireCredential(jwt.resource),',
    };
  }
  imports.push({ from: 'runtime/auth/oauth-server/index.ts', names: ['createOAuthServer'] }, { from: 'runtime/auth/oauth-server/index.ts', names: ['UserLogin'], typeOnly: true }, { from: 'runtime/auth/resource/metadata.ts', names: ['prmUrl', 'publicHosts'] }, { from: userModuleImport(plan, file, oauth.login), names: ['authenticate as signedInUser'] });
  const idType = user.idField.type === 'Int' ? 'number' : user.idField.type === 'BigInt' ? 'bigint' : 'string';
  const cimd = objectLiteral([
    ['enabled', String(oauth.clientMetadataDocuments.enabled)],
    ['allowPrivateAddresses', String(oauth.clientMetadataDocuments.allowPrivateAddresses)],
  ]);
  // The pages name the app as the server does when auth.oauth.app.name is not set.
  const app = objectLiteral(Object.entries({ name: plan.server.title, ...oauth.app }).filter(([, v]) => v !== undefined).map(([k, v]) => [k, str(String(v))]));
  const setup = `
  // OAuth 2.1 (auth.oauth): the built-in authorization server. Who signs in: ${oauth.login}, reached
  // through the hook's type, so an \`authenticate(request)\` without the unused ctx type-checks too.
  const login: UserLogin<typeof prisma> = signedInUser;
  const oauth = createOAuthServer({
    prisma,
    login: async (request) => login(request, { prisma }),
    scopes: ${strList(oauthScopes(plan))},${publicUrl}
    models: {
      client: ${str(oauth.delegates.client)},
      grant: ${str(oauth.delegates.grant)},
      token: ${str(oauth.delegates.token)},
      user: ${str(userDelegate)},
      userIdField: ${str(user.idField.name)},
      userIdType: ${str(idType)},
      userSelect: ${userSelect},
      apiKey: ${str(plan.auth.keyModel!.delegate)},${oauth.grantSource ? '' : `\n      // McpOAuthGrant has no \`source\` field yet: grants are not tied to the API key they came from.\n      grantSource: false,`}
    },
    registration: ${String(oauth.registration)},
    clientMetadataDocuments: ${cimd},
    app: ${app},
    resourceName: serverInfo.title ?? serverInfo.name,${oauth.accessTokenTtlSeconds ? `\n    accessTokenTtlSeconds: ${oauth.accessTokenTtlSeconds},` : ''}${oauth.grantTtlDays ? `\n    grantTtlDays: ${oauth.grantTtlDays},` : ''}
${rateLimits(oauth.rateLimits)}
  });
  const oauthRoute = async (request: Request, info: { readonly remoteAddress?: string }) => (await oauth.routes(request, info)) ?? ${notFound};`;
  return {
    imports,
    setup,
    routes: `\n    routes: [...(http.routes ?? []), ...oauth.paths.map((path) => ({ path, handler: oauthRoute }))],\n    resourceMetadataUrl: (request) => prmUrl(oauth.resource, request),\n    allowedHosts: [...(http.allowedHosts ?? []), ...publicHosts(oauth.resource)],`,
    verifiers: '\n    oauth.verifier,',
    last: '\n    requireCredential(oauth.resource),',
  };
}

type OAuthLimitsPlan = Extract<NonNullable<Plan['auth']['oauth']>, { kind: 'built-in' }>['rateLimits'];

/** auth.oauth.rateLimits as the server's option: on unless turned off, in the store of `limits` when there is one. */
function rateLimits(limits: OAuthLimitsPlan): string {
  if (limits === false) return '    rateLimits: false,';
  const rules = (['register', 'token', 'authorize', 'signIn'] as const).flatMap((name): [string, string][] => {
    const rule = limits?.[name];
    if (rule === undefined) return [];
    if (rule === false) return [[name, 'false']];
    return [[name, objectLiteral([['limit', String(rule.limit)], ['per', str(rule.per)], ...(rule.burst ? [['burst', String(rule.burst)] as [string, string]] : [])])]];
  });
  const store = '...(chosenLimits?.store ? { store: chosenLimits.store } : {})';
  return `    // Per-address limits on registration, tokens and sign-in: on even without \`limits\`, in its store (Redis) when set.
    rateLimits: { ${[...rules.map(([k, v]) => `${k}: ${v}`), store].join(', ')} },`;
}
