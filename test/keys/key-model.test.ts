import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import internals from '@prisma/internals';
import { describe, expect, it } from 'vitest';
import { addKeyModel } from '../../src/init/key-model.js';
import { blankDatasourceUrls, dropPreviewFeatures } from '../../src/parse/compat.js';
import { corpusManifest, corpusOrSkip } from '../helpers/real-world.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const blog = readFileSync(path.join(root, 'fixtures/blog/prisma/schema.prisma'), 'utf8');
/** The real-world schemas, when present (../helpers/real-world.ts); a fresh clone skips their cases. */
const realWorld = corpusOrSkip();

type Files = [string, string][];

async function dmmf(files: Files) {
  const shimmed = dropPreviewFeatures(blankDatasourceUrls(files).files, ['metrics']).files;
  return (await internals.getDMMF({ datamodel: shimmed })).datamodel;
}

/** Lines of `after` that are not in `before`, requiring every line of `before` to appear unchanged and in order. */
function addedLines(before: string, after: string): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  const added: string[] = [];
  let i = 0;
  for (const line of b) {
    if (i < a.length && line === a[i]) i++;
    else added.push(line);
  }
  expect(i, `original line ${i + 1} missing or changed: ${JSON.stringify(a[i])}`).toBe(a.length);
  return added;
}

