import type { SchemaIR } from '../ir/types.js';
import { KeysError } from './errors.js';

/** How to reach the key and user tables through the project's Prisma client. */
export interface KeyModelInfo {
  /** Prisma model name of the key model, for messages. @default 'McpApiKey' */
  readonly keyModel?: string;
  /** Prisma Client property of the key model, e.g. `mcpApiKey`. */
  readonly keyDelegate: string;
  /** Prisma model name of the user model, for messages. @default 'User' */
  readonly userModel?: string;
  /** Prisma Client property of the user model, e.g. `user`. */
  readonly userDelegate: string;
  /** The user's single-field id, e.g. `id`. */
  readonly userIdField: string;
  /** Its scalar type: decides how `--user 42` is read. */
  readonly userIdType: string;
  /** Unique fields `--user` may also name, e.g. `['email']`. */
  readonly userLookupFields: readonly string[];
}

const delegateOf = (model: string): string => model[0]!.toLowerCase() + model.slice(1);

/** Reads KeyModelInfo from the IR: the user's id, and its unique String fields as lookups (email, username). */
export function keyModelInfo(ir: SchemaIR, auth: { readonly user: { readonly model: string }; readonly keyModel: string }): KeyModelInfo {
  const user = ir.models.find((m) => m.name === auth.user.model);
  if (!user) throw new KeysError(`auth.user.model: no model ${auth.user.model} in the schema`);
  if (!ir.models.some((m) => m.name === auth.keyModel)) {
    throw new KeysError(`auth.keyModel: no model ${auth.keyModel} in the schema; run \`npx mcp-gen init\` to add it`);
  }
  const id = user.uniqueKeys.find((k) => k.kind === 'id');
  if (!id || id.fields.length !== 1) throw new KeysError(`auth.user.model: model ${user.name} needs a single-field @id`);
  const idField = user.fields.find((f) => f.name === id.fields[0]);
  const lookups = user.uniqueKeys
    .filter((k) => k.kind === 'unique' && k.fields.length === 1)
    .map((k) => user.fields.find((f) => f.name === k.fields[0]))
    .filter((f) => f?.kind === 'scalar' && f.type === 'String' && !f.isList)
    .map((f) => f!.name)
    .sort();
  return {
    keyModel: auth.keyModel,
    keyDelegate: delegateOf(auth.keyModel),
    userModel: user.name,
    userDelegate: delegateOf(user.name),
    userIdField: id.fields[0]!,
    userIdType: idField && idField.kind !== 'relation' ? idField.type : 'String',
    userLookupFields: lookups,
  };
}
