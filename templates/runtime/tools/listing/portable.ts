// Rewrites a JSON Schema into the spelling every MCP client accepts (the MCP Inspector's
// `--strict` portability rules): no `type` arrays (a client that maps schemas onto a
// single-`type` dialect, such as Gemini's OpenAPI subset, rejects them), no schema without a
// validation keyword, no `$schema` noise (nor `propertyNames` that only says keys are strings). The schema accepts exactly the same values.
import { isSchema, type Schema } from './json-schema.js';

/** Keywords whose value is a map of subschemas. */
const MAPS = ['properties', 'patternProperties', 'definitions', '$defs', 'dependencies'];
/** Keywords whose value is an array of subschemas. */
const ARRAYS = ['anyOf', 'allOf', 'oneOf'];
/** Keywords whose value is one subschema. */
const SINGLE = ['items', 'additionalProperties', 'propertyNames', 'contains', 'not', 'if', 'then', 'else'];

/** Keywords that constrain a value (the Inspector's list); a node with none of them accepts anything. */
const CONSTRAINING = new Set([
  'type', 'enum', 'const', 'multipleOf', 'maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum',
  'maxLength', 'minLength', 'pattern', 'format', 'maxItems', 'minItems', 'uniqueItems', 'maxProperties',
  'minProperties', 'required', 'allOf', 'anyOf', 'oneOf', 'not', 'items', 'contains', 'properties',
  'patternProperties', 'additionalProperties', 'propertyNames', 'dependencies', '$ref',
]);

// zod writes JavaScript's safe-integer range on every integer; it says nothing a model needs.
const SAFE = Number.MAX_SAFE_INTEGER;

export function portable(node: Schema, keyword?: string): Schema {
  const out: Schema = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$schema') continue;
    // `propertyNames: { type: 'string' }` (zod's z.record(z.string(), …)) says nothing: JSON keys are strings.
    if (key === 'propertyNames' && isSchema(value) && Object.keys(value).length === 1 && value['type'] === 'string') continue;
    if ((key === 'minimum' && value === -SAFE) || (key === 'maximum' && value === SAFE)) continue;
    if (MAPS.includes(key) && isSchema(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, isSchema(v) ? portable(v, key) : v]));
    } else if (ARRAYS.includes(key) && Array.isArray(value)) {
      out[key] = value.map((v) => (isSchema(v) ? portable(v, key) : v));
    } else if (SINGLE.includes(key) && isSchema(value)) {
      out[key] = portable(value, key);
    } else {
      out[key] = value;
    }
  }
  const allOf = out['allOf'];
  if (Array.isArray(allOf) && allOf.length === 1 && isSchema(allOf[0]) && Object.keys(allOf[0]).every((k) => !(k in out))) {
    // zod wraps a shared schema in `allOf` to attach a description; one member is the schema itself.
    delete out['allOf'];
    Object.assign(out, allOf[0]);
  }
  const type = out['type'];
  if (Array.isArray(type)) {
    // `{ type: ['string', 'null'], ...rest }` → `{ anyOf: [{ type: 'string' }, { type: 'null' }], ...rest }`;
    // the other keywords apply to the types they are about, as before.
    delete out['type'];
    const branches = type.map((t) => ({ type: t }));
    out['anyOf'] = Array.isArray(out['anyOf']) ? [...(out['anyOf'] as unknown[]), ...branches] : branches;
  }
  if (keyword !== 'not' && !Object.keys(out).some((k) => CONSTRAINING.has(k))) {
    // "Any JSON value" (a Json column): said with a keyword. Null has its own branch where it is allowed.
    out['not'] = { type: 'null' };
  }
  return out;
}
