/**
 * Adds the API key model (default `McpApiKey`) to the user's Prisma schema.
 * A text edit, not a reprint: every line of the schema outside the new block stays byte-for-byte,
 * and the user model gains exactly one line (the back-relation), aligned to its neighbours.
 */
import path from 'node:path';
import pluralize from 'pluralize';
import { compare } from '../emit/ts.js';
import { SchemaError } from '../parse/errors.js';
import { scanBlocks, stripComment, type Block } from '../parse/schema-text.js';

export interface AddKeyModelOptions {
  /** The model keys belong to (`auth.user.model`). */
  readonly userModel: string;
  /** @default 'McpApiKey' */
  readonly keyModel?: string;
  /** The datasource provider (`sqlite`, `postgresql`, `mongodb`, …). */
  readonly provider: string;
}

export interface AddKeyModelResult {
  /** Only files that changed or are new; empty when the key model exists already. */
  readonly files: [string, string][];
  /** What was done and how to migrate, ready to print. */
  readonly note: string;
}

export const DEFAULT_KEY_MODEL = 'McpApiKey';

export function addKeyModel(files: readonly (readonly [string, string])[], opts: AddKeyModelOptions): AddKeyModelResult {
  const keyModel = opts.keyModel ?? DEFAULT_KEY_MODEL;
  const blocks = files.flatMap(([file, text]) => scanBlocks(file, text));
  const existing = blocks.find((b) => b.name === keyModel && (b.kind === 'model' || b.kind === 'view'));
  if (existing) {
    return { files: [], note: `Model ${keyModel} already exists (${existing.file}:${existing.line}); schema left unchanged.` };
  }
  const user = blocks.find((b) => b.kind === 'model' && b.name === opts.userModel);
  if (!user) throw missingUserModel(opts.userModel, blocks);
  const userText = files.find(([f]) => f === user.file)![1];
  const id = userIdField(user, userText);
  const backName = pluralize(keyModel[0]!.toLowerCase() + keyModel.slice(1));
  const clash = user.fields.find((f) => f.name === backName);
  if (clash) {
    throw new SchemaError(
      `Cannot add the back-relation \`${backName} ${keyModel}[]\` to model ${user.name}: it already has a field ${backName} (${user.file}:${clash.line}). Rename that field or set auth.keyModel to another name.`,
      [{ file: user.file, line: clash.line }],
    );
  }

  const block = keyModelBlock({ keyModel, userModel: user.name, id, mongo: opts.provider === 'mongodb' });
  const editedUser = insertBackRelation(userText, user, `${backName} ${keyModel}[]`);
  // One file: the new model goes at its end. A schema folder: a file of its own next to the
  // user model, so the user's files gain a single line and the managed model is easy to find.
  const multi = files.length > 1;
  const target = multi ? path.posix.join(path.posix.dirname(user.file.replace(/\\/g, '/')), `${kebab(keyModel)}.prisma`) : user.file;
  const out = new Map<string, string>([[user.file, editedUser]]);
  const prior = out.get(target) ?? files.find(([f]) => f === target)?.[1];
  out.set(target, appendBlock(prior ?? '', block, eolOf(prior ?? userText)));
  const note =
    `Added model ${keyModel} to ${target} and \`${backName} ${keyModel}[]\` to model ${user.name} (${user.file}).\n` +
    `Create its table before using keys: npx prisma migrate dev --name ${snake(keyModel)}s` +
    ` (or npx prisma db push if you don't use migrations).`;
  return { files: [...out.entries()].sort(([a], [b]) => compare(a, b)), note };
}

export interface IdField {
  readonly name: string;
  readonly type: string;
  /** `@db.Uuid`, `@db.ObjectId`, … copied onto the foreign key so both columns match. */
  readonly nativeType?: string;
}

export function userIdField(user: Block, text: string): IdField {
  const lines = text.split('\n');
  const where = [{ file: user.file, line: user.line }];
  for (let i = user.line; i < user.endLine - 1; i++) {
    if (/^\s*@@id\b/.test(stripComment(lines[i] ?? ''))) {
      throw new SchemaError(
        `Model ${user.name} (${user.file}:${user.line}) has a composite id (@@id at line ${i + 1}); API keys need a user model with a single-field @id.`,
        where,
      );
    }
  }
  for (const f of user.fields) {
    const code = stripComment(lines[f.line - 1] ?? '');
    const attrs = code.slice(code.indexOf(f.type) + f.type.length);
    if (!/(^|\s)@id\b/.test(attrs)) continue;
    const native = /@db\.\w+(\([^)]*\))?/.exec(attrs)?.[0];
    return { name: f.name, type: f.type.replace(/\?$/, ''), ...(native ? { nativeType: native } : {}) };
  }
  throw new SchemaError(`Model ${user.name} (${user.file}:${user.line}) has no @id field; API keys need a user model with a single-field @id.`, where);
}

