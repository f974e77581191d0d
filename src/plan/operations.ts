/** Which operations a model gets, given what the schema allows. */
import type { Model } from '../ir/types.js';
import type { Report } from './errors.js';
import { ALL_OPERATIONS, READ_OPERATIONS, WRITE_OPERATIONS, type Operation } from './types.js';

/** Operations that address one row and so need a unique key among the exposed fields. */
const NEEDS_KEY: readonly Operation[] = ['get', 'update', 'delete'];

export function planOperations(
  model: Model,
  requested: readonly Operation[] | undefined,
  hasExposedKey: boolean,
  path: string,
  report: Report,
): Operation[] {
  const explicit = requested !== undefined;
  const wanted = new Set(requested ?? READ_OPERATIONS);
  const out: Operation[] = [];
  for (const op of ALL_OPERATIONS) {
    if (!wanted.has(op)) continue;
    if (WRITE_OPERATIONS.includes(op) && model.isView) {
      report.problem(`${path}.operations`, `"${op}" is not available: ${model.name} is a view, and views are read-only`);
      continue;
    }
    if (WRITE_OPERATIONS.includes(op) && model.uniqueKeys.length === 0) {
      report.problem(`${path}.operations`, `"${op}" is not available: ${model.name} has no @id or @unique, so Prisma cannot write single rows of it`);
      continue;
    }
    if (NEEDS_KEY.includes(op) && !hasExposedKey) {
      const keys = model.uniqueKeys.map((k) => (k.fields.length === 1 ? k.fields[0]! : `(${k.fields.join(', ')})`));
      const why =
        keys.length === 0
          ? `${model.name} has no @id or @unique`
          : `none of ${model.name}'s unique keys (${keys.join(', ')}) is fully exposed`;
      if (explicit) report.problem(`${path}.operations`, `"${op}" needs a unique key to address one row, but ${why}`);
      else report.note(`${model.name}: no ${op} tool (${why})`);
      continue;
    }
    out.push(op);
  }
  return out;
}
