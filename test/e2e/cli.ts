/** Runs the built mcp-gen CLI as a user would (`npx mcp-gen ...`), in a project folder. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
const BIN = path.join(REPO, 'bin/mcp-gen.js');

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function run(cmd: string, args: readonly string[], cwd: string, env: Record<string, string> = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { cwd, env: { ...process.env, NO_COLOR: '1', ...env } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('error', reject);
    p.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

export function mcpGen(args: readonly string[], cwd: string, env: Record<string, string> = {}): Promise<RunResult> {
  return run(process.execPath, [BIN, ...args], cwd, env);
}

/** Runs a TypeScript file of the project with tsx (seed scripts). */
export async function tsx(file: string, cwd: string, env: Record<string, string>): Promise<void> {
  const r = await run(path.join(REPO, 'node_modules/.bin/tsx'), [file], cwd, env);
  if (r.code !== 0) throw new Error(`tsx ${file} failed (${r.code}):\n${r.stdout}\n${r.stderr}`);
}
