// init --auth oauth: the three OAuth models are added as a text edit that keeps every other line,
// the result is a schema Prisma accepts, and a second run changes nothing.
import { describe, expect, it } from 'vitest';
import { addOAuthModels } from '../../src/oauth/models.js';
import { buildPlan } from '../../src/plan/build.js';
import { validateConfig } from '../../src/config/validate.js';
import { parseSchemaFiles } from '../../src/parse/index.js';
import { blogSchemaWithOAuth } from './project.js';

const USER = `datasource db {\n  provider = "postgresql"\n}\n\nmodel User {\n  id    String @id @default(uuid()) @db.Uuid\n  email String @unique\n}\n`;

describe('addOAuthModels', () => {
  it('adds the models and one back-relation line, keeping the rest byte for byte', async () => {
    const { files, note } = addOAuthModels([['schema.prisma', USER]], { userModel: 'User', provider: 'postgresql' });
    const out = files[0]![1];
    expect(out.startsWith(USER.replace('  email String @unique\n', '  email String @unique\n  mcpOAuthGrants McpOAuthGrant[]\n').trimEnd())).toBe(true);
    expect(out).toContain('model McpOAuthClient {');
    expect(out).toMatch(/\n  userId +String +@db.Uuid\n/);
    expect(out).toMatch(/\n  hash +String +@unique\n/);
    expect(note).toContain('npx prisma migrate dev --name mcp_oauth');
    const ir = await parseSchemaFiles([['schema.prisma', out]], { root: '/tmp' });
    expect(ir.models.map((m) => m.name).sort()).toEqual(['McpOAuthClient', 'McpOAuthGrant', 'McpOAuthToken', 'User']);
  });

  it('is idempotent and refuses a partial set', () => {
    const once = blogSchemaWithOAuth();
    expect(addOAuthModels([['schema.prisma', once]], { userModel: 'User', provider: 'sqlite' }).files).toEqual([]);
    const partial = once.replace(/model McpOAuthToken \{[\s\S]*?\n\}\n/, '');
    expect(() => addOAuthModels([['schema.prisma', partial]], { userModel: 'User', provider: 'sqlite' })).toThrow(/McpOAuthClient, McpOAuthGrant but not all three/);
  });

  it('puts the models in a file of their own in a schema folder', () => {
    const { files } = addOAuthModels([['prisma/schema/user.prisma', USER.split('\n\n')[1]!], ['prisma/schema/db.prisma', USER.split('\n\n')[0]!]], { userModel: 'User', provider: 'postgresql' });
    expect(files.map(([f]) => f)).toEqual(['prisma/schema/mcp-oauth.prisma', 'prisma/schema/user.prisma']);
  });

  it('a schema from before grants recorded their source gains exactly the `source String?` line, once', () => {
    const current = blogSchemaWithOAuth();
    const old = current.replace(/\n  source +String\?\n/, '\n');
    expect(old).not.toBe(current);
    const { files, note } = addOAuthModels([['schema.prisma', old]], { userModel: 'User', provider: 'sqlite' });
    const out = files[0]![1];
    // One line more, inside McpOAuthGrant, aligned with its fields; everything else as it was.
    expect(out.split('\n').length).toBe(old.split('\n').length + 1);
    expect(out.split('\n').filter((line) => !old.split('\n').includes(line))).toEqual(['  source    String?']);
    expect(/model McpOAuthGrant \{[^}]*\n  source    String\?\n[^}]*\}/.test(out)).toBe(true);
    expect(note).toMatch(/added `source String\?` to model McpOAuthGrant in schema\.prisma/);
    expect(note).toContain('npx prisma migrate dev --name mcp_oauth_grant_source');
    expect(addOAuthModels([['schema.prisma', out]], { userModel: 'User', provider: 'sqlite' }).files).toEqual([]);
  });
});

describe('generate on a schema from before grants recorded their source', () => {
  it('plans without the link and says exactly what to add and run', async () => {
    const old = blogSchemaWithOAuth().replace(/\n  source +String\?\n/, '\n');
    const config = validateConfig({ auth: { apiKeys: true, user: { model: 'User', info: ['id'] }, oauth: { server: 'built-in' } }, toolsets: { blog: { models: { BlogPost: {} } } } }, 'mcp-gen.config.ts');
    for (const [schema, linked] of [[old, false], [blogSchemaWithOAuth(), true]] as const) {
      const ir = await parseSchemaFiles([['schema.prisma', schema]], { root: '/tmp' });
      const plan = buildPlan(ir, config);
      expect(plan.auth.oauth).toMatchObject({ kind: 'built-in', grantSource: linked });
      const said = plan.notes.filter((n) => n.includes('McpOAuthGrant'));
      if (linked) expect(said).toEqual([]);
      else expect(said).toEqual([expect.stringContaining('Add the line `source String?` to model McpOAuthGrant in your Prisma schema, then run `npx prisma migrate dev --name mcp_oauth_grant_source`')]);
    }
  });
});
