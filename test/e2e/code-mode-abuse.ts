// Issue 25's escape and abuse corpus for `execute`, and a fast-check fuzz over generated programs
// (fixed seed). Used by code-mode.test.ts against a real server; each case names the error it must
// end in, so a case that stops being refused (or is refused for another reason) fails.
import fc from 'fast-check';

export interface AbuseCase {
  readonly name: string;
  readonly code: string;
  /** Matches `<error name>: <message>`. */
  readonly message: RegExp;
}

const TIME = /^TimeoutError: the program ran past its time limit of 2000 ms$/;

export const abuseCorpus: readonly AbuseCase[] = [
  { name: "this.constructor.constructor('return process')()", code: "return this.constructor.constructor('return process')().env", message: /^ReferenceError: 'process' is not defined$/ },
  { name: 'globalThis.process', code: 'return globalThis.process.env', message: /^TypeError: cannot read property 'env' of undefined$/ },
  { name: 'require', code: "return require('node:fs').readFileSync('/etc/passwd', 'utf8')", message: /^ReferenceError: 'require' is not defined$/ },
  { name: 'import()', code: "const fs = await import('node:fs'); return fs.readFileSync('/etc/passwd', 'utf8')", message: /^ReferenceError: could not load module 'node:fs'$/ },
  { name: 'fetch', code: "return await fetch('http://127.0.0.1:1/')", message: /^ReferenceError: 'fetch' is not defined$/ },
  { name: 'WebAssembly', code: 'return new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]))', message: /^ReferenceError: 'WebAssembly' is not defined$/ },
  { name: 'SharedArrayBuffer and Atomics', code: 'const b = new SharedArrayBuffer(8); Atomics.wait(new Int32Array(b), 0, 0); return 1', message: /^ReferenceError: 'SharedArrayBuffer' is not defined$/ },
  { name: '$queryRaw as a delegate', code: 'return await db.$queryRaw`SELECT * FROM "User"`', message: /^TypeError: not a function$/ },
  { name: '$queryRaw as an operation', code: "return await db.note.$queryRawUnsafe('SELECT * FROM \"User\"')", message: /^TypeError: not a function$/ },
  { name: 'a model outside the toolsets (User, Membership)', code: 'const u = await db.user.findMany(); return u', message: /^TypeError: cannot read property 'findMany' of undefined$/ },
  { name: 'a hidden field in select', code: 'return await db.note.findMany({ select: { internalNotes: true } })', message: /^ArgumentError: .*internalNotes/s },
  { name: 'a hidden field in where', code: "return await db.note.count({ where: { internalNotes: { contains: 'secret' } } })", message: /^ArgumentError: .*internalNotes/s },
  { name: 'a relation to a hidden model', code: 'return await db.note.findMany({ include: { author: true } })', message: /^ArgumentError: .*author/s },
  { name: '__proto__ and constructor keys are dropped on the way in', code: 'return await db.note.findMany(JSON.parse(\'{"__proto__": {"where": {"authorId": 2}}, "constructor": {"x": 1}, "take": "x"}\'))', message: /^ArgumentError: .*take/s },
  { name: 'while (true) {}', code: 'while (true) {}', message: TIME },
  { name: 'a never-settling await', code: 'await new Promise(() => {}); return 1', message: /^Error: the program awaits a promise that can never settle/ },
  { name: 'a never-settling await behind a pending call', code: 'db.note.count(); await new Promise(() => {}); return 1', message: /^Error: the program awaits a promise that can never settle/ },
  { name: 'a microtask storm', code: 'for (;;) await null;', message: TIME },
  { name: 'a recursive promise storm', code: 'const f = () => Promise.resolve().then(f); f(); await new Promise(() => {});', message: TIME },
  { name: 'a memory bomb', code: "let s = 'x'; for (;;) s += s; return s.length", message: /^InternalError: (the program used more than 64 MB of memory|string too long)$/ },
  { name: 'a memory bomb of many small objects', code: 'const a = []; for (;;) a.push({ a: a.length, b: [a.length] });', message: /^(InternalError: the program used more than 64 MB of memory|TimeoutError: .*)$/ },
  { name: '1e6-deep nesting (JSON.parse)', code: "return JSON.parse('['.repeat(1e6) + ']'.repeat(1e6))", message: /^(SyntaxError|RangeError|InternalError): .*(stack overflow|nested too deeply)/ },
  { name: '1e6-deep nesting (recursion)', code: 'const f = (n) => n === 0 ? 0 : 1 + f(n - 1); return f(1e6)', message: /^(RangeError|InternalError): .*(stack overflow|nested too deeply|Maximum call stack)/ },
  { name: 'Promise.all of 10,000 calls', code: 'const r = await Promise.all(Array.from({ length: 10000 }, () => db.note.count())); return r.length', message: /^LimitError: db\.note\.count: the limit of 50 calls per program is reached/ },
  { name: 'a console flood', code: "for (;;) console.log('flood '.repeat(100));", message: TIME },
  { name: 'a 10 MB argument', code: "return await db.note.findMany({ where: { title: 'x'.repeat(10 * 1024 * 1024) } })", message: /^LimitError: db\.note\.findMany: the argument is 10485\d+ characters; the limit is 65536$/ },
  { name: 'a result that is not JSON (a cycle)', code: 'const a = {}; a.a = a; return a', message: /^TypeError: circular reference$/ },
  { name: 'a thenable result with a hostile getter', code: "const e = new Error('x'); Object.defineProperty(e, 'message', { get() { for (;;) {} } }); throw e;", message: /^(Error|TimeoutError): / },
];

