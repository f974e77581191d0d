import { describe, expect, it } from 'vitest';
import type { Field, Model, SchemaIR } from '../../src/ir/types.js';
import { parseBody } from './helpers.js';

const model = (ir: SchemaIR, name: string): Model => {
  const m = ir.models.find((x) => x.name === name);
  if (!m) throw new Error(`no model ${name} in ${ir.models.map((x) => x.name).join(', ')}`);
  return m;
};
const field = (m: Model, name: string): Field => {
  const f = m.fields.find((x) => x.name === name);
  if (!f) throw new Error(`no field ${m.name}.${name}`);
  return f;
};

type FieldCase = [string, { given: string; model: string; field: string; want: Partial<Record<string, unknown>> }];

const fieldCases: FieldCase[] = [
  ['String scalar, required', { given: 'model A {\n  id Int @id\n  s String\n}', model: 'A', field: 's', want: { kind: 'scalar', type: 'String', isRequired: true, isList: false, isId: false, isUnique: false, hasDefault: false, isForeignKey: false, isUpdatedAt: false } }],
  ['Int id with default', { given: 'model A {\n  id Int @id @default(autoincrement())\n}', model: 'A', field: 'id', want: { kind: 'scalar', type: 'Int', isId: true, hasDefault: true } }],
  ['optional Float', { given: 'model A {\n  id Int @id\n  f Float?\n}', model: 'A', field: 'f', want: { type: 'Float', isRequired: false } }],
  ['String list', { given: 'model A {\n  id Int @id\n  tags String[]\n}', model: 'A', field: 'tags', want: { type: 'String', isList: true } }],
  ['Boolean', { given: 'model A {\n  id Int @id\n  b Boolean @default(false)\n}', model: 'A', field: 'b', want: { type: 'Boolean', hasDefault: true } }],
  ['DateTime @updatedAt', { given: 'model A {\n  id Int @id\n  at DateTime @updatedAt\n}', model: 'A', field: 'at', want: { type: 'DateTime', isUpdatedAt: true } }],
  ['BigInt', { given: 'model A {\n  id BigInt @id\n}', model: 'A', field: 'id', want: { type: 'BigInt', isId: true } }],
  ['Decimal with native type', { given: 'model A {\n  id Int @id\n  d Decimal @db.Decimal(10, 2)\n}', model: 'A', field: 'd', want: { type: 'Decimal', nativeType: { name: 'Decimal', args: ['10', '2'] } } }],
  ['Json', { given: 'model A {\n  id Int @id\n  j Json?\n}', model: 'A', field: 'j', want: { type: 'Json', isRequired: false } }],
  ['Bytes', { given: 'model A {\n  id Int @id\n  b Bytes\n}', model: 'A', field: 'b', want: { type: 'Bytes' } }],
  ['VarChar native type', { given: 'model A {\n  id Int @id\n  s String @db.VarChar(255)\n}', model: 'A', field: 's', want: { nativeType: { name: 'VarChar', args: ['255'] } } }],
  ['@unique field', { given: 'model A {\n  id Int @id\n  email String @unique\n}', model: 'A', field: 'email', want: { isUnique: true } }],
  ['@map', { given: 'model A {\n  id Int @id\n  fullName String @map("full_name")\n}', model: 'A', field: 'fullName', want: { dbName: 'full_name' } }],
  ['/// doc', { given: 'model A {\n  id Int @id\n  /// The  name.\n  name String\n}', model: 'A', field: 'name', want: { doc: 'The  name.' } }],
  ['enum field', { given: 'enum Role {\n  USER\n  ADMIN\n}\nmodel A {\n  id Int @id\n  role Role @default(USER)\n}', model: 'A', field: 'role', want: { kind: 'enum', type: 'Role', hasDefault: true, isForeignKey: false } }],
  ['enum list', { given: 'enum Role {\n  USER\n}\nmodel A {\n  id Int @id\n  roles Role[]\n}', model: 'A', field: 'roles', want: { kind: 'enum', isList: true } }],
];

