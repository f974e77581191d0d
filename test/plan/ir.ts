/** Tiny IR builders for plan tests: just enough to state a schema inline. */
import type { EnumField, Field, Model, RelationField, ScalarField, ScalarType, SchemaIR, UniqueKey, Enum } from '../../src/ir/types.js';
import type { McpGenConfig, ResolvedConfig } from '../../src/config/types.js';
import { validateConfig } from '../../src/config/validate.js';

type Opts<T> = Partial<Omit<T, 'name' | 'kind' | 'type'>>;

export function scalar(name: string, type: ScalarType, o: Opts<ScalarField> = {}): ScalarField {
  return {
    name, kind: 'scalar', type, isList: false, isRequired: true, isId: false, isUnique: false,
    hasDefault: false, isUpdatedAt: false, isForeignKey: false, ...o,
  };
}
export const id = (name = 'id', type: ScalarType = 'Int'): ScalarField => scalar(name, type, { isId: true, hasDefault: true });
export function enumField(name: string, type: string, o: Opts<EnumField> = {}): EnumField {
  return { name, kind: 'enum', type, isList: false, isRequired: true, isId: false, isUnique: false, hasDefault: false, isForeignKey: false, ...o };
}
export function relation(name: string, type: string, o: Opts<RelationField> = {}): RelationField {
  return { name, kind: 'relation', type, isList: false, isRequired: true, relationName: name, fromFields: [], toFields: [], ...o };
}
export const many = (name: string, type: string): RelationField => relation(name, type, { isList: true });

/** Unique keys default to the `isId` field, then each `isUnique` field. */
export function model(name: string, fields: Field[], o: Partial<Omit<Model, 'name' | 'fields'>> = {}): Model {
  const single = (kind: 'id' | 'unique') =>
    fields
      .filter((f) => f.kind !== 'relation' && (kind === 'id' ? f.isId : f.isUnique))
      .map((f): UniqueKey => ({ fields: [f.name], clientKey: f.name, kind }));
  return { name, isView: false, fields, uniqueKeys: [...single('id'), ...single('unique')], unsupportedFields: [], ...o };
}

export function ir(models: Model[], enums: Enum[] = []): SchemaIR {
  return { provider: 'sqlite', models, enums, files: ['prisma/schema.prisma'], previewFeatures: [], notes: [] };
}

export function config(c: Partial<McpGenConfig> & Pick<McpGenConfig, 'toolsets'>): ResolvedConfig {
  return validateConfig({ auth: 'none', ...c }, 'mcp-gen.config.ts');
}

/** The blog fixture (fixtures/blog/prisma/schema.prisma), by hand. */
export const roleEnum: Enum = { name: 'Role', values: ['READER', 'AUTHOR', 'ADMIN'] };
export const blog = ir(
  [
    model('User', [
      id(),
      scalar('email', 'String', { isUnique: true }),
      scalar('name', 'String', { isRequired: false }),
      enumField('role', 'Role', { hasDefault: true }),
      scalar('passwordHash', 'String'),
      scalar('createdAt', 'DateTime', { hasDefault: true }),
      many('posts', 'BlogPost'),
      many('comments', 'Comment'),
    ]),
    model(
      'BlogPost',
      [
        id(),
        scalar('slug', 'String', { isUnique: true }),
        scalar('title', 'String'),
        scalar('body', 'String', { isRequired: false }),
        scalar('published', 'Boolean', { hasDefault: true }),
        scalar('internalNotes', 'String', { isRequired: false }),
        relation('author', 'User', { fromFields: ['authorId'], toFields: ['id'] }),
        scalar('authorId', 'Int', { isForeignKey: true }),
        many('comments', 'Comment'),
        many('tags', 'Tag'),
        scalar('createdAt', 'DateTime', { hasDefault: true }),
        scalar('updatedAt', 'DateTime', { isUpdatedAt: true }),
      ],
      {
        uniqueKeys: [
          { fields: ['id'], clientKey: 'id', kind: 'id' },
          { fields: ['slug'], clientKey: 'slug', kind: 'unique' },
          { fields: ['authorId', 'title'], clientKey: 'authorId_title', kind: 'unique' },
        ],
      },
    ),
    model('Comment', [
      id(),
      scalar('body', 'String'),
      relation('post', 'BlogPost', { fromFields: ['postId'], toFields: ['id'] }),
      scalar('postId', 'Int', { isForeignKey: true }),
      relation('author', 'User', { fromFields: ['authorId'], toFields: ['id'] }),
      scalar('authorId', 'Int', { isForeignKey: true }),
    ]),
    model('Tag', [scalar('name', 'String', { isId: true }), many('posts', 'BlogPost')]),
    model('McpApiKey', [id('id', 'String'), scalar('hash', 'String', { isUnique: true }), scalar('userId', 'Int')]),
  ],
  [roleEnum],
);

export const apiKeys = { apiKeys: true as const, user: { model: 'User', info: ['id', 'email', 'name'] } };
