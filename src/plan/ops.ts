/** The ops part of the plan: rate limits as configured, and the audit sink checked against the schema. */
import type { Model } from '../ir/types.js';
import type { LimitsConfig, ResolvedConfig } from '../config/types.js';
import { unknownModel } from './auth.js';
import { delegateName } from './names.js';
import type { Report } from './errors.js';

export type AuditPlan = false | { readonly sink: 'stdout' } | { readonly sink: 'model'; readonly model: string; readonly delegate: string };

export interface OpsPlan {
  /** Absent: no limits. */
  readonly limits?: LimitsConfig;
  readonly audit: AuditPlan;
}

/** The columns the runtime's prismaSink writes (ops/audit.ts), with their Prisma types. */
export const AUDIT_FIELDS: readonly (readonly [name: string, type: 'String' | 'DateTime', optional: boolean])[] = [
  ['time', 'DateTime', false],
  ['userId', 'String', true],
  ['credentialKind', 'String', false],
  ['credentialId', 'String', false],
  ['clientId', 'String', true],
  ['tool', 'String', false],
  ['toolset', 'String', false],
  ['model', 'String', true],
  ['action', 'String', true],
  ['ids', 'String', false],
  ['outcome', 'String', false],
  ['error', 'String', true],
  ['requestId', 'String', true],
  ['traceId', 'String', true],
];

export function planOps(config: ResolvedConfig, models: ReadonlyMap<string, Model>, report: Report): OpsPlan {
  const limits = config.limits ? { limits: config.limits } : {};
  const sink = config.audit === false ? false : (config.audit?.sink ?? 'stdout');
  if (sink === false) return { ...limits, audit: false };
  if (sink === 'stdout') return { ...limits, audit: { sink: 'stdout' } };
  const model = models.get(sink.model);
  if (!model) report.problem('audit.sink.model', `${unknownModel(sink.model, models)}; add the audit model from the mcp-gen docs/operations.md ("Rate limits, audit and tracing")`);
  else {
    const fields = new Map(model.fields.map((f) => [f.name, f]));
    const wrong = AUDIT_FIELDS.filter(([name, type, optional]) => {
      const f = fields.get(name);
      // A required column the runtime may leave null would make every such write fail.
      return !f || f.kind !== 'scalar' || f.type !== type || f.isList || (optional && f.isRequired);
    });
    if (wrong.length > 0) {
      const list = wrong.map(([name, type, optional]) => `${name} ${type}${optional ? '?' : ''}`).join(', ');
      report.problem('audit.sink.model', `${sink.model} needs the fields ${list} (see the audit model in the mcp-gen docs/operations.md)`);
    }
  }
  return { ...limits, audit: { sink: 'model', model: sink.model, delegate: delegateName(sink.model) } };
}