describe('fields', () => {
  it.each(fieldCases)('%s', async (_name, { given, model: m, field: f, want }) => {
    const ir = await parseBody(given);
    expect(field(model(ir, m), f)).toMatchObject(want);
  });

  it('has no optional members that were not set', async () => {
    const ir = await parseBody('model A {\n  id Int @id\n}');
    expect(field(model(ir, 'A'), 'id')).toEqual({
      name: 'id', kind: 'scalar', type: 'Int', isList: false, isRequired: true, isId: true, isUnique: false,
      hasDefault: false, isUpdatedAt: false, isForeignKey: false, loc: { file: 'schema.prisma', line: 11 },
    });
  });
});

const relations = `
model User {
  id       Int      @id
  profile  Profile?
  posts    Post[]
  groups   Group[]
  mentorId Int?
  mentor   User?    @relation("Mentoring", fields: [mentorId], references: [id])
  mentees  User[]   @relation("Mentoring")
}
model Profile {
  id     Int  @id
  userId Int  @unique
  user   User @relation(fields: [userId], references: [id])
}
model Post {
  id       Int  @id
  authorId Int
  author   User @relation(fields: [authorId], references: [id])
}
model Group {
  id      Int    @id
  members User[]
}
`;

describe('relations', () => {
  const cases: [string, { model: string; field: string; want: Record<string, unknown> }][] = [
    ['1-1 owning side', { model: 'Profile', field: 'user', want: { kind: 'relation', type: 'User', isList: false, fromFields: ['userId'], toFields: ['id'], relationName: 'ProfileToUser' } }],
    ['1-1 back side', { model: 'User', field: 'profile', want: { kind: 'relation', type: 'Profile', isRequired: false, fromFields: [], toFields: [] } }],
    ['1-1 foreign key', { model: 'Profile', field: 'userId', want: { kind: 'scalar', isForeignKey: true, isUnique: true } }],
    ['1-n owning side', { model: 'Post', field: 'author', want: { type: 'User', fromFields: ['authorId'], toFields: ['id'] } }],
    ['1-n list side', { model: 'User', field: 'posts', want: { type: 'Post', isList: true, fromFields: [] } }],
    ['1-n foreign key', { model: 'Post', field: 'authorId', want: { isForeignKey: true } }],
    ['implicit m-n', { model: 'Group', field: 'members', want: { type: 'User', isList: true, fromFields: [], relationName: 'GroupToUser' } }],
    ['implicit m-n other side', { model: 'User', field: 'groups', want: { type: 'Group', isList: true, relationName: 'GroupToUser' } }],
    ['self-relation owning side', { model: 'User', field: 'mentor', want: { type: 'User', relationName: 'Mentoring', fromFields: ['mentorId'] } }],
    ['self-relation back side', { model: 'User', field: 'mentees', want: { type: 'User', isList: true, relationName: 'Mentoring', fromFields: [] } }],
    ['self-relation foreign key', { model: 'User', field: 'mentorId', want: { isForeignKey: true, isRequired: false } }],
  ];
  it.each(cases)('%s', async (_name, { model: m, field: f, want }) => {
    const ir = await parseBody(relations);
    expect(field(model(ir, m), f)).toMatchObject(want);
  });
});

describe('unique keys', () => {
  const cases: [string, { given: string; want: unknown }][] = [
    ['single @id', { given: 'model A {\n  id Int @id\n}', want: [{ fields: ['id'], clientKey: 'id', kind: 'id' }] }],
    ['@id then @unique fields then @@unique', {
      given: 'model A {\n  id Int @id\n  email String @unique\n  a Int\n  b Int\n  @@unique([a, b])\n}',
      want: [
        { fields: ['id'], clientKey: 'id', kind: 'id' },
        { fields: ['email'], clientKey: 'email', kind: 'unique' },
        { fields: ['a', 'b'], clientKey: 'a_b', kind: 'unique' },
      ],
    }],
    ['composite @@id without name', { given: 'model A {\n  a Int\n  b String\n  @@id([a, b])\n}', want: [{ fields: ['a', 'b'], clientKey: 'a_b', kind: 'id' }] }],
    ['composite @@id with name', { given: 'model A {\n  a Int\n  b String\n  @@id(name: "pair", fields: [a, b])\n}', want: [{ fields: ['a', 'b'], clientKey: 'pair', kind: 'id' }] }],
    ['named @@unique', {
      given: 'model A {\n  id Int @id\n  a Int\n  b Int\n  @@unique([b, a], name: "byBA")\n}',
      want: [{ fields: ['id'], clientKey: 'id', kind: 'id' }, { fields: ['b', 'a'], clientKey: 'byBA', kind: 'unique' }],
    }],
    ['@@unique with map but no name keeps the field-joined key', {
      given: 'model A {\n  id Int @id\n  a Int\n  b Int\n  @@unique([a, b], map: "a_b_idx")\n}',
      want: [{ fields: ['id'], clientKey: 'id', kind: 'id' }, { fields: ['a', 'b'], clientKey: 'a_b', kind: 'unique' }],
    }],
    ['single-field @@unique', { given: 'model A {\n  id Int @id\n  a Int\n  @@unique([a])\n}', want: [{ fields: ['id'], clientKey: 'id', kind: 'id' }, { fields: ['a'], clientKey: 'a', kind: 'unique' }] }],
  ];
  it.each(cases)('%s', async (_name, { given, want }) => {
    const ir = await parseBody(given);
    expect(model(ir, 'A').uniqueKeys).toEqual(want);
  });
});

