// Loads the caller's user row, the same fields an API key caller gets (auth.user.info and the id).

export interface UserModel {
  /** The user model's client property, e.g. `user`. */
  readonly delegate: string;
  readonly idField: string;
  readonly select: Readonly<Record<string, true>>;
}

type Finder = { findFirst(args: unknown): Promise<Record<string, unknown> | null> };

export async function findUserBy(prisma: unknown, model: UserModel, field: string, value: unknown): Promise<Record<string, unknown> | null> {
  const users = (prisma as Record<string, Finder> | null)?.[model.delegate];
  if (!users || typeof users.findFirst !== 'function') throw new Error(`mcp auth: the Prisma client has no model delegate '${model.delegate}'`);
  return users.findFirst({ where: { [field]: value }, select: { ...model.select, [model.idField]: true } });
}
