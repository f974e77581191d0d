// The code-mode worker: a worker thread that runs programs in QuickJS (WebAssembly), one fresh
// runtime per program. It is plain JavaScript in a string because a worker is started from a file
// or source text, and a `.ts` file would need the app's TypeScript loader, which workers do not
// inherit (tsx). The host (sandbox.ts) passes the QuickJS packages' resolved paths.
//
// What crosses the boundary: strings only. A program calls `__host(path, json)` (behind the `db`,
// `tools` and `trpc` objects the prelude builds) and gets a promise the host settles with a JSON
// string; `__log(text)` appends to a capped buffer. Nothing else of the host is reachable: QuickJS
// has no `require`, `process`, `fetch`, timers, file or network access, and no module loader is set.
//
// Messages:  host → worker  { type: 'run', run, code, api, caps } | { type: 'reply', run, seq, json }
//            worker → host  { type: 'started', run } | { type: 'call', run, seq, path, json } | { type: 'done', run, ...outcome }
// A run whose engine failed in a way that may leave it unusable (a host RangeError from deep
// nesting, a failed dispose) answers `retire: true`: the host discards this worker.
export const WORKER_SOURCE = String.raw`
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const core = require(workerData.core);
const variant = require(workerData.variant);
const modulePromise = core.newQuickJSWASMModuleFromVariant(variant.default ?? variant);

// The prelude runs before the program, with the host functions as arguments; it removes them
// from the global object, so the program reaches the host only through db/tools/trpc/console.
const PRELUDE = ${'`'}(function (host, log, api) {
  'use strict';
  const G = globalThis;
  for (const name of ['__host', '__log', 'SharedArrayBuffer', 'Atomics', 'WebAssembly']) delete G[name];
  const stringify = JSON.stringify, parse = JSON.parse, ErrorCtor = Error, freeze = Object.freeze;
  const create = () => Object.create(null);
  const fail = (name, message, stack) => { const e = new ErrorCtor(message); e.name = name; if (stack) e.stack = stack; return e; };
  let made = 0;
  const callable = (path) => function (args) {
    // Past the cap, refused here without a trip to the host (which counts and refuses too).
    if (++made > api.maxCalls) return Promise.reject(fail('LimitError', path + ': the limit of ' + api.maxCalls + ' calls per program is reached; do more per call (where, groupBy, aggregate)'));
    // The error keeps the caller's stack, so an uncaught failure names the program's line.
    const site = new ErrorCtor('');
    let json;
    try { json = args === undefined ? undefined : stringify(args); }
    catch (e) { return Promise.reject(fail('TypeError', path + ': the argument cannot be sent as JSON (' + String(e && e.message) + ')', site.stack)); }
    return host(path, json).then((out) => {
      const r = parse(out);
      if (r.ok) return r.value;
      throw fail(r.name || 'Error', r.message, site.stack);
    });
  };
  const namespace = (prefix, names) => { const o = create(); for (const n of names) o[n] = callable(prefix + n); return freeze(o); };
  const db = create();
  for (const d of Object.keys(api.db)) db[d] = namespace('db.' + d + '.', api.db[d]);
  const show = (v) => { if (typeof v === 'string') return v; try { const s = stringify(v); return s === undefined ? String(v) : s; } catch { try { return String(v); } catch { return '[unprintable]'; } } };
  const line = (level) => function (...args) { log(level, args.map(show).join(' ')); };
  const defineGlobal = (name, value) => Object.defineProperty(G, name, { value, writable: false, enumerable: false, configurable: false });
  defineGlobal('db', freeze(db));
  defineGlobal('tools', namespace('tools.', api.tools));
  defineGlobal('trpc', namespace('trpc.', api.trpc));
  defineGlobal('console', freeze({ log: line('log'), info: line('info'), warn: line('warn'), error: line('error'), debug: line('debug') }));
  return {
    result(v) { const s = stringify(v === undefined ? null : v); return s === undefined ? 'null' : s; },
    describe(e) {
      let name = 'Error', message = '', stack = '';
      try { name = String(e && e.name || 'Error'); } catch {}
      try { message = e instanceof ErrorCtor ? String(e.message) : show(e); } catch { message = 'the program threw a value that cannot be described'; }
      try { stack = String(e && e.stack || ''); } catch {}
      return stringify({ name, message, stack });
    },
  };
})${'`'};

let current; // the run in progress: one at a time per worker

parentPort.on('message', (m) => {
  if (m.type === 'run') start(m).catch((e) => finish(m.run, hostFailure(e), true));
  else if (m.type === 'reply' && current && current.run === m.run) {
    // Resuming the program can fail in the engine itself (a host RangeError): end the run, retire.
    try { current.reply(m.seq, m.json); } catch (e) { finish(m.run, hostFailure(e), true); }
  }
});

function hostFailure(e) {
  const deep = e instanceof RangeError || /stack/i.test(String(e && e.message));
  return { ok: false, error: deep
    ? { name: 'RangeError', message: 'the program nested too deeply (stack overflow)' }
    : { name: 'InternalError', message: 'the sandbox failed while running the program' + (process.env.MCPGEN_SANDBOX_DEBUG ? ': ' + (e && e.stack) : '') } };
}

function finish(run, outcome, retire) {
  const state = current && current.run === run ? current : undefined;
  if (state) { current = undefined; state.dispose(); }
  parentPort.postMessage({ type: 'done', run, ...outcome, logs: state ? state.logs : [], logsDropped: state ? state.dropped : 0,
    calls: state ? state.calls : 0, retire: Boolean(retire || (state && state.broken)) });
}

