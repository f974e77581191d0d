/** Public API of the `mcp-gen` package. */
export { defineConfig } from './config/define.js';
export type {
  McpGenConfig,
  ModelConfig,
  ToolsetConfig,
  FieldsConfig,
  ApiKeysAuth,
  ScopeFilter,
  ScopeFunction,
  ScopeValue,
  ScopeLeaf,
  ResolvedConfig,
  PublishTrpcConfig,
} from './config/types.js';
export { PublishError } from './publish/errors.js';
export { validateConfig } from './config/validate.js';
export { loadConfig } from './config/load.js';
export { ConfigError } from './config/errors.js';
export { buildPlan } from './plan/build.js';
export { PlanError } from './plan/errors.js';
export type { Plan, ModelPlan, ToolsetPlan, AuthPlan, ScopePlan, ScopeExpr, ExposedRelation, Operation } from './plan/types.js';
export type { SchemaIR } from './ir/types.js';
