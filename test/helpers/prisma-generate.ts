// `prisma generate` without engine downloads: the CLI insists on a schema-engine binary at start-up but
// never runs it for generate, so any executable satisfies it (docs/contributing.md, "Prisma without engine downloads").
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { repoBin } from './repo.js';
import { run, type RunResult } from './run.js';
import { stripDatasourceUrls } from './strip-datasource-urls.js';

/** Runs `prisma generate --schema <schemaPath>` in projectDir; throws with the CLI output on failure. */
export async function generatePrismaClient(projectDir: string, schemaPath: string): Promise<void> {
  const result = await prismaGenerate(projectDir, schemaPath);
  if (result.code !== 0) {
    throw new Error(`prisma generate --schema ${schemaPath} failed (exit ${result.code}) in ${projectDir}:\n${result.output}`);
  }
}

/**
 * `prisma generate` as `npx prisma generate` runs it: the project's node_modules/.bin first on PATH, so a
 * `generator { provider = "mcp-gen" }` block finds our command. Never throws on the exit code.
 */
export async function prismaGenerate(projectDir: string, schemaPath: string, env: Record<string, string> = {}): Promise<RunResult> {
  const absolute = path.resolve(projectDir, schemaPath);
  const original = await readFile(absolute, 'utf8');
  const stripped = stripDatasourceUrls(original);
  // Next to the original so the generator's relative `output` still resolves to the same place.
  const schemaToUse =
    stripped === original ? absolute : path.join(path.dirname(absolute), `.mcpgen-${randomBytes(4).toString('hex')}.prisma`);
  if (schemaToUse !== absolute) await writeFile(schemaToUse, stripped);
  try {
    return await run(repoBin('.bin/prisma'), ['generate', '--schema', schemaToUse], {
      cwd: projectDir,
      env: {
        ...process.env,
        PATH: [path.join(projectDir, 'node_modules', '.bin'), process.env.PATH].join(path.delimiter),
        PRISMA_SCHEMA_ENGINE_BINARY: '/bin/true',
        PRISMA_HIDE_UPDATE_MESSAGE: '1',
        CHECKPOINT_DISABLE: '1',
        ...env,
      },
    });
  } finally {
    if (schemaToUse !== absolute) await rm(schemaToUse, { force: true });
  }
}
