// The advertised result schema: the top-level shape only (names, JSON types, required). The full
// row schema repeats every field and related row, costs more tokens than the tool's arguments,
// and tells a model little that the tool's `where` does not; the runtime still checks results
// against the exact zod schema, so what is sent always matches this looser one.
import { isSchema, properties, resolve, union, valueBranches, type Definitions, type Schema } from './json-schema.js';

/** Results with more members than this are rows: their members are the model's fields, which the tool's arguments already name. */
const MAX_LISTED = 6;

export function leanOutput(schema: Schema): Schema {
  const defs = (isSchema(schema['definitions']) ? schema['definitions'] : {}) as Definitions;
  const root = resolve(schema, defs);
  // A member that may hold any JSON value (a Json column) is left out: unlisted members stay allowed.
  const props = Object.entries(properties(root)).flatMap(([name, prop]) => {
    const branches = valueBranches(prop, defs);
    return branches ? [[name, union(branches.map((b) => ('enum' in b ? { type: 'string' } : b)))] as const] : [];
  });
  if (props.length > MAX_LISTED) return { type: 'object' };
  return {
    type: 'object',
    ...(props.length > 0 ? { properties: Object.fromEntries(props) } : {}),
    ...(Array.isArray(root['required']) && root['required'].length > 0 ? { required: root['required'] } : {}),
  };
}
