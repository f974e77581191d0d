/**
 * Adds the built-in authorization server's models (McpOAuthClient, McpOAuthGrant, McpOAuthToken)
 * to the user's Prisma schema, the way the API key model is added: a text edit that keeps every
 * other line, plus one back-relation line on the user model.
 */
import path from 'node:path';
import { compare } from '../emit/ts.js';
import { SchemaError } from '../parse/errors.js';
import { scanBlocks } from '../parse/schema-text.js';
import { appendBlock, eolOf, insertBackRelation, userIdField, type IdField } from '../init/key-model.js';

import { GRANT_SOURCE_FIELD, OAUTH_MODELS } from './names.js';

export { OAUTH_MODELS } from './names.js';
/** The back-relation the user model gains. */
export const GRANTS_FIELD = 'mcpOAuthGrants';

export interface AddOAuthModelsResult {
  readonly files: [string, string][];
  readonly note: string;
}

export function addOAuthModels(files: readonly (readonly [string, string])[], opts: { userModel: string; provider: string }): AddOAuthModelsResult {
  const blocks = files.flatMap(([file, text]) => scanBlocks(file, text));
  const present = Object.values(OAUTH_MODELS).filter((name) => blocks.some((b) => b.kind === 'model' && b.name === name));
  if (present.length === 3) return addGrantSource(files, blocks);
  if (present.length) throw new SchemaError(`The schema has ${present.join(', ')} but not all three OAuth models; remove them or add the others (see mcp-gen's docs/auth-and-oauth.md).`);
  const user = blocks.find((b) => b.kind === 'model' && b.name === opts.userModel);
  if (!user) throw new SchemaError(`auth.user.model: no model ${opts.userModel} in the schema.`);
  const clash = user.fields.find((f) => f.name === GRANTS_FIELD);
  if (clash) throw new SchemaError(`Cannot add \`${GRANTS_FIELD} ${OAUTH_MODELS.grant}[]\` to model ${user.name}: it already has that field (${user.file}:${clash.line}).`, [{ file: user.file, line: clash.line }]);
  const userText = files.find(([f]) => f === user.file)![1];
  const id = userIdField(user, userText);
  const edited = insertBackRelation(userText, user, `${GRANTS_FIELD} ${OAUTH_MODELS.grant}[]`);
  const multi = files.length > 1;
  const target = multi ? path.posix.join(path.posix.dirname(user.file.replace(/\\/g, '/')), 'mcp-oauth.prisma') : user.file;
  const out = new Map<string, string>([[user.file, edited]]);
  const prior = out.get(target) ?? files.find(([f]) => f === target)?.[1] ?? '';
  out.set(target, appendBlock(prior, oauthBlocks(user.name, id, opts.provider), eolOf(prior || userText)));
  const note =
    `Added models ${Object.values(OAUTH_MODELS).join(', ')} to ${target} and \`${GRANTS_FIELD} ${OAUTH_MODELS.grant}[]\` to model ${user.name}.\n` +
    'Create their tables: npx prisma migrate dev --name mcp_oauth (or npx prisma db push).';
  return { files: [...out.entries()].sort(([a], [b]) => compare(a, b)), note };
}

/**
 * Projects set up before grants recorded their source: the field is added to McpOAuthGrant (the
 * only line that changes), so revoking an API key can end the grants signed in with it.
 */
function addGrantSource(files: readonly (readonly [string, string])[], blocks: ReturnType<typeof scanBlocks>): AddOAuthModelsResult {
  const names = Object.values(OAUTH_MODELS).join(', ');
  const grant = blocks.find((b) => b.kind === 'model' && b.name === OAUTH_MODELS.grant)!;
  if (grant.fields.some((f) => f.name === GRANT_SOURCE_FIELD)) return { files: [], note: `Models ${names} already exist; schema left unchanged.` };
  const text = files.find(([f]) => f === grant.file)![1];
  return {
    files: [[grant.file, insertBackRelation(text, grant, `${GRANT_SOURCE_FIELD} String?`)]],
    note:
      `Models ${names} already exist; added \`${GRANT_SOURCE_FIELD} String?\` to model ${OAUTH_MODELS.grant} in ${grant.file} (what each grant was born from, so revoking an API key ends its grants).\n` +
      'Add the column: npx prisma migrate dev --name mcp_oauth_grant_source (or npx prisma db push).',
  };
}

