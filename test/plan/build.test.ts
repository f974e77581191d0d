import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/plan/build.js';
import { PlanError } from '../../src/plan/errors.js';
import type { SchemaIR } from '../../src/ir/types.js';
import type { ResolvedConfig } from '../../src/config/types.js';
import { apiKeys, blog, config, id, ir, many, model, relation, scalar, enumField } from './ir.js';

function problems(schema: SchemaIR, cfg: ResolvedConfig): string[] {
  try {
    buildPlan(schema, cfg);
  } catch (error) {
    if (error instanceof PlanError) return [...error.problems];
    throw error;
  }
  throw new Error('expected a PlanError');
}

const plan = (models: Record<string, object>, extra: object = {}) => buildPlan(blog, config({ toolsets: { blog: { models } }, ...extra }));
const modelPlan = (name: string, mc: object = {}, extra: object = {}) => {
  const p = plan({ [name]: mc }, extra).models.find((m) => m.model.name === name);
  if (p === undefined) throw new Error(`no plan for ${name}`);
  return p;
};
const names = (fields: readonly { name: string }[]) => fields.map((f) => f.name);

describe('buildPlan: defaults', () => {
  it('plans a model with default operations, names, delegate, file, take', () => {
    const p = modelPlan('BlogPost');
    expect(p.operations).toEqual(['list', 'get', 'count', 'aggregate']);
    expect(p.toolNames).toEqual({ list: 'list_blog_posts', get: 'get_blog_post', count: 'count_blog_posts', aggregate: 'aggregate_blog_posts' });
    expect(p.delegate).toBe('blogPost');
    expect(p.fileName).toBe('blog-post');
    expect(p.toolset).toBe('blog');
    expect([p.defaultTake, p.maxTake]).toEqual([20, 100]);
    expect(p.keys).toEqual([
      { fields: ['id'], clientKey: 'id' },
      { fields: ['slug'], clientKey: 'slug' },
      { fields: ['authorId', 'title'], clientKey: 'authorId_title' },
    ]);
  });

  it('takes page sizes from defaults and the model; a lower maxTake caps the default', () => {
    expect(modelPlan('Tag', { maxTake: 10 })).toMatchObject({ defaultTake: 10, maxTake: 10 });
    expect(modelPlan('Tag', { defaultTake: 5 }, { defaults: { defaultTake: 7, maxTake: 50 } })).toMatchObject({ defaultTake: 5, maxTake: 50 });
    expect(modelPlan('Tag', {}, { defaults: { defaultTake: 7, maxTake: 50 } })).toMatchObject({ defaultTake: 7, maxTake: 50 });
  });

  it('sorts models by name, keeps toolsets in config order, sorts notes, copies output and db', () => {
    const p = buildPlan(blog, config({ output: 'out', db: 'db.ts', toolsets: { z: { description: 'Z', models: { Tag: {}, Comment: {} } }, a: { models: { User: {} } } } }));
    expect(p.models.map((m) => m.model.name)).toEqual(['Comment', 'Tag', 'User']);
    expect(p.toolsets).toEqual([{ name: 'z', description: 'Z', models: ['Tag', 'Comment'], mode: 'full', apps: true }, { name: 'a', models: ['User'], mode: 'full', apps: true }]);
    expect(p.output).toBe('out');
    expect(p.dbModule).toBe('db.ts');
    expect(p.scopesModule).toBeUndefined();
    expect(p.notes).toEqual([...p.notes].sort());
    expect(p.provider).toBe('sqlite');
  });

  it('keeps only enums used by exposed fields', () => {
    expect(plan({ User: {} }).enums.map((e) => e.name)).toEqual(['Role']);
    expect(plan({ User: { fields: { exclude: ['role'] } } }).enums).toEqual([]);
    expect(plan({ Tag: {} }).enums).toEqual([]);
  });
});

