/** A listed procedure's tool schemas, from its TypeScript input and output types. */
import { TypeProblem } from '../../custom-tools/errors.js';
import { typeToZod } from '../../custom-tools/type-to-zod.js';
import type { ListedProcedure } from './discover.js';
import type { FoundProcedure } from './types.js';

export function describeProcedure(p: ListedProcedure): FoundProcedure {
  const base = { path: p.path, type: p.type, file: p.file, line: p.line, ...(p.description ? { description: p.description } : {}) };
  return { ...base, ...input(p), ...output(p) };
}

type InputPart = Pick<FoundProcedure, 'input' | 'inputProblem' | 'noInput' | 'inputKey'>;

function input(p: ListedProcedure): InputPart {
  const type = p.inputType;
  const members = type.isUnion() ? type.getUnionTypes() : [type];
  const present = members.filter((t) => !t.isUndefined() && !t.isVoid());
  // tRPC types a procedure without `.input()` as `void`.
  if (present.length === 0) return { input: 'z.strictObject({})', noInput: true };
  const optional = present.length < members.length;
  try {
    if (present.length === 1 && isPlainObject(present[0]!)) {
      const code = typeToZod(present[0]!, 'arguments', { mode: 'input', at: p.at, unknownInput: true });
      if (code.startsWith('z.strictObject(')) return { input: code, noInput: false };
    }
    const code = typeToZod(type, 'input', { mode: 'input', at: p.at, unknownInput: true });
    return { input: `z.strictObject({ input: ${code}${optional ? '.optional()' : ''} })`, noInput: false, inputKey: 'input' };
  } catch (error) {
    if (error instanceof TypeProblem) {
      const at = error.file && error.line ? ` (${error.file}:${error.line})` : '';
      return { inputProblem: `${error.message}${at}`, noInput: false };
    }
    throw error;
  }
}

function isPlainObject(type: ListedProcedure['inputType']): boolean {
  return type.isObject() && !type.isArray() && !type.isTuple() && type.getCallSignatures().length === 0;
}

function output(p: ListedProcedure): Pick<FoundProcedure, 'output' | 'wrap' | 'rows'> {
  try {
    const code = typeToZod(p.outputType, 'result', { mode: 'output', at: p.at });
    if (!p.outputType.isUnion() && isPlainObject(p.outputType) && code.startsWith('z.object(')) return { output: code, wrap: false };
    const element = p.outputType.isArray() ? p.outputType.getArrayElementType() : undefined;
    return { output: `z.object({ result: ${code} })`, wrap: true, ...(element && isPlainObject(element) ? { rows: true } : {}) };
  } catch (error) {
    if (error instanceof TypeProblem) return { wrap: false }; // listed without an output schema
    throw error;
  }
}
