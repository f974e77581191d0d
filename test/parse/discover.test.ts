import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { SchemaError, loadSchema } from '../../src/parse/index.js';
import { errorOf } from './helpers.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixture = (name: string) => path.join(repo, 'fixtures', name);

const temps: string[] = [];
function tempProject(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'mcp-gen-parse-'));
  temps.push(dir);
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), content);
  }
  return dir;
}
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

const minimal = (model: string) =>
  `datasource db {\n  provider = "sqlite"\n}\n\nmodel ${model} {\n  id Int @id\n}\n`;

describe('multi-file schema folder', () => {
  it('reads every .prisma file in the folder, sorted, with per-file locations', async () => {
    const ir = await loadSchema({ root: fixture('multi-file'), schema: 'prisma/schema' });
    expect(ir.files).toEqual(['prisma/schema/post.prisma', 'prisma/schema/schema.prisma', 'prisma/schema/user.prisma']);
    expect(ir.models.map((m) => [m.name, m.loc])).toEqual([
      ['Post', { file: 'prisma/schema/post.prisma', line: 1 }],
      ['User', { file: 'prisma/schema/user.prisma', line: 2 }],
    ]);
    expect(ir.enums.map((e) => e.name)).toEqual(['Status']);
    expect(ir.models[1]!.doc).toBe('Someone who writes posts.');
    // output is relative to the file that declares the generator
    expect(ir.client).toEqual({ provider: 'prisma-client', output: path.join(fixture('multi-file'), 'src/generated/prisma') });
  });

  it('finds prisma/schema/ by default', async () => {
    const ir = await loadSchema({ root: fixture('multi-file') });
    expect(ir.files).toHaveLength(3);
  });

  it('reports an error in a later file with that file\'s path and line', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mcp-gen-parse-'));
    temps.push(dir);
    cpSync(fixture('multi-file'), dir, { recursive: true });
    const user = path.join(dir, 'prisma/schema/user.prisma');
    writeFileSync(user, readFileSync(user, 'utf8').replace('email String @unique', 'email Strin @unique'));
    const err = await errorOf(loadSchema({ root: dir }));
    expect(err).toBeInstanceOf(SchemaError);
    expect(err.message).toContain('-->  prisma/schema/user.prisma:4');
    expect(err.message).toContain('Type "Strin" is neither a built-in type');
  });
});

describe('prisma.config.ts', () => {
  it('follows `schema` from a config that uses defineConfig from prisma/config', async () => {
    const ir = await loadSchema({ root: fixture('prisma-config') });
    expect(ir.files).toEqual(['db/main.prisma']);
    expect(ir.provider).toBe('postgresql');
    expect(ir.models.map((m) => m.name)).toEqual(['Account']);
    expect(ir.client?.output).toBe(path.join(fixture('prisma-config'), 'generated/prisma'));
  });

  it('accepts a plain object export and resolves `schema` against the config folder', async () => {
    const dir = tempProject({
      'prisma.config.mjs': 'export default { schema: "./db/schema.prisma" };\n',
      'db/schema.prisma': minimal('FromConfig'),
      'schema.prisma': minimal('Default'),
    });
    const ir = await loadSchema({ root: dir });
    expect(ir.models.map((m) => m.name)).toEqual(['FromConfig']);
  });

  it('names the config file when loading it throws', async () => {
    const dir = tempProject({ 'prisma.config.ts': 'throw new Error("boom from config");\nexport default {};\n' });
    const err = await errorOf(loadSchema({ root: dir }));
    expect(err).toBeInstanceOf(SchemaError);
    expect(err.message).toContain('Could not load prisma.config.ts: boom from config');
  });

  it('falls back to the defaults when the config sets no schema', async () => {
    const dir = tempProject({ 'prisma.config.ts': 'export default {};\n', 'prisma/schema.prisma': minimal('Fallback') });
    const ir = await loadSchema({ root: dir });
    expect(ir.files).toEqual(['prisma/schema.prisma']);
  });

  it('an explicit schema wins over the config', async () => {
    const ir = await loadSchema({ root: fixture('prisma-config'), schema: '../blog/prisma/schema.prisma' });
    expect(ir.files).toEqual(['../blog/prisma/schema.prisma']);
    expect(ir.provider).toBe('sqlite');
  });
});

describe('defaults and not found', () => {
  it('prefers schema.prisma over prisma/schema.prisma, as Prisma 7 does', async () => {
    const dir = tempProject({ 'schema.prisma': minimal('Root'), 'prisma/schema.prisma': minimal('Nested') });
    const ir = await loadSchema({ root: dir });
    expect(ir.models.map((m) => m.name)).toEqual(['Root']);
  });

  it('reads the blog fixture from prisma/schema.prisma', async () => {
    const ir = await loadSchema({ root: fixture('blog') });
    expect(ir.files).toEqual(['prisma/schema.prisma']);
    expect(ir.provider).toBe('sqlite');
  });

  it('lists where it looked', async () => {
    const dir = tempProject({ 'README.md': 'nothing here' });
    const err = await errorOf(loadSchema({ root: dir }));
    expect(err).toBeInstanceOf(SchemaError);
    expect(err.message).toContain('Looked at: schema.prisma, prisma/schema.prisma, prisma/schema');
  });

  it('says which explicit path is missing', async () => {
    const dir = tempProject({});
    const err = await errorOf(loadSchema({ root: dir, schema: 'db/nope.prisma' }));
    expect(err.message).toBe('Schema not found: db/nope.prisma does not exist.');
  });

  it('never modifies the user\'s files', async () => {
    const text = 'datasource db {\n  provider = "sqlite"\n  url = env("DATABASE_URL")\n}\nmodel A {\n  id Int @id\n}\n';
    const dir = tempProject({ 'schema.prisma': text });
    await loadSchema({ root: dir });
    expect(readFileSync(path.join(dir, 'schema.prisma'), 'utf8')).toBe(text);
  });
});