describe('buildPlan: fields', () => {
  it('exposes every value field in schema order, minus excluded ones', () => {
    expect(names(modelPlan('BlogPost', { fields: { exclude: ['internalNotes'] } }).fields)).toEqual([
      'id', 'slug', 'title', 'body', 'published', 'authorId', 'createdAt', 'updatedAt',
    ]);
  });

  it('include is a whitelist, in schema order', () => {
    expect(names(modelPlan('BlogPost', { fields: { include: ['title', 'id'] } }).fields)).toEqual(['id', 'title']);
  });

  it('hides secret-looking fields with a note, even with exclude lists', () => {
    for (const fields of [undefined, { exclude: ['name'] }]) {
      const p = plan({ User: fields === undefined ? {} : { fields } });
      expect(names(p.models[0]!.fields)).not.toContain('passwordHash');
      expect(p.notes).toContain('User.passwordHash hidden (looks secret); list it in fields.include to expose it');
    }
  });

  it('exposes a secret-looking field only when named in include', () => {
    const p = plan({ User: { fields: { include: ['id', 'passwordHash'] } } });
    expect(names(p.models[0]!.fields)).toEqual(['id', 'passwordHash']);
    expect(p.notes.filter((n) => n.includes('passwordHash'))).toEqual([]);
  });

  it('exposes relations only when not hidden and the target is exposed', () => {
    const rel = (m: string, mc: object, others: Record<string, object>) =>
      plan({ [m]: mc, ...others }).models.find((x) => x.model.name === m)!.relations.map((r) => [r.field.name, r.target]);
    expect(rel('BlogPost', {}, {})).toEqual([]);
    // Default: to-one relations only; to-many ones are named in `relations`.
    expect(rel('BlogPost', {}, { User: {}, Tag: {} })).toEqual([['author', 'User']]);
    expect(rel('BlogPost', { relations: ['tags', 'author'] }, { User: {}, Tag: {} })).toEqual([['author', 'User'], ['tags', 'Tag']]);
    expect(rel('BlogPost', { relations: [] }, { User: {}, Tag: {} })).toEqual([]);
    expect(rel('BlogPost', { fields: { exclude: ['author'] } }, { User: {}, Tag: {} })).toEqual([]);
    expect(rel('BlogPost', { fields: { include: ['id', 'tags'] }, relations: ['tags'] }, { User: {}, Tag: {} })).toEqual([['tags', 'Tag']]);
    expect(rel('User', {}, { BlogPost: {} })).toEqual([]);
  });

  it('says what is wrong with each listed relation, by key path', () => {
    const bad = problems(blog, config({ toolsets: { blog: { models: {
      BlogPost: { fields: { exclude: ['author'] }, relations: ['comment', 'title', 'author', 'tags', 'tags'] },
      Tag: {},
    } } } }));
    expect(bad).toEqual([
      expect.stringMatching(/^toolsets\.blog\.models\.BlogPost\.relations\[0\]: unknown relation "comment" on BlogPost \(did you mean "comments"\?\)\. Relations: author, comments, tags$/),
      'toolsets.blog.models.BlogPost.relations[1]: BlogPost.title is a value field, not a relation. Relations: author, comments, tags',
      'toolsets.blog.models.BlogPost.relations[2]: BlogPost.author is hidden by toolsets.blog.models.BlogPost.fields; a hidden relation cannot be listed here',
      'toolsets.blog.models.BlogPost.relations[4]: "tags" is listed twice',
    ]);
    expect(problems(blog, config({ toolsets: { blog: { models: { BlogPost: { relations: ['comments'] } } } } }))).toEqual([
      'toolsets.blog.models.BlogPost.relations[0]: BlogPost.comments points at Comment, which no toolset exposes; add Comment to a toolset\'s models',
    ]);
  });

  it('drops keys with a hidden field', () => {
    expect(modelPlan('BlogPost', { fields: { exclude: ['title'] } }).keys.map((k) => k.clientKey)).toEqual(['id', 'slug']);
  });
});

