// Issue 21 item 9: init hides what the schema itself calls internal or private, as the blog fixture's
// own config does (`internalNotes`), besides secret-looking names; flags, keys and relations stay.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSchemaFiles } from '../../src/parse/index.js';
import { configView } from '../../src/init/view-model.js';
import { hiddenComment, hiddenFields } from '../../src/init/hidden-fields.js';
import { repoRoot } from '../helpers/repo.js';

const SCHEMA = `
datasource db {
  provider = "sqlite"
}

model Note {
  id             Int     @id
  title          String
  internalNotes  String?
  privateMemo    String?
  confidentialRemark String?
  /// Staff only: never shown to customers.
  triage         String?
  /// Kept private; the support team reads it.
  remarks        String?
  /// The post's body, in Markdown.
  body           String?
  isPrivate      Boolean @default(false)
  /// Internal flag: hides the note from search.
  hiddenFromSearch Boolean @default(false)
  internalCode   String  @unique
  passwordHash   String?
  internalOwner  User?   @relation(fields: [internalOwnerId], references: [id])
  internalOwnerId Int?
}

model User {
  id    Int    @id
  notes Note[]
}
`;

describe('init: hidden fields', () => {
  it('hides internal/private/confidential names and comments, and secret-looking names; not flags, keys or relations', async () => {
    const ir = await parseSchemaFiles([['schema.prisma', SCHEMA]], { root: '/tmp' });
    const note = ir.models.find((m) => m.name === 'Note')!;
    expect(hiddenFields(note)).toEqual([
      { name: 'internalNotes', reason: 'name says' },
      { name: 'privateMemo', reason: 'name says' },
      { name: 'confidentialRemark', reason: 'name says' },
      { name: 'triage', reason: 'comment says' },
      { name: 'remarks', reason: 'comment says' },
      { name: 'passwordHash', reason: 'looks secret' },
    ]);
    expect(hiddenComment(hiddenFields(note))).toBe(
      'hidden: internalNotes, privateMemo, confidentialRemark (the name says internal or private); triage, remarks (its /// comment says internal or private); passwordHash (the name looks secret)',
    );
  });

  it('the blog fixture: init writes the exclusions its own config chose (internalNotes), and passwordHash', async () => {
    const text = readFileSync(path.join(repoRoot, 'fixtures/blog/prisma/schema.prisma'), 'utf8');
    const ir = await parseSchemaFiles([['schema.prisma', text]], { root: path.join(repoRoot, 'fixtures/blog/prisma') });
    const view = configView(ir, { schema: 'prisma/schema.prisma', userModel: 'User', keyModel: 'McpApiKey' }, 'blog');
    const hidden = Object.fromEntries(view.models.filter((m) => m.hidden.length > 0).map((m) => [m.name, m.hidden]));
    expect(hidden).toEqual({ BlogPost: ['internalNotes'], User: ['passwordHash'] });
    // The fixture's own config hides the same field of BlogPost.
    expect(readFileSync(path.join(repoRoot, 'fixtures/blog/mcp-gen.config.ts'), 'utf8')).toContain("fields: { exclude: ['internalNotes'] }");
  });
});
