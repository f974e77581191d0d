/** The auth part of the plan: the user model, get_user_info's fields and the API key model. */
import type { Model, ValueField } from '../ir/types.js';
import type { ResolvedConfig } from '../config/types.js';
import { didYouMean } from '../config/suggest.js';
import { delegateName } from './names.js';
import { listNames, type Report } from './errors.js';
import { unknownField } from './fields.js';
import { looksSecret } from './secret.js';
import type { AuthPlan, OAuthPlan } from './types.js';
import { CONFIG_DEFAULTS } from '../config/types.js';
import { GRANT_SOURCE_FIELD, OAUTH_MODELS } from '../oauth/names.js';

export interface AuthResult {
  readonly auth: AuthPlan;
  /** The user model's value fields, for `$user.<field>` in scopes; undefined without a usable user model. */
  readonly userFields?: ReadonlyMap<string, ValueField>;
}

export function unknownModel(name: string, models: ReadonlyMap<string, Model>): string {
  const names = [...models.keys()];
  return `unknown model "${name}"${didYouMean(name, names)}. ${listNames('Models', names)}`;
}

export function planAuth(config: ResolvedConfig, models: ReadonlyMap<string, Model>, report: Report): AuthResult {
  if (config.auth === 'none') return { auth: { kind: 'none' } };
  const { user, keyModel } = config.auth;

  const keyModelPlan = { name: keyModel, delegate: delegateName(keyModel) };
  if (!models.has(keyModel)) {
    report.problem('auth.keyModel', `the API key model "${keyModel}" is not in the schema; \`npx mcp-gen init\` adds it (then migrate)`);
  }

  const userModel = models.get(user.model);
  if (userModel === undefined) {
    report.problem('auth.user.model', unknownModel(user.model, models));
    return { auth: { kind: 'apiKeys', keyModel: keyModelPlan } };
  }
  const valueFields = userModel.fields.filter((f): f is ValueField => f.kind !== 'relation');
  const userFields = new Map(valueFields.map((f) => [f.name, f]));

  const info: ValueField[] = [];
  user.info.forEach((name, i) => {
    const at = `auth.user.info[${i}]`;
    const field = userModel.fields.find((f) => f.name === name);
    if (field === undefined) return report.problem(at, unknownField(userModel, name));
    if (field.kind === 'relation') return report.problem(at, `${userModel.name}.${name} is a relation; get_user_info returns value fields only`);
    if (looksSecret(name)) return report.problem(at, `${userModel.name}.${name} looks secret; get_user_info must not return it`);
    if (!info.includes(field)) info.push(field);
  });

  const idKey = userModel.uniqueKeys.find((k) => k.kind === 'id');
  const idField = idKey?.fields.length === 1 ? userFields.get(idKey.fields[0]!) : undefined;
  if (idField === undefined) {
    report.problem('auth.user.model', `${userModel.name} needs a single-field @id for API keys to point at`);
    return { auth: { kind: 'apiKeys', keyModel: keyModelPlan }, userFields };
  }
  const oauth = planOAuth(config.auth, userModel, models, report);
  // The key check reads only the key row when the row itself holds the user's id.
  const toUser = models.get(keyModel)?.fields.find((f) => f.kind === 'relation' && f.name === 'user' && f.type === userModel.name);
  const userKey = toUser?.kind === 'relation' && toUser.fromFields.length === 1 && toUser.toFields[0] === idField.name ? toUser.fromFields[0] : undefined;
  return {
    auth: {
      kind: 'apiKeys',
      user: { model: userModel.name, info, idField },
      keyModel: userKey ? { ...keyModelPlan, userKey } : keyModelPlan,
      ...(oauth ? { oauth } : {}),
      ...(config.auth.publicUrl ? { publicUrl: config.auth.publicUrl.replace(/\/+$/, '') } : {}),
    },
    userFields,
  };
}

function planOAuth(auth: Exclude<ResolvedConfig['auth'], 'none'>, userModel: Model, models: ReadonlyMap<string, Model>, report: Report): OAuthPlan | undefined {
  const oauth = auth.oauth;
  if (!oauth) return undefined;
  if ('issuer' in oauth) {
    const field = userModel.fields.find((f) => f.name === oauth.userField);
    if (!field) report.problem('auth.oauth.userField', unknownField(userModel, oauth.userField));
    else if (field.kind === 'relation') report.problem('auth.oauth.userField', `${userModel.name}.${field.name} is a relation; the token's ${oauth.userClaim} claim is matched against a value field`);
    return { kind: 'external', issuer: oauth.issuer, userClaim: oauth.userClaim, userField: oauth.userField, ...(oauth.jwksUri ? { jwksUri: oauth.jwksUri } : {}) };
  }
  const missing = Object.values(OAUTH_MODELS).filter((m) => !models.has(m));
  if (missing.length) {
    report.problem('auth.oauth', `the OAuth models ${missing.join(', ')} are not in the schema; \`npx mcp-gen init --auth oauth\` adds them (then migrate)`);
  }
  return {
    kind: 'built-in',
    login: oauth.login ?? CONFIG_DEFAULTS.login,
    registration: oauth.registration ?? true,
    clientMetadataDocuments: { enabled: oauth.clientMetadataDocuments?.enabled ?? true, allowPrivateAddresses: oauth.clientMetadataDocuments?.allowPrivateAddresses ?? false },
    app: { ...oauth.app },
    ...(oauth.accessTokenTtlSeconds ? { accessTokenTtlSeconds: oauth.accessTokenTtlSeconds } : {}),
    ...(oauth.grantTtlDays ? { grantTtlDays: oauth.grantTtlDays } : {}),
    grantSource: hasGrantSource(models, report),
    ...(oauth.rateLimits !== undefined ? { rateLimits: oauth.rateLimits } : {}),
    delegates: { client: delegateName(OAUTH_MODELS.client), grant: delegateName(OAUTH_MODELS.grant), token: delegateName(OAUTH_MODELS.token) },
  };
}

/**
 * Projects set up before grants recorded their source lack McpOAuthGrant.source: they keep
 * working, and generate says what to add (a grant from the sign-in form then outlives its key).
 */
function hasGrantSource(models: ReadonlyMap<string, Model>, report: Report): boolean {
  const grant = models.get(OAUTH_MODELS.grant);
  if (!grant) return false;
  if (grant.fields.some((f) => f.name === GRANT_SOURCE_FIELD)) return true;
  report.note(
    `model ${OAUTH_MODELS.grant} has no \`${GRANT_SOURCE_FIELD} String?\` field: OAuth grants made on the sign-in form are not ended when the API key used is revoked or expires. ` +
      `Add the line \`${GRANT_SOURCE_FIELD} String?\` to model ${OAUTH_MODELS.grant} in your Prisma schema, then run \`npx prisma migrate dev --name mcp_oauth_grant_source\` (or \`npx prisma db push\`), \`npx prisma generate\` and \`npx mcp-gen generate\`.`,
  );
  return false;
}
