/** Tool titles and descriptions: short, because they sit in every client's context window. */
import type { ModelPlan, Operation } from '../plan/types.js';

function words(toolName: string): string {
  return toolName.split('_').slice(1).join(' ');
}

export function toolTitle(mp: ModelPlan, op: Operation): string {
  const name = mp.toolNames[op]!;
  const [verb] = name.split('_');
  const title = `${verb}${name.includes('_') ? ` ${words(name)}` : ''}`;
  return title.charAt(0).toUpperCase() + title.slice(1);
}

export function toolDescription(mp: ModelPlan, op: Operation): string {
  const m = mp.model.name;
  const doc = mp.model.doc ? ` ${mp.model.doc.replace(/\s+/g, ' ').trim()}` : '';
  const scoped = mp.scope ? ' Only rows you may see.' : '';
  switch (op) {
    case 'list':
      return `List ${m} rows.${doc}${scoped} where: Prisma filter; orderBy: [{ field: 'asc'|'desc' }]; take: page size (default ${mp.defaultTake}, max ${mp.maxTake}); cursor: nextCursor of the previous page; select: fields to return; include: related rows.`;
    case 'get':
      return `Get one ${m} by a unique key.${doc}${scoped}`;
    case 'count':
      return `Count ${m} rows matching where.${doc}${scoped}`;
    case 'aggregate':
      return `Aggregate ${m} rows: _count/_sum/_avg/_min/_max of fields, optionally grouped by fields.${doc}${scoped}`;
    case 'create':
      return `Create a ${m}.${doc}`;
    case 'update':
      return `Update one ${m} found by a unique key; only the given fields change.${doc}${scoped}`;
    case 'delete':
      return `Delete one ${m} found by a unique key.${doc}${scoped}`;
  }
}
