/**
 * `models/<model>.ts`: the model's full `where` (with relation filters), its runtime spec
 * (fields, relations, keys, scope) and its tools.
 */
import type { ModelPlan, Operation, Plan } from '../plan/types.js';
import { isComparable, isNumeric, isSortable } from './zod.js';
import { jsDoc, lowerFirst, objectLiteral, str, strList, type GeneratedFile } from './ts.js';
import { joinParts } from './ts.js';
import { importBlock, type ImportSpec } from './imports.js';
import { schemaNames } from './model-schemas.js';
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

export function specName(mp: ModelPlan): string {
  return `${lowerFirst(mp.model.name)}Spec`;
}

export function toolsName(mp: ModelPlan): string {
  return `${lowerFirst(mp.model.name)}Tools`;
}

export function emitModelTools(plan: Plan, mp: ModelPlan): GeneratedFile {
  const name = mp.model.name;
  const n = schemaNames(name);
  const path = `models/${mp.fileName}.ts`;
  const byName = new Map(plan.models.map((m) => [m.model.name, m]));
  const imports: ImportSpec[] = [
    { from: 'runtime/filters.ts', names: ['* as f'] },
    { from: 'runtime/model-tools.ts', names: ['* as t'] },
    { from: 'runtime/spec.ts', names: ['ModelSpec'], typeOnly: true },
  ];
  const own = [n.fields, n.row, n.scalarWhere, n.orderBy];
  if (mp.keys.length) own.push(n.unique);
  if (mp.operations.includes('create')) own.push(n.create);
  if (mp.operations.includes('update')) own.push(n.update);
  imports.push({ from: `schemas/${mp.fileName}.ts`, names: own });
  for (const target of [...new Set(mp.relations.map((r) => r.target))].filter((t) => t !== name).sort()) {
    const tn = schemaNames(target);
    imports.push({ from: `schemas/${byName.get(target)!.fileName}.ts`, names: [tn.row, tn.scalarWhere] });
  }
  const scope = scopeFunctions(plan, mp, path);
  imports.push(...scope.imports);

  const parts: string[] = [];
  const relFilters = mp.relations.map((r) => {
    const tn = schemaNames(r.target);
    const call = r.field.isList ? `f.toMany(${tn.scalarWhere})` : `f.toOne(${tn.scalarWhere}${r.field.isRequired ? '' : ', { nullable: true }'})`;
    return [r.field.name, call] as const;
  });
  parts.push(jsDoc(`Filter for ${name} rows: own fields, relations (one level), AND/OR/NOT.`));
  const relations = relFilters.length ? `, ${objectLiteral(relFilters)}` : '';
  parts.push(`export const ${name}Where = f.where(${str(name)}, ${n.scalarWhere}${relations});\n`);

  const specEntries: [string, string][] = [
    ['name', str(name)],
    ['delegate', str(mp.delegate)],
    ['fields', `f.fieldSpecs(${n.fields})`],
    ['relations', objectLiteral(mp.relations.map((r) => [r.field.name, `{ model: ${str(r.target)}, list: ${r.field.isList} }`]), '  ')],
    ['keys', `[${mp.keys.map((k) => strList(k.fields)).join(', ')}]`],
    ...scope.entries,
    ['defaultTake', String(mp.defaultTake)],
    ['maxTake', String(mp.maxTake)],
  ];
  const userType = plan.auth.kind === 'apiKeys' ? '<CurrentUser>' : '';
  if (userType) imports.push({ from: 'context.ts', names: ['CurrentUser'], typeOnly: true });
  parts.push(`export const ${specName(mp)}: ModelSpec${userType} = ${objectLiteral(specEntries)};\n`);

  // list and get return the same related rows: one object for both.
  const withRelated = mp.relations.length > 0 && (mp.operations.includes('list') || mp.operations.includes('get'));
  const related = `${lowerFirst(name)}Related`;
  if (withRelated) {
    parts.push(jsDoc(`Row schema of each relation's model, for \`include\`.`));
    parts.push(`const ${related} = ${objectLiteral(mp.relations.map((r) => [r.field.name, schemaNames(r.target).row]))};\n`);
  }
  const tools = mp.operations.map((op) => {
    const args: [string, string][] = [
      ['name', str(mp.toolNames[op]!)],
      ['toolset', str(mp.toolset)],
      ['title', str(toolTitle(mp, op))],
      ['description', str(toolDescription(mp, op))],
    ];
    if (op === 'list' || op === 'count' || op === 'aggregate') args.push(['where', `${name}Where`]);
    if (op === 'list') args.push(['orderBy', n.orderBy]);
    if (op === 'get' || op === 'update' || op === 'delete') args.push(['unique', n.unique]);
    if (op === 'create') args.push(['data', n.create]);
    if (op === 'update') args.push(['data', n.update]);
    if (op === 'aggregate') {
      args.push(['numeric', strList(mp.fields.filter(isNumeric).map((f) => f.name))]);
      args.push(['comparable', strList(mp.fields.filter(isComparable).map((f) => f.name))]);
      args.push(['groupable', strList(mp.fields.filter(isSortable).map((f) => f.name))]);
    }
    if (op !== 'count' && op !== 'aggregate') args.push(['row', n.row]);
    if (withRelated && (op === 'list' || op === 'get')) args.push(['related', related]);
    return `  t.${BUILDER[op]}(${specName(mp)}, ${objectLiteral(args, '  ')}),`;
  });
  parts.push(`export const ${toolsName(mp)} = [\n${tools.join('\n')}\n] as const;\n`);

  const header = jsDoc(`${name} tools (toolset ${mp.toolset}): ${mp.operations.map((op) => mp.toolNames[op]).join(', ')}.`);
  return { path, content: `${header}${importBlock(path, imports)}\n${joinParts(parts)}` };
}
