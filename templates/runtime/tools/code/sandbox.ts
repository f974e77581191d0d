// The host side of the sandbox: worker threads that run programs in QuickJS (worker-source.ts),
// kept warm between runs and discarded whenever a run ends abnormally. The host owns the clock:
// a run that has not answered by its deadline (plus a short grace) has its worker terminated,
// whatever the program is doing, so every run ends in bounded time and the server's own thread
// never runs guest code.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { RunCaps } from './limits.js';
import { WORKER_SOURCE } from './worker-source.js';

/** What the program may call, by namespace: db delegates with their operations, tool and procedure names. */
export interface Api {
  readonly db: Readonly<Record<string, readonly string[]>>;
  readonly tools: readonly string[];
  readonly trpc: readonly string[];
}

export interface GuestError {
  readonly name: string;
  readonly message: string;
  /** QuickJS frames (`at f (user.js:3:5)`); the caller maps them to the program's lines. */
  readonly stack?: string;
}

export type RunOutcome = { readonly logs: readonly string[]; readonly logsDropped: number; readonly calls: number } & (
  | { readonly ok: true; readonly json: string; readonly resultChars: number }
  | { readonly ok: false; readonly error: GuestError }
);

/** Answers one call from the program with a JSON string (`{ ok: true, value }` or `{ ok: false, name, message }`). */
export type CallHandler = (path: string, json: string | undefined) => Promise<string>;

type Message =
  | { type: 'started'; run: number }
  | { type: 'call'; run: number; seq: number; path: string; json?: string }
  | ({ type: 'done'; run: number; retire: boolean } & RunOutcome);

const require = createRequire(import.meta.url);
// Resolved here, from the app's node_modules, and loaded by path inside the worker.
let modules: { core: string; variant: string } | undefined;
const resolveModules = () => (modules ??= {
  core: require.resolve('quickjs-emscripten-core'),
  variant: require.resolve('@jitl/quickjs-wasmfile-release-sync'),
});

// Idle workers kept warm: enough for a few concurrent programs without a cold start.
const MAX_IDLE = 2;
const idle: Worker[] = [];
const GRACE_MS = 500;
const STARTUP_MS = 15_000;
let runs = 0;

function spawn(): Worker {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: resolveModules(),
    // The engine's memory is WebAssembly memory, capped per run; this bounds the worker's own heap.
    resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 16, stackSizeMb: 4 },
    stdout: true,
    stderr: true,
  });
  worker.unref();
  // An idle worker that fails (it should not) is dropped; a running one's run reports it too.
  const drop = () => { const i = idle.indexOf(worker); if (i >= 0) idle.splice(i, 1); };
  worker.on('error', drop);
  worker.on('exit', drop);
  // The worker never writes on purpose; an engine abort prints there: drop it, the run reports.
  worker.stdout.resume();
  worker.stderr.resume();
  return worker;
}

/**
 * Runs `code` (JavaScript, already wrapped and stripped of types) with `api` bound to `onCall`.
 * Calls are answered one at a time, in order. Resolves with the outcome; never rejects.
 */
export function runInSandbox(code: string, api: Api, caps: RunCaps, onCall: CallHandler, signal?: AbortSignal): Promise<RunOutcome> {
  const run = ++runs;
  const worker = idle.pop() ?? spawn();
  return new Promise<RunOutcome>((resolve) => {
    let over = false;
    let queue: Promise<void> = Promise.resolve();
    const end = (outcome: RunOutcome, keep: boolean) => {
      if (over) return;
      over = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', cancel);
      worker.off('message', onMessage);
      worker.off('error', onFailure);
      worker.off('exit', onFailure);
      if (keep && idle.length < MAX_IDLE) idle.push(worker);
      else void worker.terminate();
      resolve(outcome);
    };
    const stopped = (name: string, message: string) => end({ ok: false, error: { name, message }, logs: [], logsDropped: 0, calls: 0 }, false);
    const onMessage = (m: Message) => {
      if (m.run !== run) return;
      if (m.type === 'started') {
        // The program's own clock starts once the engine is loaded; the host's starts with it.
        clearTimeout(timer);
        timer = setTimeout(() => stopped('TimeoutError', `the program ran past its time limit of ${caps.timeoutMs} ms`), caps.timeoutMs + GRACE_MS);
        return;
      }
      if (m.type === 'done') {
        const { type: _type, run: _run, retire, ...outcome } = m;
        end(outcome as RunOutcome, !retire);
        return;
      }
      // One call at a time, in the order the program made them (a run's writes share one transaction).
      queue = queue.then(async () => {
        const json = await onCall(m.path, m.json).catch(() => JSON.stringify({ ok: false, name: 'Error', message: `${m.path} failed` }));
        if (!over) worker.postMessage({ type: 'reply', run, seq: m.seq, json });
      });
    };
    const onFailure = () => stopped('InternalError', 'the sandbox stopped while running the program');
    const cancel = () => stopped('AbortError', 'cancelled');
    // Until the worker starts the program: a cold worker loads and compiles the engine first.
    let timer = setTimeout(() => stopped('InternalError', 'the sandbox did not start in time'), STARTUP_MS);
    worker.on('message', onMessage);
    worker.once('error', onFailure);
    worker.once('exit', onFailure);
    if (signal?.aborted) return cancel();
    signal?.addEventListener('abort', cancel, { once: true });
    worker.postMessage({ type: 'run', run, code, api, caps });
  });
}

/** Stops the idle workers (tests, shutdown). Workers are unref'd, so this is never needed to exit. */
export async function closeSandboxes(): Promise<void> {
  await Promise.all(idle.splice(0).map((w) => w.terminate()));
}