describe('buildPlan: writable', () => {
  const ops = ['list', 'create', 'update'];
  it('defaults to exposed value fields minus ids with defaults and @updatedAt', () => {
    expect(names(modelPlan('BlogPost', { operations: ops, fields: { exclude: ['internalNotes'] } }).writable)).toEqual([
      'slug', 'title', 'body', 'published', 'authorId', 'createdAt',
    ]);
  });
  it('keeps an id without a default writable', () => {
    expect(names(modelPlan('Tag', { operations: ops }).writable)).toEqual(['name']);
  });
  it('takes an explicit list in schema order', () => {
    expect(names(modelPlan('BlogPost', { operations: ['list', 'update'], writable: ['title', 'slug'] }).writable)).toEqual(['slug', 'title']);
  });
  it.each([
    [{ writable: ['titel'] }, 'toolsets.blog.models.BlogPost.writable[0]: unknown field "titel" on BlogPost (did you mean "title"?). Fields: author, authorId, body, comments, createdAt, id, internalNotes, published, slug, tags, title, updatedAt'],
    [{ writable: ['internalNotes'], fields: { exclude: ['internalNotes'] } }, 'toolsets.blog.models.BlogPost.writable[0]: BlogPost.internalNotes is not exposed, so it cannot be writable: it is in fields.exclude'],
    [{ writable: ['title', 'author'] }, 'toolsets.blog.models.BlogPost.writable[1]: BlogPost.author is a relation, not a value field; list its foreign key authorId instead'],
  ])('rejects %j', (mc, want) => {
    expect(problems(blog, config({ toolsets: { blog: { models: { BlogPost: { operations: ['list', 'update'], ...mc } } } } }))).toEqual([want]);
  });
  it('rejects a secret-looking writable field with the reason', () => {
    expect(problems(blog, config({ toolsets: { blog: { models: { User: { operations: ['update'], writable: ['passwordHash'] } } } } }))).toEqual([
      'toolsets.blog.models.User.writable[0]: User.passwordHash is not exposed, so it cannot be writable: it looks secret; list it in fields.include to expose it',
    ]);
  });
  it('refuses create when a required field without default is not writable', () => {
    expect(problems(blog, config({ toolsets: { blog: { models: { User: { operations: ['create'] } } } } }))).toEqual([
      'toolsets.blog.models.User.operations: create needs User.passwordHash (required, no default) but it is not writable; add it to writable or drop create',
    ]);
  });
});

describe('buildPlan: operations', () => {
  const view = model('PostStats', [scalar('postId', 'Int', { isUnique: true }), scalar('views', 'Int')], { isView: true });
  const keyless = model('Log', [scalar('at', 'DateTime'), scalar('message', 'String')], { uniqueKeys: [] });
  const schema = ir([view, keyless]);

  it('puts operations in canonical order and drops duplicates', () => {
    expect(modelPlan('Tag', { operations: ['delete', 'list', 'list', 'create'] }).operations).toEqual(['list', 'create', 'delete']);
  });
  it('gives views reads only and refuses writes with the reason', () => {
    expect(buildPlan(schema, config({ toolsets: { s: { models: { PostStats: {} } } } })).models[0]!.operations).toEqual(['list', 'get', 'count', 'aggregate']);
    expect(problems(schema, config({ toolsets: { s: { models: { PostStats: { operations: ['list', 'create'] } } } } }))).toEqual([
      'toolsets.s.models.PostStats.operations: "create" is not available: PostStats is a view, and views are read-only',
    ]);
  });
  it('drops get silently (with a note) from defaults for keyless models; refuses it when asked', () => {
    const p = buildPlan(schema, config({ toolsets: { s: { models: { Log: {} } } } }));
    expect(p.models[0]!.operations).toEqual(['list', 'count', 'aggregate']);
    expect(p.notes).toContain('Log: no get tool (Log has no @id or @unique)');
    expect(problems(schema, config({ toolsets: { s: { models: { Log: { operations: ['get', 'update'] } } } } }))).toEqual([
      'toolsets.s.models.Log.operations: "get" needs a unique key to address one row, but Log has no @id or @unique',
      'toolsets.s.models.Log.operations: "update" is not available: Log has no @id or @unique, so Prisma cannot write single rows of it',
    ]);
  });
  it('needs a unique key made of exposed fields for get', () => {
    const mc = { fields: { include: ['title', 'body'] } };
    expect(modelPlan('BlogPost', mc).operations).toEqual(['list', 'count', 'aggregate']);
    expect(problems(blog, config({ toolsets: { blog: { models: { BlogPost: { ...mc, operations: ['get'] } } } } }))).toEqual([
      `toolsets.blog.models.BlogPost.operations: "get" needs a unique key to address one row, but none of BlogPost's unique keys (id, slug, (authorId, title)) is fully exposed`,
    ]);
  });
});