const MODELS = ['note', 'patient', 'visit', 'clinic'] as const;
const FIELDS: Record<(typeof MODELS)[number], readonly string[]> = {
  note: ['id', 'title', 'body', 'authorId', 'createdAt', 'internalNotes'],
  patient: ['id', 'name', 'clinicId', 'dateOfBirth'],
  visit: ['id', 'reason', 'patientId', 'startsAt'],
  clinic: ['id', 'name'],
};

const value = fc.oneof(fc.integer({ min: -3, max: 10 }), fc.constantFrom('Ann 1', 'N', '', 'South', 'x'), fc.boolean(), fc.constant(null));

/** One `db` call with arguments that are sometimes right and sometimes not. */
const call = fc.constantFrom(...MODELS).chain((model) =>
  fc.record({
    model: fc.constant(model),
    op: fc.constantFrom('findMany', 'findFirst', 'findUnique', 'count', 'aggregate', 'groupBy', 'create', 'update', 'delete', '$queryRaw', 'constructor'),
    field: fc.constantFrom(...FIELDS[model], 'passwordHash', '__proto__'),
    filter: fc.constantFrom('equals', 'contains', 'gt', 'in', 'not', 'some'),
    v: value,
  }),
);

const statement = fc.oneof(
  call.map(({ model, op, field, filter, v }) => {
    const where = `{ ${JSON.stringify(field)}: { ${filter}: ${JSON.stringify(filter === 'in' ? [v] : v)} } }`;
    const args = op === 'groupBy' ? `{ by: [${JSON.stringify(field)}], where: ${where} }` : op === 'create' ? `{ data: { ${JSON.stringify(field)}: ${JSON.stringify(v)} } }` : `{ where: ${where} }`;
    return `out.push(await db.${model}[${JSON.stringify(op)}](${args}));`;
  }),
  fc.constantFrom('console.log(out.length);', 'out.push(typeof process, typeof require, typeof fetch);', 'out.push(Object.keys(globalThis).sort().join());', 'if (out.length > 3) throw new Error("stop");'),
);

const program = fc.array(statement, { minLength: 1, maxLength: 5 }).chain((lines) =>
  fc.boolean().map((guard) => `const out = [];\n${guard ? `try {\n${lines.join('\n')}\n} catch (e) { out.push(e.name + ': ' + e.message); }` : lines.join('\n')}\nreturn out;`),
);

/** Runs `check` on generated programs; fixed seed, few runs (CI on two cores). */
export async function fuzzPrograms(check: (code: string) => Promise<void>): Promise<void> {
  await fc.assert(fc.asyncProperty(program, check), { seed: 25, numRuns: 30, endOnFailure: true });
}
