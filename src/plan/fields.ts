/** Which fields a model exposes and which of those are writable. */
import type { Model, RelationField, ValueField } from '../ir/types.js';
import type { FieldsConfig } from '../config/types.js';
import { didYouMean } from '../config/suggest.js';
import { listNames, type Report } from './errors.js';
import { looksSecret } from './secret.js';

export interface Exposure {
  /** Exposed value fields, schema order. */
  readonly fields: readonly ValueField[];
  /** Relation fields the config does not hide (their targets are checked later), schema order. */
  readonly relations: readonly RelationField[];
  /** Why each hidden value field is hidden, for error messages. */
  readonly hidden: ReadonlyMap<string, 'excluded' | 'not included' | 'looks secret'>;
}

export function unknownField(model: Model, name: string): string {
  const names = model.fields.map((f) => f.name);
  return `unknown field "${name}" on ${model.name}${didYouMean(name, names)}. ${listNames('Fields', names)}`;
}

function checkNames(model: Model, names: readonly string[], path: string, allowUnsupported: boolean, report: Report): void {
  names.forEach((name, i) => {
    if (model.fields.some((f) => f.name === name)) return;
    if (model.unsupportedFields.includes(name)) {
      if (!allowUnsupported) report.problem(`${path}[${i}]`, `${model.name}.${name} has an Unsupported(...) type, which Prisma Client cannot read`);
      return;
    }
    report.problem(`${path}[${i}]`, unknownField(model, name));
  });
}

export function exposeFields(model: Model, config: FieldsConfig | undefined, path: string, report: Report): Exposure {
  const include = config !== undefined && 'include' in config ? new Set(config.include) : undefined;
  const exclude = config !== undefined && 'exclude' in config ? new Set(config.exclude) : new Set<string>();
  if (config !== undefined && 'include' in config) checkNames(model, config.include, `${path}.fields.include`, false, report);
  if (config !== undefined && 'exclude' in config) checkNames(model, config.exclude, `${path}.fields.exclude`, true, report);

  const fields: ValueField[] = [];
  const relations: RelationField[] = [];
  const hidden = new Map<string, 'excluded' | 'not included' | 'looks secret'>();
  for (const f of model.fields) {
    // `include` is a whitelist for relations too: nothing is reachable that was not named.
    const named = include === undefined ? !exclude.has(f.name) : include.has(f.name);
    if (f.kind === 'relation') {
      if (named) relations.push(f);
      continue;
    }
    if (!named) {
      hidden.set(f.name, include === undefined ? 'excluded' : 'not included');
    } else if (include === undefined && looksSecret(f.name)) {
      hidden.set(f.name, 'looks secret');
      report.note(`${model.name}.${f.name} hidden (looks secret); list it in fields.include to expose it`);
    } else {
      fields.push(f);
    }
  }
  return { fields, relations, hidden };
}

const HIDDEN_WHY = {
  excluded: 'it is in fields.exclude',
  'not included': 'it is not in fields.include',
  'looks secret': 'it looks secret; list it in fields.include to expose it',
} as const;

/**
 * Fields accepted by create/update. Defaults leave out what the database or Prisma fills in
 * (ids with defaults, `@updatedAt`); scope-fixed fields are always left out because the server sets them.
 */
export function planWritable(
  model: Model,
  exposure: Exposure,
  writable: readonly string[] | undefined,
  fixed: ReadonlyMap<string, string>,
  path: string,
  report: Report,
): ValueField[] {
  if (writable === undefined) {
    return exposure.fields.filter((f) => !(f.isId && f.hasDefault) && !(f.kind === 'scalar' && f.isUpdatedAt) && !fixed.has(f.name));
  }
  const out: ValueField[] = [];
  writable.forEach((name, i) => {
    const at = `${path}.writable[${i}]`;
    const field = model.fields.find((f) => f.name === name);
    if (field === undefined) return report.problem(at, unknownField(model, name));
    if (field.kind === 'relation') {
      const fks = field.fromFields.length > 0 ? `; list its foreign key ${field.fromFields.join(', ')} instead` : '';
      return report.problem(at, `${model.name}.${name} is a relation, not a value field${fks}`);
    }
    const why = exposure.hidden.get(name);
    if (why !== undefined) return report.problem(at, `${model.name}.${name} is not exposed, so it cannot be writable: ${HIDDEN_WHY[why]}`);
    const userField = fixed.get(name);
    if (userField !== undefined) {
      report.note(`${model.name}.${name} is set from the scope ($user.${userField}) and is not writable`);
      return;
    }
    if (!out.includes(field)) out.push(field);
  });
  // Schema order, like every other field list in the plan.
  return exposure.fields.filter((f) => out.includes(f));
}

/** Required fields nobody can fill make every create fail at runtime; say so at generate time. */
export function checkCreatable(model: Model, writable: readonly ValueField[], fixed: ReadonlyMap<string, string>, path: string, report: Report): void {
  for (const f of model.fields) {
    if (f.kind === 'relation' || !f.isRequired || f.isList || f.hasDefault) continue;
    if (f.kind === 'scalar' && f.isUpdatedAt) continue;
    if (writable.includes(f) || fixed.has(f.name)) continue;
    report.problem(`${path}.operations`, `create needs ${model.name}.${f.name} (required, no default) but it is not writable; add it to writable or drop create`);
  }
}
