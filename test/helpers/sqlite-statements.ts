// The SQL statements a piece of code sends through better-sqlite3 (which prepares each one), by
// first keyword: `['SELECT', 'INSERT']`. For tests that promise how many round trips something takes.
export async function sqliteStatements(run: () => Promise<unknown>): Promise<string[]> {
  const { default: Database } = await import('better-sqlite3');
  const prepare = Database.prototype.prepare;
  const seen: string[] = [];
  Database.prototype.prepare = function (this: InstanceType<typeof Database>, ...args: Parameters<typeof prepare>) {
    seen.push(String(args[0]).trim().split(/\s+/)[0]!.toUpperCase());
    return prepare.apply(this, args);
  } as typeof prepare;
  try {
    await run();
  } finally {
    Database.prototype.prepare = prepare;
  }
  return seen;
}
