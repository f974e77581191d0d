/**
 * `buildPlan`: IR + validated config → Plan. Pure; every check of the config against the schema
 * happens here, and all problems are reported together.
 */
import type { Enum, SchemaIR } from '../ir/types.js';
import type { ResolvedConfig } from '../config/types.js';
import { formatPath } from '../config/format-issues.js';
import { planAuth, unknownModel } from './auth.js';
import { PlanError, type Report } from './errors.js';
import { planModel, type Entry } from './model-plan.js';
import { planOps } from './ops.js';
import { planServer } from './server.js';
import { COMPACT_TOOL_NAMES, VIEW_ROWS_TOOL, type AppInfo, type ImportExtension, type ModelPlan, type Plan, type ToolsetPlan } from './types.js';

function collectEntries(ir: SchemaIR, config: ResolvedConfig, report: Report): Entry[] {
  const models = new Map(ir.models.map((m) => [m.name, m]));
  const keyModel = config.auth === 'none' ? undefined : config.auth.keyModel;
  const entries: Entry[] = [];
  for (const [toolset, ts] of Object.entries(config.toolsets)) {
    for (const [name, mc] of Object.entries(ts.models)) {
      const pathKeys = ['toolsets', toolset, 'models', name];
      const path = formatPath(pathKeys);
      const model = models.get(name);
      if (model === undefined) report.problem(path, unknownModel(name, models));
      else if (name === keyModel) report.problem(path, `${name} is the API key model (auth.keyModel) and is never exposed as a toolset`);
      else entries.push({ toolset, model, config: mc, path, pathKeys });
    }
  }
  return entries;
}

/** Two tools with one name would shadow each other; name every place that produces it. */
function checkToolNames(plans: readonly ModelPlan[], entries: readonly Entry[], reserved: ReadonlyMap<string, string>, report: Report): void {
  const owners = new Map<string, string[]>();
  for (const [name, owner] of reserved) owners.set(name, [owner]);
  plans.forEach((p, i) => {
    for (const [op, name] of Object.entries(p.toolNames)) {
      const list = owners.get(name!) ?? [];
      list.push(`${entries[i]!.path} (${op})`);
      owners.set(name!, list);
    }
  });
  for (const [name, list] of owners) {
    if (list.length < 2) continue;
    report.problem(list[list.length - 1]!.replace(/ \(.*\)$/, ''), `tool name "${name}" is produced by ${list.join(' and ')}; give one of them a distinct name with names: { <operation>: '...' }`);
  }
}

/**
 * A model belongs to one toolset: relations into it carry one scope and one set of fields, and
 * tools reach it through one module. Module names must not clash either.
 */
function disambiguate(plans: ModelPlan[], entries: readonly Entry[], report: Report): ModelPlan[] {
  const firstByModel = new Map<string, number>();
  plans.forEach((p, i) => {
    const first = firstByModel.get(p.model.name);
    if (first === undefined) return void firstByModel.set(p.model.name, i);
    report.problem(entries[i]!.path, `${p.model.name} is already exposed at ${entries[first]!.path}; a model belongs to one toolset (grant keys several toolsets' scopes instead)`);
  });
  const files = new Map<string, string>();
  plans.forEach((p, i) => {
    const other = files.get(p.fileName);
    if (other !== undefined && firstByModel.get(p.model.name) === i) report.problem(entries[i]!.path, `module name "${p.fileName}" clashes with ${other}; rename one of the models`);
    else files.set(p.fileName, entries[i]!.path);
  });
  return plans;
}

function usedEnums(ir: SchemaIR, plans: readonly ModelPlan[], extra: readonly { kind: string; type: string }[]): Enum[] {
  const used = new Set<string>();
  for (const f of [...plans.flatMap((p) => p.fields), ...extra]) if (f.kind === 'enum') used.add(f.type);
  return ir.enums.filter((e) => used.has(e.name)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * `app`: the project's package.json (name and version), the defaults of `server`.
 * `importExtension`: the project's specifier style, read from its tsconfig by the caller (`loadProject`).
 */
export function buildPlan(ir: SchemaIR, config: ResolvedConfig, app: AppInfo = {}, importExtension: ImportExtension = '.js'): Plan {
  const problems: string[] = [];
  const notes = new Set<string>();
  const report: Report = { problem: (path, message) => problems.push(`${path}: ${message}`), note: (n) => notes.add(n) };
  const models = new Map(ir.models.map((m) => [m.name, m]));

  const { auth, userFields } = planAuth(config, models, report);
  const entries = collectEntries(ir, config, report);
  const ops = planOps(config, models, report);
  const inputs = {
    config,
    exposed: new Set(entries.map((e) => e.model.name)),
    scope: { models, enums: new Map(ir.enums.map((e) => [e.name, e])), userFields, report },
    report,
  };
  let plans = entries.map((e) => planModel(e, inputs));
  const reserved = new Map(auth.kind === 'apiKeys' ? [['get_user_info', 'auth (built-in get_user_info)']] : []);
  const compactAt = Object.entries(config.toolsets).find(([, ts]) => (ts.mode ?? config.mode ?? 'full') === 'compact');
  if (compactAt) for (const name of COMPACT_TOOL_NAMES) reserved.set(name, `compact mode (toolsets.${compactAt[0]})`);
  const appsAt = Object.entries(config.toolsets).find(([, ts]) => ts.apps ?? config.apps ?? true);
  if (appsAt) reserved.set(VIEW_ROWS_TOOL, `MCP Apps (toolsets.${appsAt[0]}; apps: false turns it off)`);
  // Compact models get no per-model tools, so their names cannot clash.
  checkToolNames(plans.map((p) => (p.mode === 'compact' ? { ...p, toolNames: {} } : p)), entries, reserved, report);
  plans = disambiguate(plans, entries, report);
  const toolsets: ToolsetPlan[] = Object.entries(config.toolsets).map(([name, ts]) => ({
    name,
    ...(ts.description === undefined ? {} : { description: ts.description }),
    models: Object.keys(ts.models),
    mode: ts.mode ?? config.mode ?? 'full',
    apps: ts.apps ?? config.apps ?? true,
  }));
  const server = planServer(config, app, { toolsets, models: plans, auth }, report);
  if (problems.length > 0) throw new PlanError(problems);

  const scoped = plans.some((p) => p.scope?.kind === 'function');
  return {
    provider: ir.provider,
    toolsets,
    models: [...plans].sort((a, b) => byName(a.model.name, b.model.name) || byName(a.toolset, b.toolset)),
    enums: usedEnums(ir, plans, auth.user?.info ?? []),
    auth,
    output: config.output,
    dbModule: config.db,
    ...(scoped ? { scopesModule: config.scopesModule } : {}),
    notes: [...notes].sort(byName),
    ops,
    server,
    importExtension,
  };
}
