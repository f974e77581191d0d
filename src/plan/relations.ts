/** Which relations a model's tools can filter on and include (`relations` in the config). */
import type { Model, RelationField } from '../ir/types.js';
import { didYouMean } from '../config/suggest.js';
import { listNames, type Report } from './errors.js';

/**
 * `available`: relations the field config does not hide; `exposed`: models some toolset exposes.
 * Without `relations` in the config: the to-one relations into exposed models. A listed name must
 * be a relation of the model, not hidden by `fields`, and point at an exposed model.
 */
export function planRelations(
  model: Model,
  listed: readonly string[] | undefined,
  available: readonly RelationField[],
  exposed: ReadonlySet<string>,
  path: string,
  report: Report,
): RelationField[] {
  const reachable = available.filter((r) => exposed.has(r.type));
  if (listed === undefined) return reachable.filter((r) => !r.isList);
  const all = model.fields.filter((f): f is RelationField => f.kind === 'relation');
  const names = all.map((f) => f.name);
  const chosen = new Set<string>();
  listed.forEach((name, i) => {
    const at = `${path}.relations[${i}]`;
    const field = model.fields.find((f) => f.name === name);
    if (!field) {
      report.problem(at, `unknown relation "${name}" on ${model.name}${didYouMean(name, names)}. ${listNames('Relations', names)}`);
    } else if (field.kind !== 'relation') {
      report.problem(at, `${model.name}.${name} is a value field, not a relation. ${listNames('Relations', names)}`);
    } else if (!available.includes(field)) {
      report.problem(at, `${model.name}.${name} is hidden by ${path}.fields; a hidden relation cannot be listed here`);
    } else if (!exposed.has(field.type)) {
      report.problem(at, `${model.name}.${name} points at ${field.type}, which no toolset exposes; add ${field.type} to a toolset's models`);
    } else if (chosen.has(name)) {
      report.problem(at, `"${name}" is listed twice`);
    } else {
      chosen.add(name);
    }
  });
  // Schema order, whatever the order of the list.
  return reachable.filter((r) => chosen.has(r.name));
}