describe('addKeyModel', () => {
  it('adds the key model and the back-relation to the blog schema, keeping every other line', async () => {
    const { files, note } = addKeyModel([['prisma/schema.prisma', blog]], { userModel: 'User', provider: 'sqlite' });
    expect(files.map(([f]) => f)).toEqual(['prisma/schema.prisma']);
    const out = files[0]![1];
    const added = addedLines(blog, out);
    expect(added[0]).toBe('  mcpApiKeys   McpApiKey[]');
    expect(added.join('\n')).toContain('model McpApiKey {');
    expect(added.filter((l) => l.trim() === '').length).toBeLessThanOrEqual(3);
    expect(note).toContain('npx prisma migrate dev --name mcp_api_keys');
    expect(note).toContain('npx prisma db push');

    const models = await dmmf(files);
    const key = models.models.find((m) => m.name === 'McpApiKey')!;
    const field = (n: string) => key.fields.find((f) => f.name === n)!;
    expect(key.fields.map((f) => f.name)).toEqual([
      'id', 'user', 'userId', 'name', 'prefix', 'hash', 'scopes', 'createdAt', 'lastUsedAt', 'expiresAt', 'revokedAt',
    ]);
    expect(field('userId').type).toBe('Int');
    expect(field('user').relationOnDelete).toBe('Cascade');
    expect(field('user').relationToFields).toEqual(['id']);
    expect(field('prefix').isUnique && field('hash').isUnique).toBe(true);
    expect(field('scopes').default).toBe('read');
    expect(field('lastUsedAt').isRequired || field('expiresAt').isRequired || field('revokedAt').isRequired).toBe(false);
    expect(key.documentation).toMatch(/mcp-gen/);
    expect(models.indexes.some((ix) => ix.model === 'McpApiKey' && ix.type === 'normal' && ix.fields.map((f) => f.name).join() === 'userId')).toBe(true);
    const back = models.models.find((m) => m.name === 'User')!.fields.find((f) => f.name === 'mcpApiKeys')!;
    expect([back.type, back.isList]).toEqual(['McpApiKey', true]);
  });

  it('writes the new block exactly as prisma format would; formatting the file changes only alignment', async () => {
    const { files } = addKeyModel([['schema.prisma', blog]], { userModel: 'User', provider: 'sqlite' });
    const out = files[0]![1];
    const formatted = ((await internals.formatSchema({ schemas: files })) as Files)[0]![1];
    const squash = (s: string) => s.split('\n').map((l) => l.replace(/\s+/g, ' ').trim());
    expect(squash(formatted!)).toEqual(squash(out));
    const block = out.slice(out.indexOf('/// API keys'));
    expect(formatted!.endsWith(block)).toBe(true);
  });

  it('is idempotent: a second run changes nothing', () => {
    const first = addKeyModel([['schema.prisma', blog]], { userModel: 'User', provider: 'sqlite' });
    const again = addKeyModel(first.files, { userModel: 'User', provider: 'sqlite' });
    expect(again.files).toEqual([]);
    expect(again.note).toMatch(/McpApiKey already exists \(schema\.prisma:\d+\)/);
  });

  it('uses a custom key model name', async () => {
    const { files } = addKeyModel([['schema.prisma', blog]], { userModel: 'User', keyModel: 'AccessToken', provider: 'sqlite' });
    expect(files[0]![1]).toContain('  accessTokens AccessToken[]');
    const models = await dmmf(files);
    expect(models.models.map((m) => m.name)).toContain('AccessToken');
  });

  it('puts the model in its own file next to the user model in a multi-file schema', async () => {
    const main = 'generator client {\n  provider = "prisma-client"\n  output   = "../generated"\n}\n\ndatasource db {\n  provider = "postgresql"\n}\n';
    const user = 'model Account {\n  id    String @id @default(uuid()) @db.Uuid\n  email String @unique\n  posts Post[]\n\n  @@map("accounts")\n}\n';
    const post = 'model Post {\n  id       Int     @id\n  author   Account @relation(fields: [authorId], references: [id])\n  authorId String  @db.Uuid\n}\n';
    const input: Files = [['prisma/schema/main.prisma', main], ['prisma/schema/models/account.prisma', user], ['prisma/schema/post.prisma', post]];
    const { files, note } = addKeyModel(input, { userModel: 'Account', provider: 'postgresql' });
    expect(files.map(([f]) => f)).toEqual(['prisma/schema/models/account.prisma', 'prisma/schema/models/mcp-api-key.prisma']);
    expect(note).toContain('prisma/schema/models/mcp-api-key.prisma');
    expect(addedLines(user, files[0]![1])).toEqual(['  mcpApiKeys McpApiKey[]']);
    const merged: Files = input.map(([f, t]) => [f, files.find(([g]) => g === f)?.[1] ?? t]);
    merged.push(files[1]!);
    const models = await dmmf(merged);
    const userId = models.models.find((m) => m.name === 'McpApiKey')!.fields.find((f) => f.name === 'userId')!;
    expect([userId.type, userId.nativeType]).toEqual(['String', ['Uuid', []]]);
    expect(addKeyModel(merged, { userModel: 'Account', provider: 'postgresql' }).files).toEqual([]);
  });

  it('keeps CRLF line endings', async () => {
    const crlf = blog.replace(/\n/g, '\r\n');
    const { files } = addKeyModel([['schema.prisma', crlf]], { userModel: 'User', provider: 'sqlite' });
    expect(files[0]![1].replace(/\r\n/g, '')).not.toContain('\n');
    await dmmf(files);
  });

  it('fails clearly when the user model is missing', () => {
    expect(() => addKeyModel([['schema.prisma', blog]], { userModel: 'Person', provider: 'sqlite' })).toThrow(
      /auth\.user\.model: no model Person in the schema \(models: BlogPost, Comment, PostLike, Tag, User\)\. Did you mean User\?/,
    );
  });

  it('fails clearly when the user model has a composite id', () => {
    expect(() => addKeyModel([['schema.prisma', blog]], { userModel: 'PostLike', provider: 'sqlite' })).toThrow(
      /Model PostLike \(schema\.prisma:\d+\) has a composite id \(@@id at line \d+\)/,
    );
  });

  it('refuses a back-relation name that is taken', () => {
    const taken = blog.replace('  comments     Comment[]\n', '  comments     Comment[]\n  mcpApiKeys   String?\n');
    expect(() => addKeyModel([['schema.prisma', taken]], { userModel: 'User', provider: 'sqlite' })).toThrow(/already has a field mcpApiKeys/);
  });

  const real = realWorld ? readdirSync(realWorld).filter((d) => !d.endsWith('.md')).sort() : corpusManifest().map((s) => s.name);
  it.skipIf(!realWorld).each(real)('edits the real-world %s schema into one Prisma accepts', async (name) => {
    const text = readFileSync(path.join(realWorld!, name, 'schema.prisma'), 'utf8');
    const provider = /provider\s*=\s*"(postgresql|mysql|sqlite)"/.exec(text)![1]!;
    const { files } = addKeyModel([['schema.prisma', text]], { userModel: 'User', provider });
    const added = addedLines(text, files[0]![1]);
    expect(added.filter((l) => /^\s+mcpApiKeys\s+McpApiKey\[\]$/.test(l))).toHaveLength(1);
    const models = await dmmf(files);
    const user = models.models.find((m) => m.name === 'User')!;
    const id = user.fields.find((f) => f.isId)!;
    const fk = models.models.find((m) => m.name === 'McpApiKey')!.fields.find((f) => f.name === 'userId')!;
    expect([fk.type, fk.nativeType]).toEqual([id.type, id.nativeType]);
  });
});
