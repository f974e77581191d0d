/**
 * Structural access to the project's Prisma client: mcp-gen never imports the user's generated
 * types, it calls the few delegate methods it needs by name.
 */
import { explainDbError, KeysError } from './errors.js';
import type { KeyModelInfo } from './model-info.js';

type Args = Record<string, unknown>;
type Row = Record<string, unknown>;

export interface Delegate {
  findFirst(args: Args): Promise<Row | null>;
  findMany(args: Args): Promise<Row[]>;
  create(args: Args): Promise<Row>;
  update(args: Args): Promise<Row>;
}

export function delegate(db: unknown, name: string): Delegate {
  const d = (db as Record<string, unknown> | null)?.[name] as Partial<Delegate> | undefined;
  if (!d || typeof d.findMany !== 'function') {
    throw new KeysError(`The Prisma client has no model delegate '${name}'; regenerate it (npx prisma generate) after adding the model.`);
  }
  return d as Delegate;
}

/** Runs a database call, turning "unreachable" and "table missing" into KeysErrors. */
export async function guard<T>(model: KeyModelInfo, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw explainDbError(err, model.keyModel ?? 'McpApiKey');
  }
}

/** Finds the user named by `--user` (its id or one of the lookup fields); returns its id. */
export async function resolveUserId(db: unknown, model: KeyModelInfo, ref: string): Promise<unknown> {
  const or: Args[] = [];
  const id = idValue(model.userIdType, ref);
  if (id !== undefined) or.push({ [model.userIdField]: id });
  for (const field of model.userLookupFields) or.push({ [field]: ref });
  const what = ['id', ...model.userLookupFields].join(' or ');
  const userModel = model.userModel ?? 'User';
  if (or.length === 0) throw new KeysError(`--user: no ${userModel} with ${what} '${ref}'`);
  const users = delegate(db, model.userDelegate);
  const found = await guard(model, () => users.findMany({ where: { OR: or }, select: { [model.userIdField]: true }, take: 2 }));
  if (found.length === 0) throw new KeysError(`--user: no ${userModel} with ${what} '${ref}'`);
  if (found.length > 1) throw new KeysError(`--user: '${ref}' matches more than one ${userModel}; pass the id`);
  return found[0]![model.userIdField];
}

function idValue(type: string, ref: string): unknown {
  if (type === 'Int') return /^-?\d{1,15}$/.test(ref) ? Number(ref) : undefined;
  if (type === 'BigInt') return /^-?\d+$/.test(ref) ? BigInt(ref) : undefined;
  if (type === 'String') return ref;
  return undefined;
}
