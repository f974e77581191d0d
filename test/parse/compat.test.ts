import { describe, expect, it } from 'vitest';
import { blankDatasourceUrls, dropPreviewFeatures, unknownPreviewFeatures } from '../../src/parse/compat.js';
import { SchemaError } from '../../src/parse/index.js';
import { errorOf, parseBody } from './helpers.js';

const prisma5 = `datasource db {
  provider          = "postgresql"
  url               = env("DATABASE_URL")
  directUrl         = env("DIRECT_URL") // pooled
  shadowDatabaseUrl = env("SHADOW_URL")
}

generator client {
  provider        = "prisma-client-js"
  previewFeatures = ["metrics", "views"]
}

model A {
  id Int @id
  b  Broken
}
`;

describe('Prisma 5/6 schemas', () => {
  it('accepts url = env(...) with exactly one note', async () => {
    const ir = await parseBody('model A {\n  id Int @id\n}', 'datasource db {\n  provider = "sqlite"\n  url = env("DATABASE_URL")\n}\n');
    expect(ir.provider).toBe('sqlite');
    expect(ir.notes).toEqual(['schema.prisma: ignored datasource url (Prisma 7 reads connection URLs from prisma.config.ts)']);
  });

  it('drops preview features Prisma 7 does not know, keeps the rest, one note per kind of shim', async () => {
    const ir = await parseBody('model A {\n  id Int @id\n}\nview V {\n  id Int @unique\n}', prisma5.split('model A')[0]);
    expect(ir.previewFeatures).toEqual(['views']);
    expect(ir.models.map((m) => [m.name, m.isView])).toEqual([['A', false], ['V', true]]);
    expect(ir.notes).toEqual([
      'schema.prisma: ignored datasource url/directUrl/shadowDatabaseUrl (Prisma 7 reads connection URLs from prisma.config.ts)',
      'schema.prisma: ignored preview feature "metrics" (unknown to Prisma 7)',
    ]);
  });

  it('keeps line numbers true after the shims', async () => {
    const err = await errorOf(parseBody('', prisma5));
    expect(err).toBeInstanceOf(SchemaError);
    const brokenLine = prisma5.split('\n').findIndex((l) => l.includes('Broken')) + 1;
    expect(brokenLine).toBe(15);
    expect(err.message).toContain(`-->  schema.prisma:${brokenLine}`);
    expect(err.message).toContain('Type "Broken" is neither a built-in type');
  });

  it('never changes the number of lines', () => {
    const files: [string, string][] = [['s.prisma', prisma5]];
    const blanked = blankDatasourceUrls(files).files;
    const dropped = dropPreviewFeatures(blanked, ['metrics']).files;
    expect(dropped[0]![1].split('\n')).toHaveLength(prisma5.split('\n').length);
    expect(dropped[0]![1]).not.toMatch(/url|metrics/i);
    expect(files[0]![1]).toBe(prisma5);
  });

  it('rewrites a previewFeatures array that spans lines', () => {
    const text = 'generator c {\n  provider = "prisma-client"\n  previewFeatures = [\n    "metrics",\n    "views"\n  ]\n}\nmodel A {\n';
    const out = dropPreviewFeatures([['s.prisma', text]], ['metrics']);
    expect(out.files[0]![1]).toBe('generator c {\n  provider = "prisma-client"\n  previewFeatures = ["views"]\n\n\n\n}\nmodel A {\n');
  });

  it('reads the unknown feature names from Prisma\'s message', () => {
    const msg = 'error: The preview feature "metrics" is not known. Expected one of: views\nerror: The preview feature "tracing" is not known.';
    expect(unknownPreviewFeatures(msg)).toEqual(['metrics', 'tracing']);
  });
});

describe('schema errors', () => {
  it('reports a syntax error with file:line and Prisma\'s explanation, without colors', async () => {
    const header = 'datasource db {\n  provider = "sqlite"\n}\n';
    const err = await errorOf(parseBody('model A {\n  id Int @id\n  name String @@@\n}\n', header));
    expect(err).toBeInstanceOf(SchemaError);
    expect(err.message).toMatch(/^Invalid Prisma schema \(schema\.prisma:6\)/);
    expect(err.message).toContain('-->  schema.prisma:6');
    expect(err.message).toContain('This line is not a valid field or attribute definition.');
    expect(err.message).not.toContain('\u001b[');
    expect(err.message).not.toContain('Prisma CLI Version');
    expect((err as SchemaError).locations).toEqual([{ file: 'schema.prisma', line: 6 }]);
  });

  it('reports a semantic error (unknown type) from the DMMF step', async () => {
    const err = await errorOf(parseBody('model A {\n  id Int @id\n  b Nope\n}'));
    expect(err.message).toContain('-->  schema.prisma:12');
  });

  it('asks for a datasource when there is none', async () => {
    const err = await errorOf(parseBody('model A {\n  id Int @id\n}', ''));
    expect(err).toBeInstanceOf(SchemaError);
    expect(err.message).toContain('datasource');
  });
});
