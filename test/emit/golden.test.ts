/**
 * Golden files: the emitter's output for the blog fixture, byte for byte, committed under
 * test/golden/<fixture>/ so a change to the generated code shows up as a diff in review. The
 * runtime is a symlink to templates/runtime (it is copied verbatim). The golden files are
 * type-checked here on their own (strict, noUncheckedIndexedAccess, exactOptionalPropertyTypes,
 * runtime included); test/e2e/blog.test.ts type-checks and serves the same output in a project.
 * After an intended change: `npx vitest run test/emit -u` (files are written when the run ends, so
 * run it once more to type-check them), then read the diff.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject, readViewSources } from '../../src/generate.js';
import { emit } from '../../src/emit/index.js';
import type { ImportExtension } from '../../src/plan/types.js';
import { repoBin, repoRoot } from '../helpers/repo.js';
import { run } from '../helpers/run.js';
import { typecheckStyle } from './golden-styles.js';

/**
 * One golden tree per import style: NodeNext's `./file.js` (test/golden/blog, its runtime a
 * symlink to templates/runtime), `bundler`'s `./file` and `allowImportingTsExtensions`' `./file.ts`
 * (test/golden/blog-bundler, blog-ts: the generated files; their runtime is templates/runtime
 * restyled, type-checked in golden-styles.ts).
 */
const STYLES: readonly (readonly [string, ImportExtension])[] = [
  ['blog', '.js'],
  ['blog-bundler', ''],
  ['blog-ts', '.ts'],
];

describe.each(STYLES)('golden output: %s', (golden, ext) => {
  it(`matches test/golden/${golden} (imports ending in ${JSON.stringify(ext)})`, async () => {
    const { plan } = await loadProject({ root: path.join(repoRoot, 'fixtures', 'blog') });
    const files = emit({ plan: { ...plan, importExtension: ext }, version: '0.0.0-golden', runtime: new Map(), views: await readViewSources() });
    expect(files.map((f) => f.path)).toMatchSnapshot();
    for (const file of files) {
      await expect(file.content).toMatchFileSnapshot(path.join(repoRoot, 'test', 'golden', golden, file.path));
    }
  });
});

it('the golden files type-check strictly (ts7)', async () => {
  const r = await run(process.execPath, [repoBin('typescript7/bin/tsc'), '-p', path.join(repoRoot, 'test/golden/tsconfig.json'), '--pretty', 'false'], { cwd: repoRoot });
  expect(r.output).toBe('');
  expect(r.code).toBe(0);
}, 60_000);

describe.each([
  ['blog-bundler', '', 'ts5'],
  ['blog-bundler', '', 'ts7'],
  ['blog-ts', '.ts', 'ts5'],
  ['blog-ts', '.ts', 'ts7'],
] as const)('%s with the runtime restyled to %j', (golden, ext, compiler) => {
  it(`type-checks strictly under its tsconfig (moduleResolution bundler${ext ? ', allowImportingTsExtensions' : ''}) with ${compiler}`, async () => {
    const r = await typecheckStyle(golden, ext, compiler);
    expect(r.offStyle).toEqual([]);
    expect(r.output).toBe('');
    expect(r.ok).toBe(true);
  }, 120_000);
});

it('compact mode: no per-model tools; tools.ts serves the compact models through compactTools', async () => {
  const { plan } = await loadProject({ root: path.join(repoRoot, 'fixtures', 'blog') });
  // The blog toolset compact, people full: one endpoint serves both.
  const mixed = { ...plan, models: plan.models.map((m) => (m.toolset === 'blog' ? { ...m, mode: 'compact' as const } : m)) };
  const files = new Map(emit({ plan: mixed, version: '0.0.0-golden', runtime: new Map() }).map((f) => [f.path, f.content]));
  expect(files.get('tools.ts')).toMatchInlineSnapshot(`
    "/** Every tool this server offers, in a stable order. */
    import { userTools } from './models/user.js';
    import { models } from './registry.js';
    import { withViewRows } from './runtime/apps/view-rows.js';
    import type { ToolDef } from './runtime/core/spec.js';
    import { compactTools } from './runtime/tools/compact/tools.js';

    export const tools: readonly ToolDef[] = withViewRows([
      ...userTools,
      ...compactTools(models, ['BlogPost', 'Comment', 'PostLike', 'Tag'], { views: ['blog'] }),
    ]);
    "
  `);
  expect(files.get('models/blog-post.ts')).not.toMatch(/listTool|blogPostTools/);
  expect(files.get('models/blog-post.ts')).toMatch(/^\/\*\* BlogPost \(toolset blog\): compact mode \(query, mutate\)\. \*\//);
  expect(files.get('models/tag.ts')).toMatch(/^\/\*\* Tag \(toolset blog\): compact mode \(query\)\. \*\//);
  expect(files.get('models/user.ts')).toMatch(/userTools = \[/);
});
