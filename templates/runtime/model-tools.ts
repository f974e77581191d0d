// Builders for the generated per-model tools. Every builder returns a ToolDef (spec.ts).
//
//   listTool(spec, { name, toolset, title, description, where, orderBy, row, related? })
//     input  { where?, orderBy?, take?, cursor?, select?: field[], include?: relation[] }
//     output { items, nextCursor: string | null, hasMore, note? }
//   getTool(spec, { name, toolset, title, description, unique, row, related? })
//     input  { where: <unique>, select?, include? }           output: the row
//   countTool(spec, { name, toolset, title, description, where })
//     input  { where? }                                       output { count }
//   aggregateTool(spec, { name, toolset, title, description, where, numeric, comparable, groupable? })
//     input  { where?, by?, _count?: (field | '_all')[], _sum?, _avg?, _min?, _max?, take? }
//     output { groups: [...], note? }                          (one group without `by`)
//   createTool(spec, { name, toolset, title, description, data, row })   input { data }
//   updateTool(spec, { name, toolset, title, description, unique, data, row })   input { where, data }
//   deleteTool(spec, { name, toolset, title, description, unique, row })   input { where }
//     output of the three writes: the row as written (delete: as it was)
//
//   userInfoTool({ model, fields, output, name?, toolset? })   get_user_info: the caller's own fields, no input
//
// `where` comes from filters.where(), `orderBy` from filters.orderBy(), `unique` from
// filters.unique(); `row` from filters.row() (the exposed value fields, every member optional),
// `data` from filters.createData()/updateData(); `related` maps each of the model's relations to its
// target's row.
export { listTool, getTool, countTool, aggregateTool } from './model-read.js';
export type { ListToolOptions, GetToolOptions, CountToolOptions, AggregateToolOptions } from './model-read.js';
export { createTool, updateTool, deleteTool } from './model-write.js';
export type { CreateToolOptions, UpdateToolOptions, DeleteToolOptions } from './model-write.js';
export type { ToolMeta } from './tool-meta.js';
export { userInfoTool } from './user-info.js';
export type { UserInfoToolOptions } from './user-info.js';
