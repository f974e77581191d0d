// init --auth oauth: the three OAuth models are added as a text edit that keeps every other line,
// the result is a schema Prisma accepts, and a second run changes nothing.
import { describe, expect, it } from 'vitest';
import { addOAuthModels } from '../../src/oauth/models.js';
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
});
