// The MCP Inspector's `--strict` tool-schema rules, restated for fast unit tests (the real
// Inspector runs against a served tools/list in test/e2e/portability.test.ts):
//   type-union      `type` is an array                         (warning)
//   untyped-schema  a schema with no validation keyword at all  (warning; fine under `not`)
//   remote-ref      `$ref` not starting with `#`                (warning)
//   boolean-schema  `true`/`false` where a schema is expected   (error; fine for additionalProperties)
import type { Tool } from '@modelcontextprotocol/server';

export interface Finding {
  readonly tool: string;
  readonly path: string;
  readonly rule: 'type-union' | 'untyped-schema' | 'remote-ref' | 'boolean-schema';
}

const MAPS = ['properties', 'patternProperties', 'dependentSchemas', 'dependencies', '$defs', 'definitions'];
const LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const ONE = ['items', 'contains', 'not', 'propertyNames', 'if', 'then', 'else', 'additionalProperties', 'unevaluatedProperties', 'additionalItems', 'unevaluatedItems'];
const BOOLEAN_OK = new Set(['additionalProperties', 'unevaluatedProperties', 'additionalItems', 'unevaluatedItems']);
// Every JSON Schema keyword that asserts something about a value (annotations such as
// `description`, `title`, `default` do not).
const ASSERTING = new Set([
  'type', 'enum', 'const', 'multipleOf', 'maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum', 'maxLength',
  'minLength', 'pattern', 'format', 'contentMediaType', 'contentEncoding', 'contentSchema', 'maxItems', 'minItems',
  'uniqueItems', 'maxContains', 'minContains', 'maxProperties', 'minProperties', 'required', 'dependentRequired',
  'allOf', 'anyOf', 'oneOf', 'not', 'items', 'prefixItems', 'contains', 'additionalItems', 'unevaluatedItems',
  'properties', 'patternProperties', 'additionalProperties', 'unevaluatedProperties', 'propertyNames',
  'dependentSchemas', 'dependencies', '$ref', '$dynamicRef', '$recursiveRef',
]);

function walk(node: unknown, path: string, keyword: string | undefined, tool: string, out: Finding[]): void {
  if (typeof node === 'boolean') {
    if (!keyword || !BOOLEAN_OK.has(keyword)) out.push({ tool, path, rule: 'boolean-schema' });
    return;
  }
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return;
  const n = node as Record<string, unknown>;
  if (Array.isArray(n['type'])) out.push({ tool, path, rule: 'type-union' });
  if (typeof n['$ref'] === 'string' && !n['$ref'].startsWith('#')) out.push({ tool, path, rule: 'remote-ref' });
  const conditional = 'if' in n && ('then' in n || 'else' in n);
  if (keyword !== 'not' && !conditional && !Object.keys(n).some((k) => ASSERTING.has(k))) out.push({ tool, path, rule: 'untyped-schema' });
  for (const key of MAPS) {
    const map = n[key];
    if (typeof map === 'object' && map !== null) for (const [name, sub] of Object.entries(map)) walk(sub, `${path}.${key}.${name}`, key, tool, out);
  }
  for (const key of LISTS) {
    const list = n[key];
    if (Array.isArray(list)) list.forEach((sub, i) => walk(sub, `${path}.${key}[${i}]`, key, tool, out));
  }
  for (const key of ONE) {
    if (!(key in n)) continue;
    const sub = n[key];
    if (key === 'items' && Array.isArray(sub)) sub.forEach((s, i) => walk(s, `${path}.items[${i}]`, key, tool, out));
    else walk(sub, `${path}.${key}`, key, tool, out);
  }
}

/** Every finding in `tool`'s input and output schemas. */
export function portabilityFindings(tool: Tool): Finding[] {
  const out: Finding[] = [];
  walk(tool.inputSchema, 'inputSchema', undefined, tool.name, out);
  if (tool.outputSchema) walk(tool.outputSchema, 'outputSchema', undefined, tool.name, out);
  return out;
}
