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
