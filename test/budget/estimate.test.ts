/**
 * Issue 9: generate's tools/list estimate against the real listing of the same server (o200k
 * tokens over the generated tools, listed by the generated runtime), and what it prints. The
 * blog fixture here; the real-world schemas in test/e2e/budget.test.ts.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUDGET, estimate } from '../../src/budget/estimate.js';
import { budgetReport } from '../../src/budget/report.js';
import { loadProject } from '../../src/generate.js';
import { listing } from '../../templates/runtime/tools/listing/listing.js';
// The registry first: a server loads it before listing (relations resolve through it).
import '../golden/blog/registry.js';
import { tools } from '../golden/blog/tools.js';
import { repoRoot } from '../helpers/repo.js';
import { tokensOf } from '../helpers/listing-tokens.js';

describe('estimate', () => {
  it('is within 10% of the real tools/list of the blog fixture', async () => {
    const { plan } = await loadProject({ root: path.join(repoRoot, 'fixtures/blog') });
    const e = estimate(plan);
    const real = tokensOf(tools.map(listing));
    expect(e.tools).toBe(tools.length);
    expect(Math.abs(e.tokens - real.total) / real.total).toBeLessThan(0.1);
    expect(e.toolsets.every((t) => !t.over)).toBe(true);
    expect(e.toolsets[0]!.toolset).toBe('blog');
    expect(e.toolsets[0]!.models[0]!.model).toBe('BlogPost');
  });

  it('code mode: describe_models and execute, within 10% of their real listing', async () => {
    const { plan } = await loadProject({ root: path.join(repoRoot, 'fixtures/blog') });
    // As the plan makes it: code-mode toolsets have no views.
    const code = { ...plan, toolsets: plan.toolsets.map((t) => ({ ...t, mode: 'code' as const, apps: false })), models: plan.models.map((m) => ({ ...m, mode: 'code' as const, apps: false })) };
    const e = estimate(code);
    const { codeTools } = await import('../../templates/runtime/tools/code/tools.js');
    const { models } = await import('../golden/blog/registry.js');
    const real = tokensOf(codeTools(models, code.models.map((m) => m.model.name)).map(listing));
    expect(e.tools).toBe(2);
    expect(Math.abs(e.tokens - real.total) / real.total).toBeLessThan(0.1);
  });

  it('reports a toolset past the budget with its costliest models, and an endpoint past 128 tools', async () => {
    const { plan } = await loadProject({ root: path.join(repoRoot, 'fixtures/blog') });
    const e = estimate(plan, Array.from({ length: 130 }, (_, i) => ({ name: `custom_${i}`, toolset: 'blog', tokens: 100 })));
    const total = e.tools;
    const blog = e.toolsets.find((t) => t.toolset === 'blog')!;
    const report = budgetReport(e);
    expect(report.lines[0]).toMatch(new RegExp(`^tools/list: ${total} tools, ~[\\d,]+ tokens \\(estimate`));
    expect(report.warnings[0]).toMatch(new RegExp(`^toolset "blog" is past the budget: ${blog.tools} tools, ~[\\d,]+ tokens\\. Costliest models: BlogPost \\(~[\\d,]+\\), `));
    expect(report.warnings[0]).toContain("Set mode: 'compact' (toolsets.blog.mode)");
    expect(report.warnings[1]).toBe(`${total} tools in one endpoint: OpenAI's function calling takes at most 128.`);
    expect(budgetReport(estimate(plan)).warnings).toEqual([]);
    expect(BUDGET).toEqual({ tokens: 20_000, tools: 40 });
  });
});
