/**
 * A TypeScript type (as the checker sees it, through the user's imports) → zod code.
 * Input mode builds what a tool accepts (JSON in, the function's own types out: an ISO string
 * becomes a Date); output mode describes what the runtime sends back after serializing (Date,
 * bigint and Decimal become strings). A type that cannot be expressed throws a TypeProblem.
 */
import { Node, ts, type Symbol as TsSymbol, type Type } from 'ts-morph';
import { objectLiteral, str } from '../emit/ts.js';
import { TypeProblem } from './errors.js';

export type Mode = 'input' | 'output';

export interface ConvertOptions {
  readonly mode: Mode;
  /** Where types of members are resolved (the parameter or function declaration). */
  readonly at: Node;
  /** `@param args.x text` descriptions, by path. */
  readonly paramDocs?: ReadonlyMap<string, string>;
  /**
   * Input mode: `any`/`unknown` become `z.unknown()` instead of failing. For published procedures,
   * whose own validator checks the value (`z.coerce.number()` accepts `unknown`).
   */
  readonly unknownInput?: boolean;
}

interface State extends ConvertOptions {
  /** Object types being expanded: a type met again is recursive. */
  readonly stack: readonly Type[];
  readonly indent: string;
}

export function typeToZod(type: Type, path: string, options: ConvertOptions): string {
  return convert(type, path, { ...options, stack: [], indent: '' });
}

function fail(path: string, reason: string): never {
  throw new TypeProblem(path, reason);
}

function convert(type: Type, path: string, s: State): string {
  const output = s.mode === 'output';
  if ((type.compilerType as { intrinsicName?: string }).intrinsicName === 'error') {
    return fail(path, `type ${short(type)} could not be resolved: check its import (is the Prisma client generated?)`);
  }
  if (type.isAny() || type.isUnknown()) {
    if (output) return 'f.jsonOut';
    if (s.unknownInput) return 'z.unknown()';
    return fail(path, `${type.getText()} cannot be a tool argument: give it a concrete type`);
  }
  if (type.isTypeParameter()) return fail(path, `generic type ${type.getText()} cannot be a tool argument`);
  if (type.isNever() || type.isVoid() || type.isNull() || type.isUndefined()) {
    return fail(path, `${type.getText()} cannot be a tool argument on its own`);
  }
  if (type.isEnum() || type.isEnumLiteral()) {
    return fail(path, `TypeScript enum ${type.getText()} is not supported: use a union of string literals (Prisma enums work)`);
  }
  if (type.isBoolean()) return 'z.boolean()';
  if (type.isString()) return 'z.string()';
  if (type.isNumber()) return 'z.number()';
  if (type.isBigInt()) return output ? 'f.bigIntOut' : 'f.bigIntIn';
  if (type.isStringLiteral() || type.isNumberLiteral() || type.isBooleanLiteral()) return `z.literal(${literal(type)})`;
  if (type.getFlags() & (ts.TypeFlags.ESSymbol | ts.TypeFlags.UniqueESSymbol)) {
    return fail(path, `symbol types cannot be tool arguments`);
  }
  if (type.isTemplateLiteral()) return 'z.string()';
  if (type.isUnion()) return union(type, path, s);
  if (type.isArray() || type.isReadonlyArray()) {
    const element = type.getArrayElementType() ?? type.getTypeArguments()[0];
    if (!element) return fail(path, `array element type unknown`);
    return `z.array(${convert(element, `${path}[]`, s)})`;
  }
  if (type.isTuple()) {
    return `z.tuple([${type.getTupleElements().map((t, i) => convert(t, `${path}[${i}]`, s)).join(', ')}])`;
  }
  if (type.getCallSignatures().length > 0) return fail(path, `function types cannot be tool arguments (${short(type)})`);
  if (type.isObject() || type.isIntersection()) return object(type, path, s);
  return fail(path, `type ${short(type)} cannot be expressed as a tool ${output ? 'result' : 'argument'}`);
}

function literal(type: Type): string {
  if (type.isBooleanLiteral()) return type.getText();
  const value = type.getLiteralValue();
  return typeof value === 'string' ? str(value) : String(value);
}

function union(type: Type, path: string, s: State): string {
  const members = type.getUnionTypes();
  const nullable = members.some((t) => t.isNull());
  const rest = members.filter((t) => !t.isNull() && !t.isUndefined() && !t.isVoid());
  // `x?: T` is `T | undefined` here; the member decides optionality, elsewhere undefined is dropped.
  let expr: string;
  if (rest.length === 0) return fail(path, `${type.getText()} cannot be a tool argument on its own`);
  const bools = rest.filter((t) => t.isBooleanLiteral());
  const others = rest.filter((t) => !t.isBooleanLiteral());
  const strings = others.filter((t) => t.isStringLiteral()).map((t) => t.getLiteralValue() as string).sort();
  const numbers = others.filter((t) => t.isNumberLiteral()).map((t) => t.getLiteralValue() as number).sort((a, b) => a - b);
  const complex = others.filter((t) => !t.isStringLiteral() && !t.isNumberLiteral());
  const parts: string[] = [];
  if (bools.length === 2) parts.push('z.boolean()');
  else if (bools.length === 1) parts.push(`z.literal(${bools[0]!.getText()})`);
  if (strings.length > 0) parts.push(`z.enum([${strings.map(str).join(', ')}])`);
  if (numbers.length > 0) parts.push(numbers.length === 1 ? `z.literal(${numbers[0]})` : `z.literal([${numbers.join(', ')}])`);
  parts.push(...complex.map((t) => convert(t, path, s)));
  expr = parts.length === 1 ? parts[0]! : `z.union([${parts.join(', ')}])`;
  if (nullable) expr += '.nullable()';
  return expr;
}

