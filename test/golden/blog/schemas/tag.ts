/** Tag */
import * as f from '../runtime/filters.js';

/** Fields of Tag that tools may return. All optional: `select` can pick a subset. */
export const TagRow = f.row({ name: 'String' });

/** Filters on Tag's own fields (Prisma Client syntax). */
export const TagScalarWhere = f.scalarWhere('Tag', { name: f.scalarFilter('String') });

export const TagOrderBy = f.orderBy(['name']);

/** Exactly one unique key of Tag. */
export const TagUnique = f.unique({ name: { name: 'String' } });