describe('models, enums and schema facts', () => {
  it('reads @@map, model docs, locations and schema order', async () => {
    const ir = await parseBody('/// People.\nmodel Zed {\n  id Int @id\n  @@map("zeds")\n}\n\nmodel Alpha {\n  id Int @id\n}\n');
    expect(ir.models.map((m) => [m.name, m.dbName, m.doc, m.loc])).toEqual([
      ['Zed', 'zeds', 'People.', { file: 'schema.prisma', line: 11 }],
      ['Alpha', undefined, undefined, { file: 'schema.prisma', line: 16 }],
    ]);
    expect(field(model(ir, 'Alpha'), 'id').loc).toEqual({ file: 'schema.prisma', line: 17 });
  });

  it('marks views, ignoring commented-out view headers', async () => {
    const ir = await parseBody('model User {\n  id Int @id\n}\n// view User {\nview UserSummary {\n  id Int @unique\n  n  Int\n}\n');
    expect(ir.models.map((m) => [m.name, m.isView])).toEqual([['User', false], ['UserSummary', true]]);
    expect(ir.previewFeatures).toEqual(['views']);
  });

  it('lists Unsupported fields, which DMMF omits', async () => {
    const ir = await parseBody('model A {\n  id Int @id\n  embedding Unsupported("vector(3)")?\n  geo Unsupported("geometry")?\n}');
    const a = model(ir, 'A');
    expect(a.unsupportedFields).toEqual(['embedding', 'geo']);
    expect(a.fields.map((f) => f.name)).toEqual(['id']);
  });

  it('reads enums in schema order with their values by name', async () => {
    const ir = await parseBody('/// Kinds.\nenum Kind {\n  B\n  A @map("a")\n}\nenum Other {\n  X\n}\nmodel M {\n  id Int @id\n}');
    expect(ir.enums).toEqual([
      { name: 'Kind', values: ['B', 'A'], doc: 'Kinds.' },
      { name: 'Other', values: ['X'] },
    ]);
  });

  it('reads provider, client generator (output resolved from the schema folder) and files', async () => {
    const ir = await parseBody('model A {\n  id Int @id\n}');
    expect(ir.provider).toBe('postgresql');
    expect(ir.client).toEqual({ provider: 'prisma-client', output: '/generated/prisma' });
    expect(ir.files).toEqual(['schema.prisma']);
    expect(ir.notes).toEqual([]);
  });

  it('recognises prisma-client-js without an output', async () => {
    const header = 'datasource db {\n  provider = "sqlite"\n}\ngenerator client {\n  provider = "prisma-client-js"\n}\n';
    const ir = await parseBody('model A {\n  id Int @id\n}', header);
    expect(ir.provider).toBe('sqlite');
    expect(ir.client).toEqual({ provider: 'prisma-client-js' });
  });

  it('notes @ignore\'d models and fields, which DMMF omits', async () => {
    const ir = await parseBody('model A {\n  id Int @id\n  secret String @ignore\n}\nmodel Legacy {\n  id Int @id\n  @@ignore\n}');
    expect(ir.models.map((m) => m.name)).toEqual(['A']);
    expect(ir.notes).toEqual([
      "schema.prisma: skipped @ignore'd field A.secret, model Legacy (Prisma Client does not expose them)",
    ]);
  });

  it('gives the same IR on a second run', async () => {
    expect(await parseBody(relations)).toEqual(await parseBody(relations));
  });
});
