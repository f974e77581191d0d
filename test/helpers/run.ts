import { spawn } from 'node:child_process';

export interface RunResult {
  code: number | null;
  output: string;
  ms: number;
}

/** Runs a command to completion, collecting stdout and stderr interleaved. Never rejects on exit code. */
export function run(command: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<RunResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output, ms: Math.round(performance.now() - started) }));
  });
}
