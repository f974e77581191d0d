/** User: A person who can sign in and write posts. */
import { Role } from '../enums.js';
import * as f from '../runtime/filters.js';

/** Fields of User that tools may return. All optional: `select` can pick a subset. */
export const UserRow = f.row({
  id: 'Int',
  email: { type: 'String', doc: 'Sign-in address; unique.' },
  name: 'String?',
  role: { enum: Role },
  createdAt: 'DateTime',
});

/** Filters on User's own fields (Prisma Client syntax). */
export const UserScalarWhere = f.scalarWhere('User', {
  id: f.scalarFilter('Int'),
  email: f.scalarFilter('String'),
  name: f.scalarFilter('String', { nullable: true }),
  role: f.enumFilter('Role', Role),
  createdAt: f.scalarFilter('DateTime'),
});

export const UserOrderBy = f.orderBy(['id', 'email', 'name', 'role', 'createdAt']);

/** Exactly one unique key of User. */
export const UserUnique = f.unique({ id: { id: 'Int' }, email: { email: 'String' } });
