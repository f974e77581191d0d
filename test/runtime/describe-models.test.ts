// Issue 21 item 5: describe_models without arguments stays under 2,000 o200k tokens on any schema
// (pages, each with how to reach the next), lists every model exactly once across its pages, and
// finds a model by part of its name. Synthetic schemas here (300 models; long names, docs in CJK
// and emoji); the real-world schemas in test/e2e/budget.test.ts.
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { describe, expect, it } from 'vitest';
import { compactTools } from '../../templates/runtime/tools/compact/tools.js';
import type { ModelSpec, Registry, ToolDef } from '../../templates/runtime/core/spec.js';
import { defineRegistry } from '../../templates/runtime/data/validators.js';

function registry(count: number, name: (i: number) => string, doc: (i: number) => string | undefined): Registry {
  const specs: Record<string, ModelSpec<unknown>> = {};
  for (let i = 0; i < count; i++) {
    const n = name(i);
    const d = doc(i);
    specs[n] = {
      name: n, delegate: n.charAt(0).toLowerCase() + n.slice(1), toolset: 'all', ...(d ? { doc: d } : {}),
      fields: { id: { kind: 'Int' } }, relations: {}, keys: [['id']], defaultTake: 5, maxTake: 10,
      ...(i % 3 === 0 ? { operations: ['list', 'get', 'count', 'aggregate', 'create', 'update', 'delete'] as const, writable: [] } : {}),
    };
  }
  return defineRegistry(specs);
}

const ctx = (models: Registry) => ({ user: null, scopes: ['read', 'write'], prisma: null, models, signal: new AbortController().signal, progress: async () => {}, log: async () => {} });

async function describeModels(models: Registry, args: Record<string, unknown>): Promise<string> {
  const tool = compactTools(models, Object.keys(models)).find((t) => t.name === 'describe_models') as ToolDef;
  const result = (await tool.handler(tool.input.parse(args) as never, ctx(models))) as { text: string };
  return result.text;
}

/** Every page of the no-argument answer, following each page's pointer to the next. */
async function pages(models: Registry, search?: string): Promise<string[]> {
  const out: string[] = [];
  for (let page = 1; ; page++) {
    const text = await describeModels(models, { page, ...(search ? { search } : {}) });
    out.push(text);
    if (!/describe_models \{ page: \d+/.test(text)) return out;
    expect(text).toContain(`describe_models { page: ${page + 1}`);
  }
}

const listed = (text: string) => text.split('\n').filter((l) => / \[findMany/.test(l)).map((l) => l.split(/[: ]/)[0]);

describe('describe_models without arguments', () => {
  it.each([
    ['300 models with one-line docs', registry(300, (i) => `Model${String(i).padStart(3, '0')}`, (i) => `Holds the records of kind ${i} for the billing and reporting pipeline.`)],
    ['300 models with long names and no docs', registry(300, (i) => `TaskRunExecutionSnapshotAttempt${i}Checkpoint`, () => undefined)],
    ['120 models with multi-line docs in CJK and emoji', registry(120, (i) => `Modelo${i}`, (i) => `用户的订单记录，包含付款和发货信息。第${i}号 🙂🚚📦\n详细说明第二行，继续描述这个模型的用途和限制条件。`.repeat(3))],
  ])('%s: every page under 2,000 tokens, every model listed once', async (_label, models) => {
    const all = await pages(models);
    expect(all.length).toBeGreaterThan(1);
    console.log(`${_label}: ${all.length} pages, tokens ${all.map((t) => countTokens(t)).join(", ")}`);
    for (const text of all) expect(countTokens(text)).toBeLessThan(2_000);
    expect(all.flatMap(listed)).toEqual(Object.keys(models));
    expect(all[0]).toMatch(new RegExp(`^page 1 of ${all.length} \\(models 1–\\d+ of ${Object.keys(models).length}\\): describe_models \\{ page: 2 \\} for the next; \\{ search: "part of a name" \\} finds a model$`, 'm'));
  });

  it('finds models by part of the name, case-insensitive, paged the same way', async () => {
    const models = registry(300, (i) => (i % 10 === 0 ? `InvoiceLine${i}` : `Model${i}`), () => 'A model.');
    const found = await pages(models, 'invoiceline');
    expect(found.flatMap(listed)).toEqual(Object.keys(models).filter((n) => n.startsWith('InvoiceLine')));
    await expect(describeModels(models, { search: 'nothing-like-it' })).rejects.toThrow('no model name contains "nothing-like-it"; describe_models without search lists all 300');
    await expect(describeModels(models, { page: 99 })).rejects.toThrow(/^page 99 does not exist: 300 models fill \d+ pages$/);
  });

  it('lists a schema that fits one page as before: one line per model, then the usage', async () => {
    const models = registry(3, (i) => `Small${i}`, (i) => (i === 1 ? 'The second one.' : undefined));
    const lines = (await describeModels(models, {})).split('\n');
    expect(lines.slice(0, 4)).toEqual([
      'Small0 [findMany findUnique findFirst count aggregate groupBy | mutate: create update delete]',
      'Small1: The second one. [findMany findUnique findFirst count aggregate groupBy]',
      'Small2 [findMany findUnique findFirst count aggregate groupBy]',
      '',
    ]);
    expect(lines.slice(4)).toEqual([expect.stringMatching(/^Call describe_models \{ models: \['Name'\] \} for fields/)]);
  });
});
