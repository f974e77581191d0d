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

/** `input` with its top-level name lists shortened when they name more than WIDE fields. */
export function shortenNameLists(input: Schema): Schema {
  const props = properties(input);
  if (Object.keys(props).length === 0) return input;
  return { ...input, properties: Object.fromEntries(Object.entries(props).map(([name, prop]) => [name, name === 'where' || name === 'data' ? prop : shorten(prop)])) };
}
