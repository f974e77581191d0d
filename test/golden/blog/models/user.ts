/** User tools (toolset people): list_users, get_user, count_users. */
import * as f from '../runtime/filters.js';
import * as t from '../runtime/model-tools.js';
import type { ModelSpec } from '../runtime/spec.js';
import { UserFields, UserOrderBy, UserRow, UserScalarWhere, UserUnique } from '../schemas/user.js';

/** Filter for User rows: own fields, relations (one level), AND/OR/NOT. */
export const UserWhere = f.where('User', UserScalarWhere);

export const userSpec: ModelSpec = {
  name: 'User',
  delegate: 'user',
  fields: f.fieldSpecs(UserFields),
  relations: {},
  keys: [['id'], ['email']],
  defaultTake: 5,
  maxTake: 10,
};

export const userTools = [
  t.listTool(userSpec, {
    name: 'list_users',
    toolset: 'people',
    title: 'List users',
    description: "List User rows. A person who can sign in and write posts. where: Prisma filter; orderBy: [{ field: 'asc'|'desc' }]; take: page size (default 5, max 10); cursor: nextCursor of the previous page; select: fields to return; include: related rows.",
    where: UserWhere,
    orderBy: UserOrderBy,
    row: UserRow,
  }),
  t.getTool(userSpec, {
    name: 'get_user',
    toolset: 'people',
    title: 'Get user',
    description: 'Get one User by a unique key. A person who can sign in and write posts.',
    unique: UserUnique,
    row: UserRow,
  }),
  t.countTool(userSpec, {
    name: 'count_users',
    toolset: 'people',
    title: 'Count users',
    description: 'Count User rows matching where. A person who can sign in and write posts.',
    where: UserWhere,
  }),
] as const;
