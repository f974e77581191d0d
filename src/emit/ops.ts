/** The ops part of the generated index.ts: `limits` and `audit` from the config as runtime options. */
import type { LimitsConfig, RateRuleConfig } from '../config/types.js';
import type { Plan } from '../plan/types.js';
import type { ImportSpec } from './imports.js';
import { jsDoc, key, str } from './ts.js';

export interface OpsEmit {
  readonly imports: readonly ImportSpec[];
  /** The `configuredOps(prisma)` function. */
  readonly code: string;
  /** Members of McpHandlerOptions. */
  readonly options: string;
}

function rule(r: RateRuleConfig): string {
  return `{ limit: ${r.limit}, per: ${str(r.per)}${r.burst !== undefined ? `, burst: ${r.burst}` : ''} }`;
}

function limitsLiteral(limits: LimitsConfig): string {
  const parts: string[] = [];
  for (const name of ['perIp', 'perCaller', 'writes'] as const) {
    const r = limits[name];
    if (r) parts.push(`${name}: ${rule(r)}`);
  }
  const toolsets = Object.entries(limits.toolsets ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (toolsets.length > 0) parts.push(`toolsets: { ${toolsets.map(([name, r]) => `${key(name)}: ${rule(r)}`).join(', ')} }`);
  // The Redis store connects when a handler is created, not when this module is imported.
  if (typeof limits.store === 'object') parts.push(`store: redisStore({ redis: redisUrlFrom(${str(limits.store.redis)}) })`);
  return `{ ${parts.join(', ')} }`;
}

export function emitOps(plan: Plan): OpsEmit {
  const { limits, audit } = plan.ops;
  const imports: ImportSpec[] = [
    { from: 'runtime/ops/hooks.ts', names: ['createOps'] },
    { from: 'runtime/ops/audit.ts', names: ['AuditSink'], typeOnly: true },
    { from: 'runtime/ops/rate-limit.ts', names: ['RateLimits'], typeOnly: true },
  ];
  if (typeof limits?.store === 'object') imports.push({ from: 'runtime/ops/redis-store.ts', names: ['redisStore', 'redisUrlFrom'] });
  if (audit && audit.sink === 'model') imports.push({ from: 'runtime/ops/audit.ts', names: ['prismaSink'] });
  const members = [
    ...(limits ? [`limits: ${limitsLiteral(limits)}`] : []),
    ...(audit === false ? ['audit: false'] : audit.sink === 'model' ? [`audit: prismaSink(prisma, ${str(audit.delegate)})`] : []),
  ];
  const code = `${jsDoc('`limits` and `audit` from mcp-gen.config.ts (absent: no limits; audit records as JSON lines on stdout).')}function configuredOps(${audit && audit.sink === 'model' ? 'prisma' : '_prisma'}: Db): { limits?: RateLimits; audit?: AuditSink | false } {
  return ${members.length > 0 ? `{ ${members.join(', ')} }` : '{}'};
}
`;
  const options = `  /** Rate limits (429 with Retry-After). @default \`limits\` from mcp-gen.config.ts; \`false\`: none */
  limits?: RateLimits | false;
  /** Where write audit records go. @default \`audit\` from mcp-gen.config.ts (JSON lines on stdout); \`false\`: none */
  audit?: AuditSink | false;
  /** OpenTelemetry spans per tool call and query (recorded once your app registers an SDK). @default true */
  tracing?: boolean;
`;
  return { imports, code, options };
}

/** The user row's id field for audit records, when there are users. */
export function auditUserIdField(plan: Plan): string | undefined {
  return plan.auth.user?.idField.name;
}
