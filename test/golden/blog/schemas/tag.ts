/** Tag */
import * as f from '../runtime/filters.js';

/** Tag's exposed fields: `'String?'` is nullable, `'String[]'` a list. */
export const TagFields: f.Fields = { name: 'String' };

/** Fields of Tag that tools may return. All optional: `select` can pick a subset. */
export const TagRow = f.row(TagFields);

/** Filters on Tag's own fields (Prisma Client syntax); Json and Bytes cannot be filtered. */
export const TagScalarWhere = f.scalarWhere('Tag', TagFields);

export const TagOrderBy = f.orderBy(['name']);

/** Exactly one unique key of Tag. */
export const TagUnique = f.unique(TagFields, { name: ['name'] });
