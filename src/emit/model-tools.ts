/**
 * `models/<model>.ts`: the model's field table, its runtime spec (fields, relations, keys, scope,
 * operations, writable fields, limits) and, in full mode, its tools. Validators are not emitted:
 * the runtime builds them from the spec (runtime/data/validators.ts), once, for both modes, so model
 * modules never import each other.
 */
import type { ModelPlan, Operation, Plan } from '../plan/types.js';
import { fieldDesc, INSENSITIVE, isOptionalOnCreate } from './zod.js';
import { jsDoc, lowerFirst, objectLiteral, str, strList, type GeneratedFile } from './ts.js';
import { joinParts } from './ts.js';
import { importBlock, type ImportSpec } from './imports.js';
import { scopeFunctions } from './scope.js';
import { toolDescription, toolTitle } from './describe.js';

const BUILDER: Record<Operation, string> = {
  list: 'listTool',
  get: 'getTool',
  count: 'countTool',
  aggregate: 'aggregateTool',
  create: 'createTool',
  update: 'updateTool',
  delete: 'deleteTool',
};

/** Operations whose results the MCP Apps views show (`apps`). */
const VIEWED: ReadonlySet<Operation> = new Set(['list', 'get', 'count', 'aggregate']);

export function specName(mp: ModelPlan): string {
  return `${lowerFirst(mp.model.name)}Spec`;
}

export function toolsName(mp: ModelPlan): string {
  return `${lowerFirst(mp.model.name)}Tools`;
}

function specEntries(plan: Plan, mp: ModelPlan, fieldsName: string, enums: readonly string[], scope: [string, string][]): [string, string][] {
  const keyNames = mp.keys.map((k) => k.clientKey);
  const customKeyNames = mp.keys.some((k) => k.clientKey !== k.fields.join('_'));
  const writes = mp.operations.includes('create') || mp.operations.includes('update');
  const optional = mp.writable.filter(isOptionalOnCreate).map((f) => f.name);
  const relation = (r: ModelPlan['relations'][number]) =>
    `{ model: ${str(r.target)}, list: ${r.field.isList}${!r.field.isList && !r.field.isRequired ? ', nullable: true' : ''} }`;
  return [
    ['name', str(mp.model.name)],
    ['delegate', str(mp.delegate)],
    ['toolset', str(mp.toolset)],
    ...(mp.model.doc ? [['doc', str(mp.model.doc.replace(/\s+/g, ' ').trim())] as [string, string]] : []),
    ['fields', `f.fieldSpecs(${fieldsName}${enums.length ? `, { ${enums.join(', ')} }` : ''})`],
    ['relations', objectLiteral(mp.relations.map((r) => [r.field.name, relation(r)]), '  ')],
    ['keys', `[${mp.keys.map((k) => strList(k.fields)).join(', ')}]`],
    ...(customKeyNames ? [['keyNames', strList(keyNames)] as [string, string]] : []),
    ...scope,
    ['operations', strList(mp.operations)],
    ...(writes ? [['writable', strList(mp.writable.map((f) => f.name))] as [string, string]] : []),
    ...(mp.operations.includes('create') && optional.length ? [['createOptional', strList(optional)] as [string, string]] : []),
    ...(INSENSITIVE.has(plan.provider) ? [['insensitive', 'true'] as [string, string]] : []),
    ['relationDepth', String(mp.relationDepth)],
    ['defaultTake', String(mp.defaultTake)],
    ['maxTake', String(mp.maxTake)],
  ];
}

export function emitModelTools(plan: Plan, mp: ModelPlan): GeneratedFile {
  const name = mp.model.name;
  const path = `models/${mp.fileName}.ts`;
  const full = mp.mode === 'full';
  const enums = [...new Set(mp.fields.filter((f) => f.kind === 'enum').map((f) => f.type))].sort();
  const imports: ImportSpec[] = [
    { from: 'runtime/data/filters.ts', names: ['* as f'] },
    ...(full ? [{ from: 'runtime/tools/model-tools.ts', names: ['* as t'] }] : []),
    { from: 'runtime/core/spec.ts', names: ['ModelSpec'], typeOnly: true },
    ...(enums.length ? [{ from: 'enums.ts', names: enums }] : []),
  ];
  const scope = scopeFunctions(plan, mp, path);
  imports.push(...scope.imports);
  const userType = plan.auth.kind === 'apiKeys' ? '<CurrentUser>' : '';
  if (userType) imports.push({ from: 'context.ts', names: ['CurrentUser'], typeOnly: true });

  const fieldsName = `${name}Fields`;
  const parts: string[] = [];
  parts.push(jsDoc(`${name}'s exposed fields: \`'String?'\` is nullable, \`'String[]'\` a list.`));
  parts.push(`export const ${fieldsName}: f.Fields = ${objectLiteral(mp.fields.map((f) => [f.name, fieldDesc(f)]))};\n`);
  parts.push(`export const ${specName(mp)}: ModelSpec${userType} = ${objectLiteral(specEntries(plan, mp, fieldsName, enums, scope.entries))};\n`);

  if (full) {
    const tools = mp.operations.map((op) => {
      const args: [string, string][] = [
        ['name', str(mp.toolNames[op]!)],
        ['toolset', str(mp.toolset)],
        ['title', str(toolTitle(mp, op))],
        ['description', str(toolDescription(mp, op))],
        ...(mp.apps && VIEWED.has(op) ? [['view', 'true'] as [string, string]] : []),
      ];
      return `  t.${BUILDER[op]}(${specName(mp)}, ${objectLiteral(args, '  ')}),`;
    });
    parts.push(`export const ${toolsName(mp)} = [\n${tools.join('\n')}\n] as const;\n`);
  }

  const what = full ? mp.operations.map((op) => mp.toolNames[op]).join(', ') : `compact mode (query${mp.operations.some((o) => ['create', 'update', 'delete'].includes(o)) ? ', mutate' : ''})`;
  const header = jsDoc(`${name} (toolset ${mp.toolset}): ${what}.`);
  return { path, content: `${header}${importBlock(path, imports, plan.importExtension)}\n${joinParts(parts)}` };
}
