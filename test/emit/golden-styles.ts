/**
 * Type-checks a golden tree of another import style (blog-bundler, blog-ts) as a project of that
 * style would: the golden files, the runtime as `emit` restyles it (without its @ts-nocheck, so it
 * is checked too) and the db stand-in, copied into .scratch/ under a tsconfig whose resolution
 * accepts exactly that style (`moduleResolution: bundler`; `.ts` also needs allowImportingTsExtensions).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { readRuntimeSources } from '../../src/generate.js';
import { restyleSpecifiers } from '../../src/emit/specifiers.js';
import type { ImportExtension } from '../../src/plan/types.js';
import { repoBin, repoRoot } from '../helpers/repo.js';
import { run } from '../helpers/run.js';
import { ts } from 'ts-morph';

const COMPILERS = { ts5: 'typescript/bin/tsc', ts7: 'typescript7/bin/tsc' } as const;

/** Relative specifiers (file: specifier) in the tree that do not end the style's way; `bundler` would accept `.js` too. */
async function offStyle(dir: string, ext: ImportExtension): Promise<string[]> {
  const off: string[] = [];
  for (const rel of (await fs.readdir(dir, { recursive: true })).filter((f) => f.endsWith('.ts')).sort()) {
    for (const ref of ts.preProcessFile(await fs.readFile(path.join(dir, rel), 'utf8'), true, true).importedFiles) {
      if (!ref.fileName.startsWith('.')) continue;
      const extension = /\.(js|ts)$/.exec(ref.fileName)?.[0] ?? '';
      if (extension !== ext) off.push(`${rel}: ${ref.fileName}`);
    }
  }
  return off;
}

export async function typecheckStyle(golden: string, ext: ImportExtension, compiler: keyof typeof COMPILERS): Promise<{ ok: boolean; output: string; offStyle: string[] }> {
  const dir = path.join(repoRoot, '.scratch', 'golden', `${golden}-${compiler}-${randomBytes(4).toString('hex')}`);
  try {
    await fs.cp(path.join(repoRoot, 'test/golden', golden), path.join(dir, golden), { recursive: true });
    await fs.copyFile(path.join(repoRoot, 'test/golden/db.ts'), path.join(dir, 'db.ts'));
    for (const [name, source] of await readRuntimeSources()) {
      const file = path.join(dir, golden, 'runtime', name);
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, restyleSpecifiers(source, ext));
    }
    const compilerOptions = {
      target: 'ES2022',
      module: 'ESNext',
      moduleResolution: 'bundler',
      ...(ext === '.ts' ? { allowImportingTsExtensions: true } : {}),
      strict: true,
      noUncheckedIndexedAccess: true,
      exactOptionalPropertyTypes: true,
      skipLibCheck: true,
      noEmit: true,
      types: ['node'],
    };
    await fs.writeFile(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['db.ts', `${golden}/**/*.ts`] }, null, 2));
    const r = await run(process.execPath, [repoBin(COMPILERS[compiler]), '-p', path.join(dir, 'tsconfig.json'), '--pretty', 'false'], { cwd: dir });
    return { ok: r.code === 0, output: r.output, offStyle: await offStyle(dir, ext) };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
