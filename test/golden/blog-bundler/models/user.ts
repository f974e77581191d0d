/** User (toolset people): list_users, get_user, count_users. */
import { Role } from '../enums';
import type { ModelSpec } from '../runtime/core/spec';
import * as f from '../runtime/data/filters';
import * as t from '../runtime/tools/model-tools';

/** User's exposed fields: `'String?'` is nullable, `'String[]'` a list. */
export const UserFields: f.Fields = {
  id: 'Int',
  email: { type: 'String', doc: 'Sign-in address; unique.' },
  name: 'String?',
  role: { enum: Role },
  createdAt: 'DateTime',
};

export const userSpec: ModelSpec = {
  name: 'User',
  delegate: 'user',
  toolset: 'people',
  doc: 'A person who can sign in and write posts.',
  fields: f.fieldSpecs(UserFields, { Role }),
  relations: {},
  keys: [['id'], ['email']],
  operations: ['list', 'get', 'count'],
  relationDepth: 2,
  defaultTake: 5,
  maxTake: 10,
};

export const userTools = [
  t.listTool(userSpec, {
    name: 'list_users',
    toolset: 'people',
    title: 'List users',
    description: "List User rows. A person who can sign in and write posts. where: Prisma filter; orderBy: [{ field: 'asc'|'desc' }]; take: page size (default 5, max 10); cursor: nextCursor of the previous page; select: fields to return; include: related rows.",
    view: true,
  }),
  t.getTool(userSpec, {
    name: 'get_user',
    toolset: 'people',
    title: 'Get user',
    description: 'Get one User by a unique key. A person who can sign in and write posts.',
    view: true,
  }),
  t.countTool(userSpec, {
    name: 'count_users',
    toolset: 'people',
    title: 'Count users',
    description: 'Count User rows matching where. A person who can sign in and write posts.',
    view: true,
  }),
] as const;