type Row = [string, string, string];

function model(name: string, doc: readonly string[], rows: readonly Row[], extra: readonly string[]): string[] {
  const nameWidth = Math.max(...rows.map(([n]) => n.length)) + 1;
  const typeWidth = Math.max(...rows.map(([, t]) => t.length)) + 1;
  const fields = rows.map(([n, t, a]) => (a ? `  ${n.padEnd(nameWidth)}${t.padEnd(typeWidth)}${a}` : `  ${n.padEnd(nameWidth)}${t}`));
  return [...doc.map((d) => `/// ${d}`), `model ${name} {`, ...fields, ...(extra.length ? ['', ...extra.map((e) => `  ${e}`)] : []), '}'];
}

/** The three models, aligned the way `prisma format` aligns them. */
export function oauthBlocks(userModel: string, id: IdField, provider: string): string[] {
  const mongo = provider === 'mongodb';
  // MySQL's String is VARCHAR(191): a list of redirect URIs needs TEXT.
  const text = provider === 'mysql' ? '@db.Text' : '';
  const pk = mongo ? '@id @default(auto()) @map("_id") @db.ObjectId' : '@id @default(cuid())';
  const { client, grant, token } = OAUTH_MODELS;
  return [
    ...model(
      client,
      ['OAuth clients of the MCP server (mcp-gen, built-in authorization server). id is the client_id: the URL', 'of its metadata document, or the id dynamic registration issued. `mcp-gen oauth clients|revoke`.'],
      [
        ['id', 'String', '@id'],
        ['name', 'String', ''],
        ['redirectUris', 'String', text],
        ['logoUri', 'String?', ''],
        ['uri', 'String?', ''],
        ['kind', 'String', ''],
        ['createdAt', 'DateTime', '@default(now())'],
        ['fetchedAt', 'DateTime?', ''],
        ['revokedAt', 'DateTime?', ''],
        ['grants', `${grant}[]`, ''],
      ],
      [],
    ),
    '',
    ...model(
      grant,
      [
        'What a user allowed an OAuth client (scopes, for one resource). Revoking it ends every token issued under it.',
        'source: what it was born from, `api-key:<id>` (the sign-in form; revoking the key ends the grant) or `session`.',
      ],
      [
        ['id', 'String', pk],
        ['client', client, '@relation(fields: [clientId], references: [id], onDelete: Cascade)'],
        ['clientId', 'String', ''],
        ['user', userModel, `@relation(fields: [userId], references: [${id.name}], onDelete: Cascade)`],
        ['userId', id.type, id.nativeType ?? ''],
        ['scopes', 'String', ''],
        ['resource', 'String', ''],
        ['source', 'String?', ''],
        ['createdAt', 'DateTime', '@default(now())'],
        ['revokedAt', 'DateTime?', ''],
        ['tokens', `${token}[]`, ''],
      ],
      ['@@index([userId])', '@@index([clientId])'],
    ),
    '',
    ...model(
      token,
      ['Codes, access and refresh tokens of the grants: only their SHA-256 hash is stored. usedAt marks a spent', 'code or refresh token; presenting one again revokes the grant.'],
      [
        ['id', 'String', pk],
        ['grant', grant, '@relation(fields: [grantId], references: [id], onDelete: Cascade)'],
        ['grantId', 'String', mongo ? '@db.ObjectId' : ''],
        ['kind', 'String', ''],
        ['hash', 'String', '@unique'],
        ['scopes', 'String', ''],
        ['expiresAt', 'DateTime', ''],
        ['usedAt', 'DateTime?', ''],
        ['challenge', 'String?', ''],
        ['redirectUri', 'String?', text],
        ['createdAt', 'DateTime', '@default(now())'],
      ],
      ['@@index([grantId])'],
    ),
  ];
}
