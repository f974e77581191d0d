import { describe, expect, it } from 'vitest';
import { emitCustomTools } from '../../src/custom-tools/emit.js';
import type { CustomTool } from '../../src/custom-tools/types.js';
import type { Plan } from '../../src/plan/types.js';
import { scan } from './helpers.js';

const plan = { output: 'src/mcp/generated', importExtension: '.js' } as Plan;

const tool = (file: string, exportName: string, toolName: string, form: 'function' | 'definition' = 'function'): CustomTool =>
  form === 'function'
    ? { form, file, line: 1, exportName, toolName, toolsetName: 'app', access: 'read', hints: {}, input: 'z.strictObject({})', wrap: false }
    : { form, file, line: 1, exportName, toolName, toolsetName: 'app' };

describe('emitCustomTools', () => {
  it('imports each module once with .js paths, aliasing clashing export names', () => {
    const file = emitCustomTools(
      plan,
      [tool('src/mcp/tools/a.ts', 'run', 'run_a'), tool('src/mcp/tools/sub/b.ts', 'run', 'run_b', 'definition'), tool('src/mcp/tools/a.ts', 'z', 'zed')],
      'src/mcp/tools',
    );
    expect(file.path).toBe('custom-tools.ts');
    expect(file.content).toContain("import { run, z as z2 } from '../tools/a.js';");
    expect(file.content).toContain("import { run as run2 } from '../tools/sub/b.js';");
    expect(file.content).toContain("fromDefinition(run2, { name: 'run_b', toolset: 'app', title: 'Run b' })");
    expect(file.content).toContain('    z2,\n');
    expect(file.content).not.toContain('runtime/data/filters.js');
  });
});

describe('defineTool form', () => {
  it('reads name and toolset literals; refuses computed ones', () => {
    const ok = scan(`export const refundOrder = defineTool({ name: 'refund', toolset: 'shop', description: 'x', handler: async () => 1 });\n`);
    expect(ok.tools).toEqual([{ form: 'definition', file: 'src/mcp/tools/tool.ts', line: 1, exportName: 'refundOrder', name: 'refund', toolset: 'shop', source: { description: 'x' } }]);
    const bad = scan(`const n = 'x';\nexport const t = defineTool({\n  name: n,\n  description: 'x',\n  handler: async () => 1,\n});\n`);
    expect(bad.problems).toEqual(['src/mcp/tools/tool.ts:3: t.name: must be a string literal (the generator reads it)']);
  });

  it('tags: @readOnly, @destructive, @idempotent, @name, @toolset, @title, @internal', () => {
    const r = scan(`/**
 * Wipe the cache.
 * @name wipe
 * @toolset ops
 * @title Wipe it
 * @readOnly
 * @destructive
 * @idempotent false
 */
export function wipeCache() {}
/** @internal */
export function helper(a: number) { return a; }
`);
    expect(r.problems).toEqual([]);
    expect(r.tools).toEqual([
      expect.objectContaining({ name: 'wipe', toolset: 'ops', title: 'Wipe it', access: 'read', hints: { destructiveHint: true, idempotentHint: false }, description: 'Wipe the cache.' }),
    ]);
  });

  it('default access is write', () => {
    expect(scan('export async function go() {}\n').tools[0]).toMatchObject({ access: 'write', hints: {} });
  });
});
