/**
 * Fuzz benchmark (issue 11, part 6): ≥ 10,000 hostile argument sets per tool shape, in process
 * against the runtime's MCP server (SDK in-memory transport), every call checked as in
 * test/fuzz/fuzz.test.ts. Prints cases, time and failures per shape; exits 1 on any failure.
 *
 * Run: `npx tsx bench/fuzz.ts [--runs 10000] [--seed 1] [--only list_comments,get_comment,query]`
 * Shapes cover both modes: full mode's per-model tools and a custom tool, and compact mode's
 * describe_models and every query and mutate operation (test/fuzz/target.ts).
 */
import { createFuzzTarget } from '../test/fuzz/target.js';
import { fuzzShapes, type ShapeResult } from '../test/fuzz/run.js';
import { option } from './args.js';

const runs = Number(option('runs', '10000'));
const seed = Number(option('seed', String(Date.now() % 2 ** 31)));

const only = option('only', '');
const all = await createFuzzTarget('bench');
// A tool name picks all its shapes (`query`); a shape name picks one (`query groupBy`).
const target = { ...all, shapes: only ? all.shapes.filter((s) => only.split(',').some((o) => o === s.tool || o === s.name)) : all.shapes };
const originalError = console.error;
let logged = 0;
console.error = () => void logged++; // the server logs internal errors; the checks report them
try {
  console.log(`fuzz: ${runs} cases per tool shape, seed ${seed}`);
  const print = (r: ShapeResult) => console.log(`${r.tool.padEnd(20)} ${String(r.runs).padStart(6)} cases ${(r.ms / 1000).toFixed(1).padStart(7)} s  ${r.failure ? `FAILED\n${r.failure}` : 'ok'}`);
  const results = await fuzzShapes(target, target.check, { runs, seed, onResult: print });
  const failed = results.filter((r) => r.failure).length;
  console.log(`total ${results.reduce((n, r) => n + r.runs, 0)} cases, ${failed} failing shapes, ${logged} server error log lines`);
  process.exitCode = failed > 0 ? 1 : 0;
} finally {
  console.error = originalError;
  await all.close();
}
