/** Shape validation of a loaded config (no disk, no schema): raw value → `ResolvedConfig` or `ConfigError`. */
import { ConfigError } from './errors.js';
import { formatIssues, formatPath } from './format-issues.js';
import { opsProblems } from './ops.js';
import { configSchema, type ParsedConfig } from './schema.js';
import { effectiveTake } from './take.js';
import { CONFIG_DEFAULTS, type ResolvedConfig, type ToolsetConfig } from './types.js';

/** Problems zod cannot see field by field: page sizes that contradict each other once defaults apply. */
function takeProblems(config: ParsedConfig): string[] {
  const problems: string[] = [];
  const defaults = {
    defaultTake: config.defaults?.defaultTake ?? CONFIG_DEFAULTS.defaultTake,
    maxTake: config.defaults?.maxTake ?? CONFIG_DEFAULTS.maxTake,
  };
  if (defaults.defaultTake > defaults.maxTake) {
    problems.push(`defaults.defaultTake: ${defaults.defaultTake} is larger than defaults.maxTake (${defaults.maxTake})`);
  }
  for (const [tsName, ts] of Object.entries(config.toolsets)) {
    for (const [modelName, m] of Object.entries(ts.models)) {
      const { defaultTake, maxTake } = effectiveTake(defaults, m);
      if (m.defaultTake !== undefined && defaultTake > maxTake) {
        const path = formatPath(['toolsets', tsName, 'models', modelName, 'defaultTake']);
        problems.push(`${path}: ${defaultTake} is larger than maxTake (${maxTake})`);
      }
    }
  }
  return problems;
}

export function validateConfig(raw: unknown, file: string): ResolvedConfig {
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(formatIssues(parsed.error.issues, raw, file));
  const config = parsed.data;
  const problems = [...takeProblems(config), ...opsProblems(config)];
  if (problems.length > 0) throw new ConfigError(problems.map((p) => `${file}: ${p}`));
  // The schema's check guarantees oauth is one mode or the other; the cast only says so.
  const auth: ResolvedConfig['auth'] =
    config.auth === 'none' ? 'none' : ({ ...config.auth, keyModel: config.auth.keyModel ?? CONFIG_DEFAULTS.keyModel } as Exclude<ResolvedConfig['auth'], 'none'>);
  return {
    ...(config.schema === undefined ? {} : { schema: config.schema }),
    output: config.output ?? CONFIG_DEFAULTS.output,
    db: config.db ?? CONFIG_DEFAULTS.db,
    scopesModule: config.scopesModule ?? CONFIG_DEFAULTS.scopesModule,
    ...(config.importFileExtension === undefined ? {} : { importFileExtension: config.importFileExtension }),
    tools: { dir: config.tools?.dir ?? CONFIG_DEFAULTS.toolsDir },
    auth,
    defaults: {
      defaultTake: config.defaults?.defaultTake ?? CONFIG_DEFAULTS.defaultTake,
      maxTake: config.defaults?.maxTake ?? CONFIG_DEFAULTS.maxTake,
      relationDepth: config.defaults?.relationDepth ?? CONFIG_DEFAULTS.relationDepth,
    },
    mode: config.mode ?? CONFIG_DEFAULTS.mode,
    apps: config.apps ?? CONFIG_DEFAULTS.apps,
    // The zod output matches the public type; the cast only narrows `operations` strings to `Operation`.
    toolsets: config.toolsets as Readonly<Record<string, ToolsetConfig>>,
    publish: config.publish ?? {},
    ...(config.limits !== undefined ? { limits: config.limits } : {}),
    ...(config.audit !== undefined ? { audit: config.audit } : {}),
    server: config.server ?? {},
  };
}