/** Declarations of the type's symbol come from TypeScript's own lib files (Date, Map, …). */
function libName(type: Type): string | undefined {
  const symbol = type.getSymbol();
  if (!symbol) return undefined;
  const decls = symbol.getDeclarations();
  // Named lib types only (Date, Map, …); `Record<…>` and friends are mapped types: plain objects.
  if (!decls.some((d) => Node.isInterfaceDeclaration(d) || Node.isClassDeclaration(d))) return undefined;
  const fromLib = decls.every((d) => {
    const file = d.getSourceFile().getFilePath();
    return /\/lib\.[\w.]*\.d\.ts$/.test(file) || /\/@types\/node\//.test(file);
  });
  return fromLib ? symbol.getName() : undefined;
}

const BYTES = new Set(['Uint8Array', 'Buffer']);

function object(type: Type, path: string, s: State): string {
  const output = s.mode === 'output';
  const lib = libName(type);
  if (lib === 'Date') return output ? 'f.dateTimeOut' : 'f.dateTimeIn';
  if (lib && BYTES.has(lib) && output) return 'f.bytesOut';
  if (lib) return fail(path, `${lib} cannot be a tool ${output ? 'result' : 'argument'}: use plain objects, arrays and primitives`);
  const symbol = type.getSymbol();
  if (symbol?.getName() === 'Decimal') {
    if (output) return 'f.decimalOut';
    return fail(path, `Decimal cannot be a tool argument: take a string and build the Decimal yourself`);
  }
  if (symbol?.getDeclarations().some((d) => Node.isClassDeclaration(d) || Node.isClassExpression(d))) {
    return fail(path, `class instances (${symbol.getName()}) cannot be tool ${output ? 'results' : 'arguments'}: use a plain object type`);
  }
  if (s.stack.some((t) => t === type)) {
    if (output) return 'f.jsonOut';
    return fail(path, `recursive type ${short(type)} cannot be a tool argument`);
  }
  const inner: State = { ...s, stack: [...s.stack, type], indent: `${s.indent}  ` };
  const props = type.getProperties();
  const index = type.getStringIndexType();
  if (props.length === 0 && index) return `z.record(z.string(), ${convert(index, `${path}[key]`, inner)})`;
  const entries = props.map((p) => [p.getName(), member(p, `${path}.${p.getName()}`, inner)] as const);
  return `${output ? 'z.object' : 'z.strictObject'}(${objectLiteral(entries, s.indent)})`;
}

function member(prop: TsSymbol, path: string, s: State): string {
  const decl = prop.getValueDeclaration() ?? prop.getDeclarations()[0];
  let type: Type;
  try {
    type = prop.getTypeAtLocation(s.at);
  } catch {
    return fail(path, 'type could not be resolved');
  }
  const optional = prop.hasFlags(ts.SymbolFlags.Optional) || (type.isUnion() && type.getUnionTypes().some((t) => t.isUndefined()));
  const checker = s.at.getProject().getTypeChecker().compilerObject;
  // The member's own comment first: TS's symbol documentation prefers `@param args.x` lines.
  const own = decl && Node.isJSDocable(decl) ? decl.getJsDocs() : [];
  const tags = [...own.flatMap((d) => d.getTags().map((t) => ({ name: t.getTagName() }))), ...prop.compilerSymbol.getJsDocTags(checker)];
  let expr: string;
  try {
    expr = convert(type, path, s);
  } catch (error) {
    if (error instanceof TypeProblem && error.line === undefined && decl) {
      throw new TypeProblem(error.path, error.reason, decl.getStartLineNumber(), decl.getSourceFile().getFilePath());
    }
    throw error;
  }
  if (tags.some((t) => t.name === 'int') && type.isNumber()) expr += '.int()';
  if (optional) expr += '.optional()';
  const doc =
    own.map((d) => d.getDescription().trim()).filter(Boolean).join(' ') ||
    s.paramDocs?.get(path) ||
    ts.displayPartsToString(prop.compilerSymbol.getDocumentationComment(checker)).trim();
  if (doc) expr += `.describe(${str(doc.replace(/\s+/g, ' '))})`;
  return expr;
}

function short(type: Type): string {
  const text = type.getText(undefined, ts.TypeFormatFlags.UseAliasDefinedOutsideCurrentScope);
  return text.replace(/import\("[^"]*"\)\./g, '');
}