describe('buildPlan: names', () => {
  it('overrides per operation', () => {
    expect(modelPlan('BlogPost', { names: { list: 'search_posts' } }).toolNames.list).toBe('search_posts');
  });
  it('refuses a name for an operation the model does not get', () => {
    expect(problems(blog, config({ toolsets: { blog: { models: { Tag: { names: { create: 'new_tag' } } } } } }))).toEqual([
      'toolsets.blog.models.Tag.names.create: Tag has no create tool to rename (operations: list, get, count, aggregate)',
    ]);
  });
  it('refuses a model in two toolsets, naming both key paths', () => {
    const ps = problems(blog, config({ toolsets: { blog: { models: { Tag: { operations: ['list'] } } }, admin_tools: { models: { Tag: { operations: ['list'], names: { list: 'admin_list_tags' } } } } } }));
    expect(ps).toEqual([
      'toolsets.admin_tools.models.Tag: Tag is already exposed at toolsets.blog.models.Tag; a model belongs to one toolset (grant keys several toolsets\' scopes instead)',
    ]);
  });
  it('reports any two tools with one name', () => {
    expect(problems(blog, config({ toolsets: { blog: { models: { Tag: { names: { list: 'list_things' } }, Comment: { names: { count: 'list_things' } } } } } }))).toEqual([
      `toolsets.blog.models.Comment: tool name "list_things" is produced by toolsets.blog.models.Tag (list) and toolsets.blog.models.Comment (count); give one of them a distinct name with names: { <operation>: '...' }`,
    ]);
  });
  it('apps: true by default, false at the top level or per toolset; view_rows is reserved while any toolset has views', () => {
    const p = buildPlan(blog, config({ apps: false, toolsets: { a: { models: { Tag: {} } }, b: { apps: true, models: { User: {} } } } }));
    expect(p.toolsets.map((t) => [t.name, t.apps])).toEqual([['a', false], ['b', true]]);
    expect(p.models.map((m) => [m.model.name, m.apps])).toEqual([['Tag', false], ['User', true]]);
    expect(buildPlan(blog, config({ toolsets: { a: { models: { Tag: {} } } } })).models[0]!.apps).toBe(true);
    expect(problems(blog, config({ toolsets: { blog: { models: { Tag: { names: { get: 'view_rows' } } } } } }))).toEqual([
      `toolsets.blog.models.Tag: tool name "view_rows" is produced by MCP Apps (toolsets.blog; apps: false turns it off) and toolsets.blog.models.Tag (get); give one of them a distinct name with names: { <operation>: '...' }`,
    ]);
    expect(buildPlan(blog, config({ apps: false, toolsets: { blog: { models: { Tag: { names: { get: 'view_rows' } } } } } })).models[0]!.toolNames.get).toBe('view_rows');
  });

  it('reserves get_user_info with API keys', () => {
    expect(problems(blog, config({ auth: apiKeys, toolsets: { blog: { models: { Tag: { names: { get: 'get_user_info' } } } } } }))).toEqual([
      `toolsets.blog.models.Tag: tool name "get_user_info" is produced by auth (built-in get_user_info) and toolsets.blog.models.Tag (get); give one of them a distinct name with names: { <operation>: '...' }`,
    ]);
  });
});

