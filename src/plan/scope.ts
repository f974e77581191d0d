/**
 * Row scopes: a Prisma-style `where` with `$user.<field>` placeholders, checked key by key
 * against the schema and turned into a `ScopeExpr`. Scope filters run on the server, so they may
 * walk relations and fields that no toolset exposes.
 */
import type { Enum, Field, Model, RelationField, ValueField } from '../ir/types.js';
import { didYouMean } from '../config/suggest.js';
import { formatPath } from '../config/format-issues.js';
import type { ScopeExpr, ScopePlan } from './types.js';
import { listNames, type Report } from './errors.js';

export interface ScopeContext {
  readonly models: ReadonlyMap<string, Model>;
  readonly enums: ReadonlyMap<string, Enum>;
  /** The user model's value fields; undefined when there is no usable user model. */
  readonly userFields: ReadonlyMap<string, ValueField> | undefined;
  readonly report: Report;
}

type Path = readonly (string | number)[];

const LOGIC = ['AND', 'OR', 'NOT'];
const SCALAR_OPS = ['equals', 'not', 'lt', 'lte', 'gt', 'gte', 'contains', 'startsWith', 'endsWith'];
const LIST_OPS = ['in', 'notIn'];
const SCALAR_LIST_OPS = ['has', 'hasSome', 'hasEvery', 'isEmpty'];
const TO_MANY = ['some', 'every', 'none'];
const TO_ONE = ['is', 'isNot'];
const USER_REF = /^\$user\.([A-Za-z_][A-Za-z0-9_]*)$/;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function describe(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return 'an array';
  if (isObject(v)) return 'an object';
  return String(v);
}

/** Whether a literal suits a field's type (a wrong literal would only fail at request time). */
function literalFits(field: ValueField, value: string | number | boolean | null, enums: ReadonlyMap<string, Enum>): boolean {
  if (value === null) return !field.isRequired;
  if (field.kind === 'enum') return typeof value === 'string' && (enums.get(field.type)?.values.includes(value) ?? true);
  switch (field.type) {
    case 'Boolean':
      return typeof value === 'boolean';
    case 'Int':
    case 'Float':
      return typeof value === 'number';
    case 'BigInt':
    case 'Decimal':
      return typeof value === 'number' || (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value));
    case 'String':
    case 'DateTime':
      return typeof value === 'string';
    default:
      return true;
  }
}

function typeName(f: ValueField): string {
  return f.kind === 'enum' ? `enum ${f.type}` : f.type;
}

class ScopeParser {
  constructor(
    private readonly ctx: ScopeContext,
    private readonly base: Path,
  ) {}

  private problem(path: Path, message: string): void {
    this.ctx.report.problem(formatPath([...this.base, ...path]), message);
  }

  /** A `where` object on `model`. */
  where(value: unknown, model: Model, path: Path): ScopeExpr {
    if (!isObject(value)) {
      this.problem(path, `expected a filter object on ${model.name}, got ${describe(value)}`);
      return { kind: 'object', entries: [] };
    }
    const entries: (readonly [string, ScopeExpr])[] = [];
    for (const [key, v] of Object.entries(value)) {
      entries.push([key, this.entry(key, v, model, [...path, key])]);
    }
    return { kind: 'object', entries };
  }

  private entry(key: string, value: unknown, model: Model, path: Path): ScopeExpr {
    if (LOGIC.includes(key)) {
      if (Array.isArray(value)) return { kind: 'array', items: value.map((v, i) => this.where(v, model, [...path, i])) };
      if (key === 'OR') this.problem(path, `OR expects an array of filters, got ${describe(value)}`);
      return this.where(value, model, path);
    }
    const field = model.fields.find((f) => f.name === key);
    if (field === undefined) {
      const names = [...LOGIC, ...model.fields.map((f) => f.name)];
      this.problem(path, `unknown field "${key}" on ${model.name}${didYouMean(key, names)}. ${listNames('Fields', model.fields.map((f) => f.name))}`);
      return { kind: 'literal', value: null };
    }
    return field.kind === 'relation' ? this.relation(field, value, model, path) : this.valueFilter(field, value, model, path);
  }

  private relation(field: RelationField, value: unknown, model: Model, path: Path): ScopeExpr {
    const target = this.ctx.models.get(field.type);
    if (target === undefined) return { kind: 'literal', value: null };
    const ops = field.isList ? TO_MANY : TO_ONE;
    if (value === null && !field.isList && !field.isRequired) return { kind: 'literal', value: null };
    if (!isObject(value)) {
      this.problem(path, `expected { ${ops.join(' | ')}: { ... } } on relation ${model.name}.${field.name}, got ${describe(value)}`);
      return { kind: 'literal', value: null };
    }
    const keys = Object.keys(value);
    const usesOps = keys.some((k) => ops.includes(k) || TO_MANY.includes(k) || TO_ONE.includes(k));
    if (!usesOps) {
      if (field.isList) {
        this.problem(path, `${model.name}.${field.name} is a to-many relation: wrap the filter in some, every or none`);
        return { kind: 'literal', value: null };
      }
      return this.where(value, target, path); // to-one shorthand: `author: { id: ... }`
    }
    const entries: (readonly [string, ScopeExpr])[] = [];
    for (const [op, inner] of Object.entries(value)) {
      if (!ops.includes(op)) {
        this.problem([...path, op], `"${op}" does not apply to ${field.isList ? 'to-many' : 'to-one'} relation ${model.name}.${field.name}; use ${ops.join(', ')}`);
        continue;
      }
      if (inner === null && TO_ONE.includes(op)) entries.push([op, { kind: 'literal', value: null }]);
      else entries.push([op, this.where(inner, target, [...path, op])]);
    }
    return { kind: 'object', entries };
  }