function missingUserModel(name: string, blocks: readonly Block[]): SchemaError {
  const models = blocks.filter((b) => b.kind === 'model').map((b) => b.name).sort();
  const close = models.filter((m) => m.toLowerCase() === name.toLowerCase() || /user|account|member/i.test(m));
  const hint = close.length ? ` Did you mean ${close.join(' or ')}?` : '';
  return new SchemaError(`auth.user.model: no model ${name} in the schema (models: ${models.join(', ') || 'none'}).${hint}`);
}

interface BlockInput {
  readonly keyModel: string;
  readonly userModel: string;
  readonly id: IdField;
  readonly mongo: boolean;
}

/** The model block, aligned the way `prisma format` aligns it. */
export function keyModelBlock({ keyModel, userModel, id, mongo }: BlockInput): string[] {
  const native = id.nativeType ? ` ${id.nativeType}` : '';
  const rows: [string, string, string][] = [
    ['id', 'String', mongo ? '@id @default(auto()) @map("_id") @db.ObjectId' : '@id @default(cuid())'],
    ['user', userModel, `@relation(fields: [userId], references: [${id.name}], onDelete: Cascade)`],
    ['userId', id.type, native.trim()],
    ['name', 'String', ''],
    ['prefix', 'String', '@unique'],
    ['hash', 'String', '@unique'],
    ['scopes', 'String', '@default("read")'],
    ['createdAt', 'DateTime', '@default(now())'],
    ['lastUsedAt', 'DateTime?', ''],
    ['expiresAt', 'DateTime?', ''],
    ['revokedAt', 'DateTime?', ''],
  ];
  const nameWidth = Math.max(...rows.map(([n]) => n.length)) + 1;
  const typeWidth = Math.max(...rows.map(([, t]) => t.length)) + 1;
  const fields = rows.map(([n, t, a]) => (a ? `  ${n.padEnd(nameWidth)}${t.padEnd(typeWidth)}${a}` : `  ${n.padEnd(nameWidth)}${t}`));
  return [
    `/// API keys for the MCP server. Managed by mcp-gen (\`mcp-gen keys create|list|revoke\`): prefix is the`,
    `/// public part shown in listings, hash is the SHA-256 of the key (the key itself is never stored),`,
    `/// scopes is comma-separated (read, write, <toolset>:read, <toolset>:write).`,
    `model ${keyModel} {`,
    ...fields,
    '',
    '  @@index([userId])',
    '}',
  ];
}

/** Inserts `field` after the last field line of the block, in the same columns as the line above it. */
export function insertBackRelation(text: string, block: Block, field: string): string {
  const lines = text.split('\n');
  const last = block.fields.at(-1);
  const at = last ? last.line : block.line; // index after the last field line (0-based insert position)
  const cr = (lines[at - 1] ?? '').endsWith('\r') ? '\r' : '';
  const [name, type] = field.split(' ') as [string, string];
  let line = `  ${name} ${type}`;
  if (last) {
    const prev = (lines[last.line - 1] ?? '').replace(/\r$/, '');
    const indent = /^\s*/.exec(prev)![0];
    const typeCol = prev.indexOf(last.type, indent.length + last.name.length);
    const width = Math.max(typeCol - indent.length, name.length + 1);
    line = `${indent}${name.padEnd(width)}${type}`;
  }
  lines.splice(at, 0, line + cr);
  return lines.join('\n');
}

export function appendBlock(text: string, block: readonly string[], eol: string): string {
  const body = block.join(eol) + eol;
  if (text.trim() === '') return body;
  const trimmed = text.replace(/(\r?\n)*$/, '');
  return trimmed + eol + eol + body;
}

export function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

export function kebab(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/([A-Z])([A-Z][a-z])/g, '$1-$2').toLowerCase();
}

function snake(name: string): string {
  return kebab(name).replace(/-/g, '_');
}