describe('buildPlan: unknown names, all problems at once', () => {
  it('lists every problem with key paths and what exists', () => {
    expect(
      problems(blog, config({
        toolsets: {
          blog: {
            models: {
              BlogPst: {},
              Comment: { fields: { exclude: ['bdy', 'zzz'] } },
              Tag: { fields: { include: ['name', 'postz'] } },
            },
          },
        },
      })),
    ).toEqual([
      'toolsets.blog.models.BlogPst: unknown model "BlogPst" (did you mean "BlogPost"?). Models: BlogPost, Comment, McpApiKey, Tag, User',
      'toolsets.blog.models.Comment.fields.exclude[0]: unknown field "bdy" on Comment (did you mean "body"?). Fields: author, authorId, body, id, post, postId',
      'toolsets.blog.models.Comment.fields.exclude[1]: unknown field "zzz" on Comment. Fields: author, authorId, body, id, post, postId',
      'toolsets.blog.models.Tag.fields.include[1]: unknown field "postz" on Tag (did you mean "posts"?). Fields: name, posts',
    ]);
  });
  it('PlanError message lists the problems', () => {
    expect(() => plan({ Nope: {} })).toThrow(/does not match the schema:\n {2}- toolsets\.blog\.models\.Nope: unknown model "Nope"/);
  });
  it('notes Unsupported fields of exposed models and refuses including them', () => {
    const schema = ir([model('Place', [id(), scalar('name', 'String')], { unsupportedFields: ['location'] })]);
    expect(buildPlan(schema, config({ toolsets: { geo: { models: { Place: {} } } } })).notes).toEqual([
      'Place.location skipped (Unsupported type, invisible to Prisma Client)',
    ]);
    expect(problems(schema, config({ toolsets: { geo: { models: { Place: { fields: { include: ['id', 'location'] } } } } } }))).toEqual([
      'toolsets.geo.models.Place.fields.include[1]: Place.location has an Unsupported(...) type, which Prisma Client cannot read',
    ]);
  });
});

describe('buildPlan: auth', () => {
  it("auth 'none' plans no user", () => {
    expect(plan({ Tag: {} }).auth).toEqual({ kind: 'none' });
  });
  it('apiKeys plans the user, info fields, id field and key model', () => {
    const p = plan({ Tag: {} }, { auth: apiKeys });
    expect(p.auth.kind).toBe('apiKeys');
    expect(p.auth.user?.model).toBe('User');
    expect(names(p.auth.user!.info)).toEqual(['id', 'email', 'name']);
    expect(p.auth.user?.idField.name).toBe('id');
    expect(p.auth.keyModel).toEqual({ name: 'McpApiKey', delegate: 'mcpApiKey' });
  });
  it('adds enums used by info fields', () => {
    expect(plan({ Tag: {} }, { auth: { ...apiKeys, user: { model: 'User', info: ['id', 'role'] } } }).enums.map((e) => e.name)).toEqual(['Role']);
  });
  it('checks the user model, info fields and key model', () => {
    expect(problems(blog, config({ auth: { apiKeys: true, user: { model: 'Usr', info: ['id'] }, keyModel: 'ApiKey' }, toolsets: {} }))).toEqual([
      'auth.keyModel: the API key model "ApiKey" is not in the schema; `npx mcp-gen init` adds it (then migrate)',
      'auth.user.model: unknown model "Usr" (did you mean "User"?). Models: BlogPost, Comment, McpApiKey, Tag, User',
    ]);
    expect(problems(blog, config({ auth: { apiKeys: true, user: { model: 'User', info: ['id', 'emial', 'posts', 'passwordHash'] } }, toolsets: {} }))).toEqual([
      'auth.user.info[1]: unknown field "emial" on User (did you mean "email"?). Fields: comments, createdAt, email, id, name, passwordHash, posts, role',
      'auth.user.info[2]: User.posts is a relation; get_user_info returns value fields only',
      'auth.user.info[3]: User.passwordHash looks secret; get_user_info must not return it',
    ]);
  });
  it('needs a single-field id on the user model', () => {
    const schema = ir([
      model('Member', [scalar('org', 'String'), scalar('login', 'String')], { uniqueKeys: [{ fields: ['org', 'login'], clientKey: 'org_login', kind: 'id' }] }),
      model('McpApiKey', [id()]),
    ]);
    expect(problems(schema, config({ auth: { apiKeys: true, user: { model: 'Member', info: ['login'] } }, toolsets: {} }))).toEqual([
      'auth.user.model: Member needs a single-field @id for API keys to point at',
    ]);
  });
  it('never exposes the key model', () => {
    expect(problems(blog, config({ auth: apiKeys, toolsets: { blog: { models: { McpApiKey: {} } } } }))).toEqual([
      'toolsets.blog.models.McpApiKey: McpApiKey is the API key model (auth.keyModel) and is never exposed as a toolset',
    ]);
  });
});