  /** The right side of a value field: a leaf, or an operator object. */
  private valueFilter(field: ValueField, value: unknown, model: Model, path: Path): ScopeExpr {
    if (!isObject(value)) return this.leaf(field, value, model, path);
    const allowed = [...SCALAR_OPS, ...LIST_OPS, 'mode', ...(field.isList ? SCALAR_LIST_OPS : [])];
    const entries: (readonly [string, ScopeExpr])[] = [];
    for (const [op, inner] of Object.entries(value)) {
      const p = [...path, op];
      if (!allowed.includes(op)) {
        this.problem(p, `unknown operator "${op}" for ${model.name}.${field.name}${didYouMean(op, allowed)}. Operators: ${allowed.join(', ')}`);
      } else if (op === 'mode') {
        if (inner !== 'insensitive' && inner !== 'default') this.problem(p, `expected "insensitive" or "default", got ${describe(inner)}`);
        else entries.push([op, { kind: 'literal', value: inner }]);
      } else if (op === 'not' && isObject(inner)) {
        entries.push([op, this.valueFilter(field, inner, model, p)]);
      } else if (LIST_OPS.includes(op) || op === 'hasSome' || op === 'hasEvery') {
        if (Array.isArray(inner)) entries.push([op, { kind: 'array', items: inner.map((v, i) => this.leaf(field, v, model, [...p, i])) }]);
        else entries.push([op, this.leaf(field, inner, model, p, true)]);
      } else {
        entries.push([op, this.leaf(field, inner, model, p)]);
      }
    }
    return { kind: 'object', entries };
  }

  private leaf(field: ValueField, value: unknown, model: Model, path: Path, listOk = false): ScopeExpr {
    if (typeof value === 'string' && value.startsWith('$')) return this.userRef(field, value, model, path, listOk);
    if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      if (!literalFits(field, value, this.ctx.enums)) {
        this.problem(path, `${describe(value)} does not fit ${model.name}.${field.name} (${typeName(field)}${field.isRequired ? '' : '?'})`);
      }
      return { kind: 'literal', value };
    }
    this.problem(path, `expected a value, "$user.<field>" or an operator object for ${model.name}.${field.name}, got ${describe(value)}`);
    return { kind: 'literal', value: null };
  }

  private userRef(field: ValueField, value: string, model: Model, path: Path, listOk: boolean): ScopeExpr {
    const m = USER_REF.exec(value);
    if (m === null) {
      this.problem(path, `unknown placeholder ${JSON.stringify(value)}; placeholders look like "$user.id"`);
      return { kind: 'literal', value: null };
    }
    const name = m[1]!;
    const userFields = this.ctx.userFields;
    if (userFields === undefined) return { kind: 'user', field: name }; // auth problems are reported once, elsewhere
    const uf = userFields.get(name);
    if (uf === undefined) {
      const names = [...userFields.keys()];
      this.problem(path, `unknown user field "${name}" in ${JSON.stringify(value)}${didYouMean(name, names)}. ${listNames('User fields', names)}`);
    } else if (uf.type !== field.type || (uf.isList && !listOk)) {
      this.problem(path, `${model.name}.${field.name} is ${typeName(field)} but ${value} is ${typeName(uf)}${uf.isList ? '[]' : ''}`);
    }
    return { kind: 'user', field: name };
  }
}

/** `field: '$user.x'` or `field: { equals: '$user.x' }` on the model's own value field. */
function fixedPair(key: string, expr: ScopeExpr, model: Model): [string, string] | undefined {
  const field: Field | undefined = model.fields.find((f) => f.name === key);
  if (field === undefined || field.kind === 'relation') return undefined;
  if (expr.kind === 'user') return [key, expr.field];
  if (expr.kind === 'object' && expr.entries.length === 1) {
    const [op, inner] = expr.entries[0]!;
    if (op === 'equals' && inner.kind === 'user') return [key, inner.field];
  }
  return undefined;
}

/** Equalities every row in scope satisfies: top-level entries and those inside a top-level AND. */
function fixedFields(where: ScopeExpr, model: Model): [string, string][] {
  if (where.kind !== 'object') return [];
  const out: [string, string][] = [];
  for (const [key, expr] of where.entries) {
    if (key === 'AND') {
      const parts = expr.kind === 'array' ? expr.items : [expr];
      for (const part of parts) out.push(...fixedFields(part, model));
      continue;
    }
    const pair = fixedPair(key, expr, model);
    if (pair !== undefined) out.push(pair);
  }
  const seen = new Set<string>();
  return out.filter(([f]) => !seen.has(f) && seen.add(f) !== undefined);
}

export function planScope(raw: Readonly<Record<string, unknown>>, model: Model, base: Path, ctx: ScopeContext): ScopePlan {
  const fn = raw['function'];
  if (typeof fn === 'string' && Object.keys(raw).length === 1) return { kind: 'function', exportName: fn };
  const where = new ScopeParser(ctx, base).where(raw, model, []);
  return { kind: 'filter', where, fixed: fixedFields(where, model) };
}
