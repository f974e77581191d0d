/** Emits a model's `scope` and `fixed` functions from its ScopePlan. */
import path from 'node:path';
import type { ModelPlan, Plan, ScopeExpr } from '../plan/types.js';
import { key, objectLiteral, str, strList } from './ts.js';
import type { ImportSpec } from './imports.js';
import { moduleSpecifier } from './specifiers.js';

export function scopeExpr(expr: ScopeExpr): string {
  switch (expr.kind) {
    case 'user':
      return `user.${expr.field}`;
    case 'literal':
      return expr.value === null ? 'null' : typeof expr.value === 'string' ? str(expr.value) : String(expr.value);
    case 'array':
      return `[${expr.items.map(scopeExpr).join(', ')}]`;
    case 'object':
      return expr.entries.length === 0 ? '{}' : `{ ${expr.entries.map(([k, v]) => `${key(k)}: ${scopeExpr(v)}`).join(', ')} }`;
  }
}

/** Import path of a user-owned module (project-relative) from a generated file. */
export function userModuleImport(plan: Plan, fromGenerated: string, userModule: string): string {
  const fromDir = path.posix.dirname(path.posix.join(plan.output, fromGenerated));
  let rel = path.posix.relative(fromDir, moduleSpecifier(userModule, plan.importExtension));
  if (!rel.startsWith('.')) rel = `./${rel}`;
  return rel;
}

export function scopeFunctions(plan: Plan, mp: ModelPlan, file: string): { entries: [string, string][]; imports: ImportSpec[] } {
  const scope = mp.scope;
  if (!scope) return { entries: [], imports: [] };
  if (scope.kind === 'function') {
    const from = userModuleImport(plan, file, plan.scopesModule!);
    return {
      entries: [['scope', scope.exportName]],
      imports: [{ from, names: [scope.exportName] }],
    };
  }
  const entries: [string, string][] = [['scope', `(user) => (${scopeExpr(scope.where)})`]];
  if (scope.fixed.length > 0) {
    entries.push(['fixed', `(user) => (${objectLiteral(scope.fixed.map(([field, userField]) => [field, `user.${userField}`]))})`]);
  }
  const read = new Set([...userFieldsOf(scope.where), ...scope.fixed.map(([, userField]) => userField)]);
  entries.push(['userFields', strList([...read].sort())]);
  return { entries, imports: [] };
}

/** The `$user.<field>` names a scope expression reads. */
function userFieldsOf(expr: ScopeExpr): string[] {
  switch (expr.kind) {
    case 'user':
      return [expr.field];
    case 'literal':
      return [];
    case 'array':
      return expr.items.flatMap(userFieldsOf);
    case 'object':
      return expr.entries.flatMap(([, v]) => userFieldsOf(v));
  }
}
