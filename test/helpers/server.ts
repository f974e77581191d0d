// Runs a generated server for real: `tsx <entry>` in its own process group, PORT=0 so the OS picks a
// free port, and the URL read back from the server's "listening on http://..." line.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { repoBin } from './repo.js';

export interface RunningServer {
  /** The MCP endpoint, e.g. http://127.0.0.1:PORT/mcp */
  url: string;
  /** http://127.0.0.1:PORT */
  baseUrl: string;
  stop(): Promise<void>;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  /** The process group id (tsx and the node process it starts), for CPU accounting in benches. */
  readonly pid: number;
}

const LISTENING = /listening on (http:\/\/\S+)/;

export async function startServer(
  projectDir: string,
  opts: { entry?: string; env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<RunningServer> {
  const entry = opts.entry ?? 'src/mcp/server.ts';
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const child = spawn(repoBin('.bin/tsx'), [path.resolve(projectDir, entry)], {
    cwd: projectDir,
    env: { ...process.env, PORT: '0', NODE_ENV: 'test', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // own process group: stop() must also reach tsx's child node process
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let running = true;
  void exited.then(() => (running = false));

  const url = await new Promise<string>((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      reject(new Error(`startServer(${path.join(projectDir, entry)}): ${why}\n--- server output ---\n${output}`));
    };
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = LISTENING.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', (error) => fail(`spawn failed: ${error.message}`));
    child.once('exit', (code, signal) => fail(`exited (code ${code}, signal ${signal}) before listening`));
    const timer = setTimeout(() => {
      killGroup(child.pid, 'SIGKILL');
      fail(`no "listening on http://..." line within ${timeoutMs} ms`);
    }, timeoutMs);
  });

  return {
    url,
    pid: child.pid ?? 0,
    baseUrl: new URL(url).origin,
    output: () => output,
    stop: async () => {
      if (!running) return;
      killGroup(child.pid, 'SIGTERM');
      const forced = setTimeout(() => killGroup(child.pid, 'SIGKILL'), 5_000);
      await exited;
      clearTimeout(forced);
    },
  };
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}
