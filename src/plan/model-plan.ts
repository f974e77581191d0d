/** The plan for one model entry of one toolset (cross-model checks live in build.ts). */
import type { Model, ValueField } from '../ir/types.js';
import type { ModelConfig, ResolvedConfig } from '../config/types.js';
import { effectiveTake } from '../config/take.js';
import type { Report } from './errors.js';
import { checkCreatable, exposeFields, planWritable } from './fields.js';
import { defaultToolName, delegateName, kebabCase } from './names.js';
import { planOperations } from './operations.js';
import { planRelations } from './relations.js';
import { planScope, type ScopeContext } from './scope.js';
import type { ModelPlan, Operation, ScopePlan } from './types.js';

export interface Entry {
  readonly toolset: string;
  readonly model: Model;
  readonly config: ModelConfig;
  /** Config key path, `toolsets.blog.models.BlogPost`, and its parts. */
  readonly path: string;
  readonly pathKeys: readonly string[];
}

export interface PlanInputs {
  readonly config: ResolvedConfig;
  /** Models exposed by some toolset: only relations into these are exposed. */
  readonly exposed: ReadonlySet<string>;
  readonly scope: ScopeContext;
  readonly report: Report;
}

function planModelScope(entry: Entry, inputs: PlanInputs): ScopePlan | undefined {
  const raw = entry.config.scope;
  if (raw === undefined) return undefined;
  if (inputs.config.auth === 'none') {
    inputs.report.problem(`${entry.path}.scope`, `a scope needs auth.apiKeys: with auth 'none' there is no user to scope rows by`);
    return undefined;
  }
  const base = [...entry.pathKeys, 'scope'];
  return planScope(raw as Readonly<Record<string, unknown>>, entry.model, base, inputs.scope);
}

function planToolNames(entry: Entry, operations: readonly Operation[], report: Report): Partial<Record<Operation, string>> {
  const names = entry.config.names ?? {};
  for (const op of Object.keys(names) as Operation[]) {
    if (!operations.includes(op)) {
      report.problem(`${entry.path}.names.${op}`, `${entry.model.name} has no ${op} tool to rename (operations: ${operations.join(', ') || 'none'})`);
    }
  }
  const out: Partial<Record<Operation, string>> = {};
  for (const op of operations) out[op] = names[op] ?? defaultToolName(entry.model.name, op);
  return out;
}

export function planModel(entry: Entry, inputs: PlanInputs): ModelPlan {
  const { model, config: mc, path } = entry;
  const { report } = inputs;
  const exposure = exposeFields(model, mc.fields, path, report);
  const exposedNames = new Set(exposure.fields.map((f) => f.name));
  const keys = model.uniqueKeys
    .filter((k) => k.fields.every((f) => exposedNames.has(f)))
    .map((k) => ({ fields: k.fields, clientKey: k.clientKey }));
  const scope = planModelScope(entry, inputs);
  const fixed = new Map(scope?.kind === 'filter' ? scope.fixed : []);
  const operations = planOperations(model, mc.operations, keys.length > 0, path, report);
  const writable: ValueField[] = planWritable(model, exposure, mc.writable, fixed, path, report);
  if (operations.includes('create')) checkCreatable(model, writable, fixed, path, report);
  for (const name of model.unsupportedFields) report.note(`${model.name}.${name} skipped (Unsupported type, invisible to Prisma Client)`);

  return {
    model,
    toolset: entry.toolset,
    delegate: delegateName(model.name),
    fileName: kebabCase(model.name),
    fields: exposure.fields,
    relations: planRelations(model, mc.relations, exposure.relations, inputs.exposed, path, report).map((field) => ({ field, target: field.type })),
    writable,
    operations,
    toolNames: planToolNames(entry, operations, report),
    keys,
    ...(scope === undefined ? {} : { scope }),
    ...effectiveTake(inputs.config.defaults, mc),
    mode: inputs.config.toolsets[entry.toolset]?.mode ?? inputs.config.mode ?? 'full',
    // Code mode has no list/get/aggregate tools to show in a view.
    apps: (inputs.config.toolsets[entry.toolset]?.mode ?? inputs.config.mode) !== 'code' && (inputs.config.toolsets[entry.toolset]?.apps ?? inputs.config.apps ?? true),
    relationDepth: mc.relationDepth ?? inputs.config.defaults.relationDepth ?? 2,
  };
}