async function start(m) {
  const QuickJS = await modulePromise;
  const caps = m.caps;
  const rt = QuickJS.newRuntime();
  rt.setMemoryLimit(caps.memoryBytes);
  rt.setMaxStackSize(caps.stackBytes);
  // The clock starts now, not when the host sent the run (a cold worker loads the engine first).
  let deadline = Date.now() + caps.timeoutMs;
  parentPort.postMessage({ type: 'started', run: m.run });
  rt.setInterruptHandler(() => Date.now() > deadline);
  const vm = rt.newContext();
  const handles = [];
  const pending = new Map();
  const state = {
    run: m.run, logs: [], logChars: 0, dropped: 0, calls: 0, broken: false, seq: 0,
    dispose() {
      for (const d of pending.values()) { try { d.dispose(); } catch {} }
      for (const h of handles) { try { if (h.alive) h.dispose(); } catch {} }
      try { vm.dispose(); rt.dispose(); } catch (e) { state.broken = true; if (process.env.MCPGEN_SANDBOX_DEBUG) console.error('dispose', e); }
    },
    reply(seq, json) {
      const d = pending.get(seq);
      if (!d) return;
      pending.delete(seq);
      const s = vm.newString(json);
      d.resolve(s);
      s.dispose();
      d.dispose();
      pump();
    },
  };
  current = state;

  const log = vm.newFunction('__log', (levelHandle, textHandle) => {
    const text = '[' + vm.getString(levelHandle) + '] ' + vm.getString(textHandle);
    if (state.logChars + text.length > caps.maxLogChars) { state.dropped++; return; }
    state.logChars += text.length;
    state.logs.push(text);
  });
  const host = vm.newFunction('__host', (pathHandle, jsonHandle) => {
    const path = vm.getString(pathHandle);
    const json = vm.typeof(jsonHandle) === 'string' ? vm.getString(jsonHandle) : undefined;
    const d = vm.newPromise();
    const refuse = (message) => {
      const e = vm.newString(JSON.stringify({ ok: false, name: 'LimitError', message }));
      d.resolve(e); e.dispose();
      return d.handle;
    };
    if (state.calls >= caps.maxCalls) return refuse(path + ': the limit of ' + caps.maxCalls + ' calls per program is reached; do more per call (where, groupBy, aggregate)');
    if (json !== undefined && json.length > caps.maxArgumentChars) return refuse(path + ': the argument is ' + json.length + ' characters; the limit is ' + caps.maxArgumentChars);
    state.calls++;
    const seq = ++state.seq;
    pending.set(seq, d);
    parentPort.postMessage({ type: 'call', run: m.run, seq, path, json });
    return d.handle;
  });
  handles.push(log, host);

  const api = vm.newString(JSON.stringify({ ...m.api, maxCalls: caps.maxCalls }));
  const json = vm.getProp(vm.global, 'JSON');
  const parse = vm.getProp(json, 'parse');
  handles.push(api, json, parse);
  const apiValue = vm.unwrapResult(vm.callFunction(parse, vm.undefined, api));
  const preludeFn = vm.unwrapResult(vm.evalCode(PRELUDE, 'prelude.js'));
  const helpers = vm.unwrapResult(vm.callFunction(preludeFn, vm.undefined, host, log, apiValue));
  const resultFn = vm.getProp(helpers, 'result');
  const describeFn = vm.getProp(helpers, 'describe');
  handles.push(apiValue, preludeFn, helpers, resultFn, describeFn);

  const evaluated = vm.evalCode(m.code, 'user.js');
  if (evaluated.error) { handles.push(evaluated.error); return settle({ type: 'rejected', error: evaluated.error }); }
  const promise = evaluated.value;
  handles.push(promise);

  function pump() {
    if (current !== state) return;
    const jobs = rt.executePendingJobs();
    if (jobs.error) { handles.push(jobs.error); return settle({ type: 'rejected', error: jobs.error }); }
    const s = vm.getPromiseState(promise);
    if (s.type === 'pending') {
      if (Date.now() > deadline) return finish(m.run, { ok: false, error: { name: 'TimeoutError', message: 'the program ran past its time limit of ' + caps.timeoutMs + ' ms' } });
      if (pending.size === 0) {
        finish(m.run, { ok: false, error: { name: 'Error', message: 'the program awaits a promise that can never settle (no call is pending)' } });
      }
      return;
    }
    settle(s);
  }

  function settle(s) {
    if (current !== state) return;
    const late = Date.now() > deadline;
    // A little time to turn the value into JSON, even when the program used up its own.
    deadline = Date.now() + 250;
    if (s.type === 'fulfilled') {
      const handle = s.value;
      handles.push(handle);
      const out = vm.callFunction(resultFn, vm.undefined, handle);
      if (out.error) { handles.push(out.error); return settle({ type: 'rejected', error: out.error }); }
      const json = vm.getString(out.value);
      out.value.dispose();
      return finish(m.run, { ok: true, json: json.length > caps.maxResultChars + 1 ? json.slice(0, caps.maxResultChars + 1) : json, resultChars: json.length });
    }
    handles.push(s.error);
    if (late) return finish(m.run, { ok: false, error: { name: 'TimeoutError', message: 'the program ran past its time limit of ' + caps.timeoutMs + ' ms' } });
    const out = vm.callFunction(describeFn, vm.undefined, s.error);
    let error = { name: 'Error', message: 'the program threw a value that cannot be described', stack: '' };
    if (!out.error) { try { error = JSON.parse(vm.getString(out.value)); } catch {} out.value.dispose(); } else handles.push(out.error);
    if (error.name === 'InternalError' && /out of memory/.test(error.message)) error.message = 'the program used more than ' + Math.round(caps.memoryBytes / 1048576) + ' MB of memory';
    finish(m.run, { ok: false, error });
  }

  pump();
}
`;
