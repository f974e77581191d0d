// The ops plan: limits pass through, the audit sink defaults to stdout, and an audit model is
// checked against the schema by field name, type and optionality.
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/plan/build.js';
import { AUDIT_FIELDS } from '../../src/plan/ops.js';
import { PlanError } from '../../src/plan/errors.js';
import type { Model } from '../../src/ir/types.js';
import { blog, config, id, ir, model, scalar } from './ir.js';

const toolsets = { blog: { models: { BlogPost: {} } } };
const auditModel = (skip: string[] = [], o: { requiredError?: boolean } = {}): Model =>
  model('McpAuditLog', [
    id(),
    ...AUDIT_FIELDS.filter(([name]) => !skip.includes(name)).map(([name, type, optional]) =>
      scalar(name, type, { isRequired: !optional || (name === 'error' && o.requiredError === true) }),
    ),
  ]);
const withAudit = (m: Model) => ir([...blog.models, m], [...blog.enums]);

function problems(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof PlanError) return [...error.problems];
    throw error;
  }
  throw new Error('expected a PlanError');
}

describe('planOps', () => {
  it('audits to stdout by default, and passes limits through', () => {
    expect(buildPlan(blog, config({ toolsets })).ops).toEqual({ audit: { sink: 'stdout' } });
    const limits = { writes: { limit: 5, per: 'minute' as const }, store: { redis: '$REDIS_URL' } };
    expect(buildPlan(blog, config({ toolsets, limits, audit: false })).ops).toEqual({ limits, audit: false });
  });

  it('plans a model sink with its delegate', () => {
    const p = buildPlan(withAudit(auditModel()), config({ toolsets, audit: { sink: { model: 'McpAuditLog' } } }));
    expect(p.ops.audit).toEqual({ sink: 'model', model: 'McpAuditLog', delegate: 'mcpAuditLog' });
  });

  it('names a missing model, and the fields a model lacks or declares required', () => {
    expect(problems(() => buildPlan(blog, config({ toolsets, audit: { sink: { model: 'AuditLog' } } })))[0]).toMatch(
      /^audit\.sink\.model: unknown model "AuditLog".*add the audit model from the mcp-gen docs\/operations\.md/,
    );
    expect(problems(() => buildPlan(withAudit(auditModel(['ids', 'traceId'], { requiredError: true })), config({ toolsets, audit: { sink: { model: 'McpAuditLog' } } })))).toEqual([
      'audit.sink.model: McpAuditLog needs the fields ids String, error String?, traceId String? (see the audit model in the mcp-gen docs/operations.md)',
    ]);
  });
});