describe('buildPlan: schema variety', () => {
  it('handles enum fields, composite ids and a model named like an acronym', () => {
    const schema = ir(
      [
        model('URLMap', [id('id', 'String'), enumField('kind', 'Kind'), relation('owner', 'PostLike', { fromFields: ['a', 'b'], toFields: ['userId', 'postId'] }), scalar('a', 'Int'), scalar('b', 'Int')]),
        model('PostLike', [scalar('userId', 'Int'), scalar('postId', 'Int'), many('maps', 'URLMap')], { uniqueKeys: [{ fields: ['userId', 'postId'], clientKey: 'userId_postId', kind: 'id' }] }),
      ],
      [{ name: 'Kind', values: ['A'] }, { name: 'Unused', values: ['B'] }],
    );
    const p = buildPlan(schema, config({ toolsets: { t: { models: { URLMap: {}, PostLike: { operations: ['get', 'delete'] } } } } }));
    expect(p.models.map((m) => [m.model.name, m.delegate, m.fileName, m.toolNames.get])).toEqual([
      ['PostLike', 'postLike', 'post-like', 'get_post_like'],
      ['URLMap', 'uRLMap', 'url-map', 'get_url_map'],
    ]);
    expect(p.models[0]!.keys).toEqual([{ fields: ['userId', 'postId'], clientKey: 'userId_postId' }]);
    expect(p.enums.map((e) => e.name)).toEqual(['Kind']);
  });
});

describe('buildPlan: mode and relation depth', () => {
  it('resolves mode per toolset (top-level default) and relationDepth per model', () => {
    expect(modelPlan('Tag')).toMatchObject({ mode: 'full', relationDepth: 2 });
    expect(modelPlan('Tag', { relationDepth: 1 }, { mode: 'compact' })).toMatchObject({ mode: 'compact', relationDepth: 1 });
    const p = buildPlan(blog, config({ mode: 'compact', defaults: { defaultTake: 20, maxTake: 100, relationDepth: 3 }, toolsets: { a: { models: { Tag: {} } }, b: { mode: 'full', models: { User: {} } } } }));
    expect(p.models.map((m) => [m.model.name, m.mode, m.relationDepth])).toEqual([['Tag', 'compact', 3], ['User', 'full', 3]]);
    expect(p.toolsets.map((t) => [t.name, t.mode])).toEqual([['a', 'compact'], ['b', 'full']]);
  });

  it('reserves the compact tool names when a toolset is compact', () => {
    const cfg = config({ toolsets: { a: { mode: 'compact', models: { Tag: {} } }, b: { models: { User: { names: { list: 'query' } } } } } });
    expect(problems(blog, cfg)).toEqual([expect.stringMatching(/tool name "query" is produced by compact mode \(toolsets\.a\) and toolsets\.b\.models\.User \(list\)/)]);
  });

  it('code mode: per toolset, its tool names reserved, its caps in the runtime\'s units', () => {
    const p = buildPlan(blog, config({ code: { timeoutMs: 2000, memoryMb: 32, stackKb: 128, maxCalls: 10 }, toolsets: { a: { mode: 'code', models: { Tag: {} } }, b: { models: { User: {} } } } }));
    expect(p.models.map((m) => [m.model.name, m.mode, m.apps])).toEqual([['Tag', 'code', false], ['User', 'full', true]]);
    expect(p.toolsets.map((t) => [t.name, t.apps])).toEqual([['a', false], ['b', true]]);
    expect(p.code).toEqual({ timeoutMs: 2000, memoryBytes: 32 * 1024 * 1024, stackBytes: 128 * 1024, maxCalls: 10 });
    expect(buildPlan(blog, config({ toolsets: { a: { models: { Tag: {} } } } })).code).toBeUndefined();
    const clash = config({ toolsets: { a: { mode: 'code', models: { Tag: {} } }, b: { models: { User: { names: { list: 'execute' } } } } } });
    expect(problems(blog, clash)).toEqual([expect.stringMatching(/tool name "execute" is produced by code mode \(toolsets\.a\) and toolsets\.b\.models\.User \(list\)/)]);
  });

  it('refuses code and compact in one config, naming the key', () => {
    const cfg = config({ toolsets: { a: { mode: 'code', models: { Tag: {} } }, b: { mode: 'compact', models: { User: {} } } } });
    expect(problems(blog, cfg)).toEqual([expect.stringMatching(/^toolsets\.a\.mode: 'code' cannot be mixed with 'compact' \(toolsets\.b\)/)]);
  });
});
