/** Tag (toolset blog): list_tags, get_tag, count_tags, aggregate_tags. */
import type { ModelSpec } from '../runtime/core/spec.ts';
import * as f from '../runtime/data/filters.ts';
import * as t from '../runtime/tools/model-tools.ts';

/** Tag's exposed fields: `'String?'` is nullable, `'String[]'` a list. */
export const TagFields: f.Fields = { name: 'String' };

export const tagSpec: ModelSpec = {
  name: 'Tag',
  delegate: 'tag',
  toolset: 'blog',
  fields: f.fieldSpecs(TagFields),
  relations: {},
  keys: [['name']],
  operations: ['list', 'get', 'count', 'aggregate'],
  relationDepth: 2,
  defaultTake: 5,
  maxTake: 10,
};

export const tagTools = [
  t.listTool(tagSpec, {
    name: 'list_tags',
    toolset: 'blog',
    title: 'List tags',
    description: "List Tag rows. where: Prisma filter; orderBy: [{ field: 'asc'|'desc' }]; take: page size (default 5, max 10); cursor: nextCursor of the previous page; select: fields to return; include: related rows.",
    view: true,
  }),
  t.getTool(tagSpec, {
    name: 'get_tag',
    toolset: 'blog',
    title: 'Get tag',
    description: 'Get one Tag by a unique key.',
    view: true,
  }),
  t.countTool(tagSpec, {
    name: 'count_tags',
    toolset: 'blog',
    title: 'Count tags',
    description: 'Count Tag rows matching where.',
    view: true,
  }),
  t.aggregateTool(tagSpec, {
    name: 'aggregate_tags',
    toolset: 'blog',
    title: 'Aggregate tags',
    description: 'Aggregate Tag rows: _count/_sum/_avg/_min/_max of fields, optionally grouped by fields.',
    view: true,
  }),
] as const;
