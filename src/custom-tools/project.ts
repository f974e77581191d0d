/**
 * The ts-morph project over the user's tools folder: their tsconfig's compiler options (strict
 * null checks forced on, so `| null` and `?` survive), only the tool files added as roots; the
 * checker follows their imports (the Prisma client, the generated context) on its own.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Project, ts, type SourceFile } from 'ts-morph';

const DEFAULT_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  strict: true,
  skipLibCheck: true,
};

export function openToolsProject(root: string, files: readonly string[]): SourceFile[] {
  const tsconfig = path.join(root, 'tsconfig.json');
  const project = new Project({
    ...(fs.existsSync(tsconfig) ? { tsConfigFilePath: tsconfig } : {}),
    skipAddingFilesFromTsConfig: true,
    compilerOptions: { ...(fs.existsSync(tsconfig) ? {} : DEFAULT_OPTIONS), strictNullChecks: true, noEmit: true },
  });
  return files.map((f) => project.addSourceFileAtPath(f));
}
