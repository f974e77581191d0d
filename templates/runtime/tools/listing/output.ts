// The advertised result schema: the top-level shape only (names, JSON types, required). The full
// row schema repeats every field and related row, costs more tokens than the tool's arguments,
// and tells a model little that the tool's `where` does not. The runtime still checks results
// against the exact zod schema, and this one only drops constraints from it, so structured
// results always match what is advertised.
import { isSchema, properties, resolve, union, valueBranches, type Definitions, type Schema } from './json-schema.js';

export function leanOutput(schema: Schema): Schema {
  const defs = (isSchema(schema['definitions']) ? schema['definitions'] : {}) as Definitions;
  const root = resolve(schema, defs);
  // A member that may hold any JSON value (a Json column) is left out: unlisted members stay allowed.
  const props = Object.entries(properties(root)).flatMap(([name, prop]) => {
    const branches = valueBranches(prop, defs);
    return branches ? [[name, union(branches.map((b) => ('enum' in b ? { type: 'string' } : b)))] as const] : [];
  });
  const required = Array.isArray(root['required']) ? root['required'] : [];
  // A result whose members are all optional is a row (`select` may pick any of them): its members
  // are the model's fields, which the tool's own arguments already name.
  if (required.length === 0) return { type: 'object' };
  return {
    type: 'object',
    ...(props.length > 0 ? { properties: Object.fromEntries(props) } : {}),
    required,
  };
}
