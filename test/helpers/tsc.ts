import fs from 'node:fs/promises';
import path from 'node:path';
import { repoBin } from './repo.js';
import { run } from './run.js';

const COMPILERS = {
  ts5: 'typescript/bin/tsc',
  ts7: 'typescript7/bin/tsc',
} as const;

/** Type-checks the project with TypeScript 5 or 7 (`tsc -p <dir>/tsconfig.json --noEmit`). */
export async function typecheck(
  projectDir: string,
  compiler: 'ts5' | 'ts7' = 'ts7',
): Promise<{ ok: boolean; output: string; ms: number }> {
  const result = await run(
    process.execPath,
    [repoBin(COMPILERS[compiler]), '-p', path.join(projectDir, 'tsconfig.json'), '--noEmit', '--pretty', 'false'],
    { cwd: projectDir },
  );
  return { ok: result.code === 0, output: result.output, ms: result.ms };
}

/**
 * The generated runtime carries `// @ts-nocheck` (users' projects do not re-check it). This checks
 * it anyway: copies `<projectDir>/<mcpDir>` next to itself with the pragma removed and type-checks
 * the copy with the project's settings plus `noUncheckedIndexedAccess`. The copy is removed after.
 */
export async function typecheckRuntime(
  projectDir: string,
  compiler: 'ts5' | 'ts7' = 'ts7',
  mcpDir = 'src/mcp',
): Promise<{ ok: boolean; output: string; pragmas: number }> {
  const copy = `${mcpDir}-strict-check`;
  const from = path.join(projectDir, mcpDir);
  const to = path.join(projectDir, copy);
  await fs.rm(to, { recursive: true, force: true });
  await fs.cp(from, to, { recursive: true });
  let pragmas = 0;
  try {
    for (const file of await fs.readdir(to, { recursive: true })) {
      if (!file.endsWith('.ts')) continue;
      const p = path.join(to, file);
      const text = await fs.readFile(p, 'utf8');
      const stripped = text.replace(/^\/\/ @ts-nocheck.*\n/m, '');
      if (stripped !== text) {
        pragmas++;
        await fs.writeFile(p, stripped);
      }
    }
    const tsconfig = path.join(projectDir, 'tsconfig.strict-check.json');
    await fs.writeFile(tsconfig, JSON.stringify({ extends: './tsconfig.json', compilerOptions: { noUncheckedIndexedAccess: true }, include: [`${copy}/**/*.ts`] }));
    const result = await run(process.execPath, [repoBin(COMPILERS[compiler]), '-p', tsconfig, '--noEmit', '--pretty', 'false'], { cwd: projectDir });
    return { ok: result.code === 0, output: result.output, pragmas };
  } finally {
    await fs.rm(to, { recursive: true, force: true });
    await fs.rm(path.join(projectDir, 'tsconfig.strict-check.json'), { force: true });
  }
}
