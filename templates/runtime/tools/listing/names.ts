// Long lists of field names (`select`, `orderBy`, `by`, `_count`, `_min`, ...) of a wide model:
// each would repeat the model's columns in every read tool. The where's description already
// lists them by type, so these say "a field name" and the validator checks the actual name.
import { isSchema, properties, type Schema } from './json-schema.js';
import { WIDE } from './where.js';

function shorten(node: Schema): Schema {
  const items = node['items'];
  const names = node['propertyNames'];
  const out: Schema = { ...node };
  if (isSchema(items) && Array.isArray(items['enum']) && items['enum'].length > WIDE) {
    out['items'] = { type: 'string' };
    out['description'] = `${typeof node['description'] === 'string' ? `${node['description']}: ` : ''}field names (see where)`;
  }
  if (isSchema(names) && Array.isArray(names['enum']) && names['enum'].length > WIDE) out['propertyNames'] = { type: 'string' };
  if (isSchema(items) && !Array.isArray(items['enum'])) out['items'] = shorten(items);
  return out;
}

/**
 * `input` with its top-level name lists shortened when they name more than WIDE fields, and lists
 * that name the same fields (aggregate's `_min` and `_max`, `_sum` and `_avg`) written once, as a
 * definition both refer to.
 */
export function shortenNameLists(input: Schema): Schema {
  const props = properties(input);
  if (Object.keys(props).length === 0) return input;
  const short = Object.fromEntries(Object.entries(props).map(([name, prop]) => [name, name === 'where' || name === 'data' ? prop : shorten(prop)]));
  const groups = new Map<string, string[]>();
  for (const [name, prop] of Object.entries(short)) {
    const items = prop['items'];
    if (!isSchema(items) || !Array.isArray(items['enum'])) continue;
    const key = JSON.stringify(items);
    groups.set(key, [...(groups.get(key) ?? []), name]);
  }
  const definitions: Record<string, Schema> = {};
  for (const [key, names] of groups) {
    if (names.length < 2) continue;
    const id = `${names.map((n) => n.replace(/^_/, '')).join('_')}_fields`;
    definitions[id] = JSON.parse(key) as Schema;
    for (const name of names) short[name] = { ...short[name], items: { $ref: `#/definitions/${id}` } };
  }
  // The caller merges `definitions` (new ones only) with the schema's own.
  return { ...input, properties: short, ...(Object.keys(definitions).length > 0 ? { definitions } : {}) };
}
