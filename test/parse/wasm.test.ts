// The direct calls into @prisma/prisma-schema-wasm: what a crash and Prisma's errors become, and
// that parsing no longer loads @prisma/internals (a ~200 ms import on every CLI run).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import wasm from '@prisma/prisma-schema-wasm';
import { describe, expect, it } from 'vitest';
import { SchemaError } from '../../src/parse/index.js';
import { callWasm } from '../../src/parse/prisma-wasm.js';
import { repoRoot } from '../helpers/repo.js';
import { errorOf, parseBody } from './helpers.js';

describe('prisma-schema-wasm calls', () => {
  it('turns a Rust panic into a SchemaError carrying the panic message', () => {
    let err: unknown;
    try {
      callWasm(() => {
        wasm.debug_panic();
        return '{}';
      });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SchemaError);
    expect((err as Error).message).toContain("Prisma's schema parser crashed");
    expect((err as Error).message).toContain('This is the panic triggered by `prisma_fmt::debug_panic()`');
  });

  it('parses again after a panic', async () => {
    const ir = await parseBody('model A {\n  id Int @id\n}');
    expect(ir.models.map((m) => m.name)).toEqual(['A']);
  });

  it('reports every error of the configuration step, in order, with its count', async () => {
    const header = 'datasource db {\n  provider = "sqlite"\n  foo = "bar"\n}\ngenerator c {\n  provider = 5\n}\n';
    const err = await errorOf(parseBody('model A {\n  id Int @id\n}', header));
    expect(err).toBeInstanceOf(SchemaError);
    expect(err.message).toMatch(/^Invalid Prisma schema \(schema\.prisma:3\)\nError code: P1012\nerror: Property not known: "foo"\./);
    expect(err.message).toContain('error: Expected a String value, but received numeric value `5`.');
    expect(err.message).toMatch(/\nValidation Error Count: 2$/);
    expect(err.locations).toEqual([
      { file: 'schema.prisma', line: 3 },
      { file: 'schema.prisma', line: 6 },
    ]);
  });

  it('reports every error of the validation step, across files', async () => {
    const { parseSchemaFiles } = await import('../../src/parse/index.js');
    const err = await errorOf(
      parseSchemaFiles(
        [
          ['prisma/a.prisma', 'datasource db {\n  provider = "sqlite"\n}\nmodel A {\n  id Int @id\n  b Nope\n}\n'],
          ['prisma/b.prisma', 'model B {\n  id Int @id\n  a Strin\n}\n'],
        ],
        { root: '/project' },
      ),
    );
    expect(err.message).toMatch(/^Invalid Prisma schema \(prisma\/a\.prisma:6\)\nError code: P1012\n/);
    expect(err.message).toContain('Type "Nope" is neither a built-in type');
    expect(err.message).toContain('Type "Strin" is neither a built-in type');
    expect(err.message).not.toContain('\u001b[');
    expect(err.locations).toEqual([
      { file: 'prisma/a.prisma', line: 6 },
      { file: 'prisma/b.prisma', line: 3 },
    ]);
  });

  it('loads the parser without @prisma/internals', () => {
    const script = [
      "import { createRequire } from 'node:module';",
      `const { parseSchemaFiles } = await import(${JSON.stringify(path.join(repoRoot, 'src/parse/index.ts'))});`,
      "await parseSchemaFiles([['s.prisma', 'datasource db {\\n  provider = \"sqlite\"\\n}\\nmodel A {\\n  id Int @id\\n}\\n']], { root: '/' });",
      'console.log(JSON.stringify(Object.keys(createRequire(import.meta.url).cache)));',
    ].join('\n');
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: repoRoot, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const loaded = JSON.parse(r.stdout) as string[];
    expect(loaded.some((f) => f.includes(`${path.sep}@prisma${path.sep}prisma-schema-wasm${path.sep}`))).toBe(true);
    expect(loaded.filter((f) => f.includes(`${path.sep}@prisma${path.sep}internals${path.sep}`))).toEqual([]);
  });
});
