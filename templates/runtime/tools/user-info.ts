// get_user_info: who the caller is. The user comes from the credential, never from an argument.
import { z } from 'zod';
import { ToolError } from '../core/errors.js';
import type { FieldSpec, ToolDef } from '../core/spec.js';
import { toJsonValue } from '../data/values.js';

export interface UserInfoToolOptions {
  /** The user model's name (for messages). */
  readonly model: string;
  /** The fields returned; only these are copied from the authenticated user. */
  readonly fields: Readonly<Record<string, FieldSpec>>;
  readonly output: z.ZodType;
  /** Default `get_user_info`. */
  readonly name?: string;
  /** Default `user`; the tool needs `read` (or `user:read`). */
  readonly toolset?: string;
}

export function userInfoTool(o: UserInfoToolOptions): ToolDef {
  const title = 'Who am I';
  return {
    name: o.name ?? 'get_user_info',
    toolset: o.toolset ?? 'user',
    access: 'read',
    title,
    description: `Returns the ${o.model} this API key belongs to. Takes no arguments.`,
    input: z.strictObject({}),
    output: o.output as z.ZodObject,
    annotations: { title, readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    // It reads exactly the fields it returns: with `info: ['id']`, an API key's caller is enough.
    userFields: Object.keys(o.fields),
    async handler(_args, ctx) {
      const user = ctx.user as Record<string, unknown> | null;
      if (!user) throw new ToolError('this server runs without authentication: there is no current user');
      return Object.fromEntries(Object.keys(o.fields).map((k) => [k, k in user ? toJsonValue(user[k]) : null]));
    },
  };
}
