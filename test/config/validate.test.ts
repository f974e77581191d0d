import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../src/config/validate.js';
import { ConfigError } from '../../src/config/errors.js';
import { defineConfig } from '../../src/index.js';

const F = 'mcp-gen.config.ts';

function problems(raw: unknown): string[] {
  try {
    validateConfig(raw, F);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  throw new Error('expected a ConfigError');
}

const base = { auth: 'none', toolsets: { blog: { models: { Post: {} } } } };
const withModel = (m: unknown) => ({ auth: 'none', toolsets: { blog: { models: { Post: m } } } });

describe('validateConfig: defaults', () => {
  it('fills every default and keeps operations undefined', () => {
    expect(validateConfig(base, F)).toEqual({
      output: 'src/mcp/generated',
      db: 'src/mcp/db.ts',
      scopesModule: 'src/mcp/scopes.ts',
      tools: { dir: 'src/mcp/tools' },
      auth: 'none',
      defaults: { defaultTake: 20, maxTake: 100, relationDepth: 2 },
      mode: 'full',
      apps: true,
      toolsets: { blog: { models: { Post: {} } } },
      publish: {},
      server: {},
    });
  });

  it('keeps what the user set, and defaults the key model', () => {
    const c = validateConfig(
      defineConfig({
        schema: 'db/schema.prisma',
        output: 'gen',
        db: 'src/db.ts',
        scopesModule: 'src/scopes.ts',
        tools: { dir: 'src/tools' },
        auth: { apiKeys: true, user: { model: 'User', info: ['id'] } },
        defaults: { defaultTake: 5, maxTake: 50 },
        toolsets: { blog: { description: 'd', models: { Post: { operations: ['list', 'create'], fields: { exclude: ['x'] }, writable: ['a'], maxTake: 9, defaultTake: 3, names: { list: 'all_posts' }, scope: { authorId: '$user.id' } } } } },
      }),
      F,
    );
    expect(c.schema).toBe('db/schema.prisma');
    expect(c.auth).toEqual({ apiKeys: true, user: { model: 'User', info: ['id'] }, keyModel: 'McpApiKey' });
    expect(c.defaults).toEqual({ defaultTake: 5, maxTake: 50, relationDepth: 2 });
    expect(c.apps).toBe(true);
    expect(c.toolsets['blog']!.models['Post']!.names).toEqual({ list: 'all_posts' });
  });
});

describe('validateConfig: problems name the key path and what was found', () => {
  it.each<[string, unknown, string[]]>([
    ['negative maxTake', withModel({ maxTake: -1 }), [`${F}: toolsets.blog.models.Post.maxTake: expected a positive integer, got -1`]],
    ['fractional take', withModel({ defaultTake: 1.5 }), [`${F}: toolsets.blog.models.Post.defaultTake: expected a positive integer, got 1.5`]],
    ['unknown model option with a suggestion', withModel({ maxTak: 3 }), [`${F}: toolsets.blog.models.Post.maxTak: unknown option (did you mean "maxTake"?)`]],
    ['unknown top-level option', { ...base, foo: 1 }, [`${F}: foo: unknown option; config options are schema, output, db, scopesModule, importFileExtension, tools, auth, defaults, mode, apps, toolsets, publish, limits, audit, server`]],
    ['server option misspelt', { ...base, server: { nme: 'x' } }, [`${F}: server.nme: unknown option (did you mean "name"?)`]],
    ['server instructions without a mode', { ...base, server: { instructions: { text: 'x' } } }, [`${F}: server.instructions.mode: required: expected 'replace' or 'append'`]],
    ['server instructions of the wrong type', { ...base, server: { instructions: 5 } }, [`${F}: server.instructions: expected a string, { text, mode: 'replace' | 'append' }, or false, got 5`]],
    ['toolset instructions without text', { auth: 'none', toolsets: { blog: { models: {}, instructions: { mode: 'append' } } } }, [`${F}: toolsets.blog.instructions.text: required: expected a string`]],
    ['icon over plain http', { ...base, server: { icons: [{ src: 'http://x.example/i.png' }] } }, [`${F}: server.icons[0].src: expected an https: URL, a data:image/… URI or a file path relative to the project root, e.g. 'public/icon.png'`]],
    ['icon outside the project', { ...base, server: { icons: [{ src: 'public/../../secret.png' }, { src: '/etc/x.png' }] } }, [
      `${F}: server.icons[0].src: expected a file inside the project: a path relative to its root, without ..`,
      `${F}: server.icons[1].src: expected a file inside the project: a path relative to its root, without ..`,
    ]],
    ['icon fields', { ...base, server: { icons: [{ src: 'a.png', sizes: ['big'], theme: 'blue', mimeType: 'text/html' }], websiteUrl: 'ftp://x' } }, [
      `${F}: server.icons[0].mimeType: expected an image MIME type, e.g. 'image/png', got "text/html"`,
      `${F}: server.icons[0].sizes[0]: expected sizes like '48x48' or 'any', got "big"`,
      `${F}: server.icons[0].theme: expected 'light' or 'dark', got "blue"`,
      `${F}: server.websiteUrl: expected an http(s) URL, e.g. https://example.com, got "ftp://x"`,
    ]],
    ['apps not a boolean', { ...base, apps: 'yes' }, [`${F}: apps: expected true or false, got "yes"`]],
    ['toolset apps not a boolean', { ...base, toolsets: { blog: { models: { Post: {} }, apps: 1 } } }, [`${F}: toolsets.blog.apps: expected true or false, got 1`]],
    ['publish.trpc problems', { ...base, publish: { trpc: { router: 'a#b', createContex: 'x', toolset: 'App' } } }, [
      `${F}: publish.trpc.createContext: required: expected 'module#export'`,
      `${F}: publish.trpc.toolset: expected a toolset name of lowercase letters, digits and _, starting with a letter, got "App"`,
      `${F}: publish.trpc.createContex: unknown option (did you mean "createContext"?)`,
    ]],
    ['publish.trpc renamed to a bad tool name', { ...base, publish: { trpc: { router: 'a#b', createContext: 'c#d', names: { 'post.byId': 'Bad Name' } } } }, [
      `${F}: publish.trpc.names["post.byId"]: expected a tool name of lowercase letters, digits and _, starting with a letter, got "Bad Name"`,
    ]],
    ['unknown operation', withModel({ operations: ['list', 'gett'] }), [`${F}: toolsets.blog.models.Post.operations[1]: expected one of list, get, count, aggregate, create, update, delete, got "gett"`]],
    ['include and exclude together', withModel({ fields: { include: ['a'], exclude: ['b'] } }), [`${F}: toolsets.blog.models.Post.fields: expected exactly one of { include: [...] } or { exclude: [...] }`]],
    ['fields with neither', withModel({ fields: {} }), [`${F}: toolsets.blog.models.Post.fields: expected exactly one of { include: [...] } or { exclude: [...] }`]],
    ['field name not a string', withModel({ writable: ['a', 3] }), [`${F}: toolsets.blog.models.Post.writable[1]: expected a string, got 3`]],
    ['bad tool name', withModel({ names: { get: 'GetPost' } }), [`${F}: toolsets.blog.models.Post.names.get: expected a tool name of lowercase letters, digits and _, starting with a letter, got "GetPost"`]],
    ['names for an unknown operation', withModel({ names: { lst: 'x' } }), [`${F}: toolsets.blog.models.Post.names.lst: unknown option (did you mean "list"?)`]],
    ['bad toolset name', { auth: 'none', toolsets: { 'Blog-Admin': { models: {} } } }, [`${F}: toolsets["Blog-Admin"]: expected a toolset name of lowercase letters, digits and _, starting with a letter, got "Blog-Admin"`]],
    ['model is not an object', withModel(5), [`${F}: toolsets.blog.models.Post: expected an object, got 5`]],
    ['toolset without models', { auth: 'none', toolsets: { blog: {} } }, [`${F}: toolsets.blog.models: required: expected an object of models, e.g. { Post: {} }`]],
    ['missing auth', { toolsets: {} }, [`${F}: auth: required: expected 'none' or { apiKeys: true, user: { model: 'User', info: ['id', 'email'] } }`]],
    ['wrong auth string', { auth: 'apikeys', toolsets: {} }, [`${F}: auth: expected 'none' or { apiKeys: true, user: { model: 'User', info: ['id', 'email'] } }, got "apikeys"`]],
    ['auth object problems', { auth: { apiKeys: true, user: { model: 'User' }, keymodel: 'K' }, toolsets: {} }, [
      `${F}: auth.user.info: required: expected an array of field names`,
      `${F}: auth.keymodel: unknown option (did you mean "keyModel"?)`,
    ]],
    ['apiKeys false', { auth: { apiKeys: false, user: { model: 'User', info: [] } }, toolsets: {} }, [`${F}: auth.apiKeys: expected true, got false`]],
    ['scope function with extras', withModel({ scope: { function: 'f', authorId: 1 } }), [`${F}: toolsets.blog.models.Post.scope: expected { function: "<exported function name>" } with nothing else next to it`]],
    ['scope is a string', withModel({ scope: '$user.id' }), [`${F}: toolsets.blog.models.Post.scope: expected a Prisma where object or { function: "name" }, got "$user.id"`]],
    ['toolsets is an array', { auth: 'none', toolsets: [] }, [`${F}: toolsets: expected an object of toolsets, e.g. { blog: { models: { Post: {} } } }, got an array`]],
    ['not an object at all', 5, [`${F}: (default export): expected an object, got 5`]],
    ['defaultTake above maxTake', { ...base, defaults: { defaultTake: 50, maxTake: 10 } }, [`${F}: defaults.defaultTake: 50 is larger than defaults.maxTake (10)`]],
    ['model defaultTake above its maxTake', withModel({ defaultTake: 30, maxTake: 10 }), [`${F}: toolsets.blog.models.Post.defaultTake: 30 is larger than maxTake (10)`]],
  ])('%s', (_label, raw, want) => {
    expect(problems(raw)).toEqual(want);
  });

  it('reports every problem, and the error message lists them', () => {
    const raw = { auth: 'none', toolsets: { blog: { models: { Post: { maxTake: 0, operations: 'list' } } } }, output: 3 };
    expect(problems(raw)).toHaveLength(3);
    expect(() => validateConfig(raw, F)).toThrow(/invalid config:\n {2}- mcp-gen\.config\.ts: /);
  });

  it('a model that only lowers maxTake is fine', () => {
    expect(() => validateConfig(withModel({ maxTake: 5 }), F)).not.toThrow();
  });
});
