/** Adds missing dependencies and scripts to a package.json; never changes an existing entry. */

export interface PackageAdditions {
  readonly dependencies: Readonly<Record<string, string>>;
  readonly devDependencies: Readonly<Record<string, string>>;
  readonly scripts: Readonly<Record<string, string>>;
}

export interface MergeResult {
  readonly json: Record<string, unknown>;
  readonly added: { dependencies: string[]; devDependencies: string[]; scripts: string[] };
}

export function mergePackageJson(pkg: Record<string, unknown>, add: PackageAdditions): MergeResult {
  const json: Record<string, unknown> = { ...pkg };
  const added = { dependencies: [] as string[], devDependencies: [] as string[], scripts: [] as string[] };
  const present = (name: string) =>
    ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'].some(
      (k) => (pkg[k] as Record<string, string> | undefined)?.[name] !== undefined,
    );
  for (const section of ['dependencies', 'devDependencies', 'scripts'] as const) {
    const current = { ...((pkg[section] as Record<string, string> | undefined) ?? {}) };
    for (const [name, value] of Object.entries(add[section])) {
      const exists = section === 'scripts' ? current[name] !== undefined : present(name);
      if (exists) continue;
      current[name] = value;
      added[section].push(name);
    }
    if (added[section].length > 0 || pkg[section] !== undefined) json[section] = current;
  }
  return { json, added };
}

export type PackageManager = 'npm' | 'pnpm' | 'yarn' | 'bun';

/** From the lockfile present in the project root. */
export function detectPackageManager(files: ReadonlySet<string>): PackageManager {
  if (files.has('pnpm-lock.yaml')) return 'pnpm';
  if (files.has('yarn.lock')) return 'yarn';
  if (files.has('bun.lockb') || files.has('bun.lock')) return 'bun';
  return 'npm';
}

/** The command that installs what package.json lists. */
export function installCommand(pm: PackageManager): [string, string[]] {
  return [pm, ['install']];
}
