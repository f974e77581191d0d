// Which import specifiers the generated code uses: read from the project's tsconfig.json (extends
// followed), overridden by the config's importFileExtension; and the runtime restyled to match.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importStyle } from '../../src/config/import-style.js';
import { validateConfig } from '../../src/config/validate.js';
import { ConfigError } from '../../src/config/errors.js';
import { restyleSpecifiers } from '../../src/emit/specifiers.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await fs.rm(dir, { recursive: true, force: true });
});

async function project(files: Record<string, string>): Promise<string> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'mcpgen-style-'));
  dirs.push(root);
  for (const [f, text] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(root, f)), { recursive: true });
    await fs.writeFile(path.join(root, f), text);
  }
  return root;
}

const tsconfig = (compilerOptions: object, extra: object = {}) => JSON.stringify({ compilerOptions, ...extra });

describe('importStyle', () => {
  it.each([
    ['no tsconfig.json', {}, '.js'],
    ['create-next-app (bundler, with comments and a trailing comma)', { 'tsconfig.json': '{\n  // create-next-app\n  "compilerOptions": { "module": "esnext", "moduleResolution": "bundler", },\n}\n' }, ''],
    ['NodeNext', { 'tsconfig.json': tsconfig({ module: 'NodeNext', moduleResolution: 'NodeNext' }) }, '.js'],
    ['Node16 implied by module', { 'tsconfig.json': tsconfig({ module: 'node16' }) }, '.js'],
    ['module preserve (implies bundler)', { 'tsconfig.json': tsconfig({ module: 'preserve' }) }, ''],
    ['bundler + allowImportingTsExtensions', { 'tsconfig.json': tsconfig({ moduleResolution: 'bundler', module: 'esnext', allowImportingTsExtensions: true, noEmit: true }) }, '.ts'],
    ['NodeNext + rewriteRelativeImportExtensions', { 'tsconfig.json': tsconfig({ module: 'nodenext', rewriteRelativeImportExtensions: true }) }, '.ts'],
    ['bundler from a relative extends', { 'tsconfig.base.json': tsconfig({ module: 'esnext', moduleResolution: 'bundler' }), 'tsconfig.json': JSON.stringify({ extends: './tsconfig.base.json' }) }, ''],
    ['a package extends (@tsconfig/…)', { 'node_modules/@tsconfig/x/tsconfig.json': tsconfig({ module: 'esnext', moduleResolution: 'bundler' }), 'node_modules/@tsconfig/x/package.json': '{"name":"@tsconfig/x"}', 'tsconfig.json': JSON.stringify({ extends: '@tsconfig/x/tsconfig.json', compilerOptions: { strict: true } }) }, ''],
    ['own options win over extends', { 'tsconfig.base.json': tsconfig({ module: 'esnext', moduleResolution: 'bundler' }), 'tsconfig.json': JSON.stringify({ extends: './tsconfig.base.json', compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext' } }) }, '.js'],
  ] as const)('%s', async (_name, files, ext) => {
    expect(importStyle(await project(files), undefined).ext).toBe(ext);
  });

  it.each([
    ['js', '.js'],
    ['ts', '.ts'],
    ['', ''],
  ] as const)("importFileExtension: '%s' wins over the tsconfig", async (override, ext) => {
    const root = await project({ 'tsconfig.json': tsconfig({ module: 'esnext', moduleResolution: 'bundler', allowImportingTsExtensions: true }) });
    expect(importStyle(root, override)).toEqual({ ext, reason: `importFileExtension: '${override}' in the config` });
  });

  it('an unreadable tsconfig.json: an error naming it and the way out', async () => {
    const root = await project({ 'tsconfig.json': '{ "compilerOptions": { "module": ' });
    expect(() => importStyle(root, undefined)).toThrow(/^tsconfig\.json: .+ \(or set importFileExtension in the config\)$/s);
  });
});

describe('importFileExtension in the config', () => {
  it('a value other than js, ts or "": the key and what is expected', () => {
    let error: unknown;
    try {
      validateConfig({ auth: 'none', toolsets: {}, importFileExtension: '.js' }, 'mcp-gen.config.ts');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain("importFileExtension: expected 'js' (./file.js), 'ts' (./file.ts) or '' (./file)");
  });

  it('is kept when valid', () => {
    expect(validateConfig({ auth: 'none', toolsets: {}, importFileExtension: '' }, 'mcp-gen.config.ts').importFileExtension).toBe('');
  });
});

describe('restyleSpecifiers', () => {
  const source = [
    "import a from './a.js';",
    'export { b } from "../b/c.js";',
    "import type { X } from './x.js';",
    "// import z from './z.js'",
    'const s = "import \'./q.js\'";',
    "const m = await import('./dyn.js');",
    "import { z } from 'zod';",
    "import './side.js';",
    "export * from './all.js';",
    "import data from './data.json';",
    '',
  ].join('\n');

  it.each([
    ['', ["'./a'", '"../b/c"', "'./x'", "import('./dyn')", "'./side'", "'./all'"]],
    ['.ts', ["'./a.ts'", '"../b/c.ts"', "'./x.ts'", "import('./dyn.ts')", "'./side.ts'", "'./all.ts'"]],
  ] as const)('%j: every relative .js module specifier, nothing else', (ext, expected) => {
    const out = restyleSpecifiers(source, ext);
    for (const e of expected) expect(out).toContain(e);
    // Comments, strings, packages and non-.js files stay as they are.
    expect(out).toContain("// import z from './z.js'");
    expect(out).toContain('const s = "import \'./q.js\'";');
    expect(out).toContain("from 'zod'");
    expect(out).toContain("from './data.json'");
    expect(out.split('\n').length).toBe(source.split('\n').length);
  });

  it("'.js': the source, unchanged", () => {
    expect(restyleSpecifiers(source, '.js')).toBe(source);
  });
});
