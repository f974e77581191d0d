/** User: A person who can sign in and write posts. */
import { Role } from '../enums.js';
import * as f from '../runtime/filters.js';

/** User's exposed fields: `'String?'` is nullable, `'String[]'` a list. */
export const UserFields: f.Fields = {
  id: 'Int',
  email: { type: 'String', doc: 'Sign-in address; unique.' },
  name: 'String?',
  role: { enum: Role },
  createdAt: 'DateTime',
};

/** Fields of User that tools may return. All optional: `select` can pick a subset. */
export const UserRow = f.row(UserFields);

/** Filters on User's own fields (Prisma Client syntax); Json and Bytes cannot be filtered. */
export const UserScalarWhere = f.scalarWhere('User', UserFields, { enums: { Role } });

export const UserOrderBy = f.orderBy(['id', 'email', 'name', 'role', 'createdAt']);

/** Exactly one unique key of User. */
export const UserUnique = f.unique(UserFields, { id: ['id'], email: ['email'] });
