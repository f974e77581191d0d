/**
 * `schemas/<model>.ts`: the zod schemas that depend only on the model's own fields (rows,
 * scalar filters, sort keys, unique keys, write data). Model modules import each other's
 * schemas from here, never each other, so there are no import cycles.
 */
import type { ModelPlan, Plan } from '../plan/types.js';
import { fieldDesc, INSENSITIVE, isOptionalOnCreate, isSortable } from './zod.js';
import { jsDoc, objectLiteral, str, strList, type GeneratedFile } from './ts.js';
import { joinParts } from './ts.js';
import { importBlock } from './imports.js';

export function schemaNames(model: string) {
  return {
    fields: `${model}Fields`,
    row: `${model}Row`,
    scalarWhere: `${model}ScalarWhere`,
    orderBy: `${model}OrderBy`,
    unique: `${model}Unique`,
    create: `${model}Create`,
    update: `${model}Update`,
  };
}

export function emitModelSchemas(plan: Plan, mp: ModelPlan): GeneratedFile {
  const name = mp.model.name;
  const n = schemaNames(name);
  const path = `schemas/${mp.fileName}.ts`;
  const enums = [...new Set(mp.fields.filter((f) => f.kind === 'enum').map((f) => f.type))].sort();
  const parts: string[] = [];

  parts.push(jsDoc(`${name}'s exposed fields: \`'String?'\` is nullable, \`'String[]'\` a list.`));
  parts.push(`export const ${n.fields}: f.Fields = ${objectLiteral(mp.fields.map((f) => [f.name, fieldDesc(f)]))};\n`);
  parts.push(jsDoc(`Fields of ${name} that tools may return. All optional: \`select\` can pick a subset.`));
  parts.push(`export const ${n.row} = f.row(${n.fields});\n`);

  const options: string[] = [];
  if (INSENSITIVE.has(plan.provider) && mp.fields.some((f) => f.kind === 'scalar' && f.type === 'String' && !f.isList)) options.push('insensitive: true');
  if (enums.length) options.push(`enums: { ${enums.join(', ')} }`);
  parts.push(jsDoc(`Filters on ${name}'s own fields (Prisma Client syntax); Json and Bytes cannot be filtered.`));
  parts.push(`export const ${n.scalarWhere} = f.scalarWhere(${str(name)}, ${n.fields}${options.length ? `, { ${options.join(', ')} }` : ''});\n`);

  const sortable = mp.fields.filter(isSortable).map((f) => f.name);
  parts.push(`export const ${n.orderBy} = f.orderBy(${strList(sortable)});\n`);

  if (mp.keys.length > 0) {
    parts.push(jsDoc(`Exactly one unique key of ${name}.`));
    parts.push(`export const ${n.unique} = f.unique(${n.fields}, ${objectLiteral(mp.keys.map((k) => [k.clientKey, strList(k.fields)]))});\n`);
  }
  const writable = strList(mp.writable.map((f) => f.name));
  if (mp.operations.includes('create')) {
    const optional = mp.writable.filter(isOptionalOnCreate).map((f) => f.name);
    parts.push(`export const ${n.create} = f.createData(${n.fields}, ${writable}${optional.length ? `, ${strList(optional)}` : ''});\n`);
  }
  if (mp.operations.includes('update')) {
    parts.push(`export const ${n.update} = f.updateData(${n.fields}, ${writable});\n`);
  }

  const imports = importBlock(path, [
    { from: 'runtime/filters.ts', names: ['* as f'] },
    ...(enums.length ? [{ from: 'enums.ts', names: enums }] : []),
  ]);
  return { path, content: `${jsDoc(mp.model.doc ? `${name}: ${mp.model.doc}` : name)}${imports}\n${joinParts(parts)}` };
}
