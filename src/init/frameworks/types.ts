/** The shape every framework mount implements (see index.ts). */
import type { ImportExtension } from '../../plan/types.js';
export interface PackageJson {
  readonly name?: string;
  readonly main?: string;
  readonly scripts?: Readonly<Record<string, string>>;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly devDependencies?: Readonly<Record<string, string>>;
  readonly peerDependencies?: Readonly<Record<string, string>>;
}

export interface ScaffoldContext {
  /** The project root (absolute). */
  readonly root: string;
  readonly pkg: PackageJson;
  /** Project-relative folder of the MCP files (`src/mcp`). */
  readonly dir: string;
  /** Import path of the generated folder, relative to `dir` (`./generated`). */
  readonly generatedImport: string;
  /** `init --auth oauth`: the mount also serves the OAuth endpoints at the app's root. @default false */
  readonly oauth?: boolean;
  /** Import path of the db module, relative to `dir`, without extension (`./db`). */
  readonly dbImport: string;
  /** How the project's relative import specifiers end (its tsconfig's style): `.js`, `.ts` or nothing. */
  readonly ext: ImportExtension;
  /** A project file's text, or undefined when it does not exist (project-relative path). */
  readFile(rel: string): Promise<string | undefined>;
}

export interface Scaffold {
  /** New user-owned files, project-relative: written only when absent. */
  readonly files: readonly (readonly [string, string])[];
  /** Edits of existing files the framework made itself (the app entry), project-relative. */
  readonly edits?: readonly (readonly [string, string])[];
  /** What to tell the user: the line to add (or that it was added), host names to allow. */
  readonly note: readonly string[];
}

export interface Framework {
  readonly name: string;
  detect(pkg: PackageJson): boolean;
  scaffold(ctx: ScaffoldContext): Promise<Scaffold>;
}

/** Whether the project depends on `name` (any dependency section). */
export function dependsOn(pkg: PackageJson, name: string): boolean {
  return [pkg.dependencies, pkg.devDependencies, pkg.peerDependencies].some((deps) => deps?.[name] !== undefined);
}
