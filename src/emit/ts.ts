/** Small helpers for emitting TypeScript source text. All output is deterministic. */
import { moduleSpecifier, type ImportExtension } from './specifiers.js';

export interface GeneratedFile {
  /** Path relative to the output folder, with forward slashes. */
  readonly path: string;
  readonly content: string;
}

/** A string literal (single quotes, escaped). */
export function str(value: string): string {
  const quote = value.includes("'") && !value.includes('"') ? '"' : "'";
  const body = value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
  return quote + (quote === "'" ? body.replace(/'/g, "\\'") : body) + quote;
}

/** Code-point order: deterministic whatever the machine's locale (unlike localeCompare). */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function strList(values: readonly string[]): string {
  return `[${values.map(str).join(', ')}]`;
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** An object key: bare when it is a valid identifier, quoted otherwise. */
export function key(name: string): string {
  return IDENT.test(name) ? name : str(name);
}

/** A JSDoc block; empty when there is no text. Closing markers inside the text are defused. */
export function jsDoc(text: string | undefined, indent = ''): string {
  if (!text) return '';
  const lines = text.replace(/\*\//g, '*\\/').split('\n');
  if (lines.length === 1) return `${indent}/** ${lines[0]} */\n`;
  return `${indent}/**\n${lines.map((l) => `${indent} * ${l}`.trimEnd()).join('\n')}\n${indent} */\n`;
}

/** `{ a: x, b: y }` on one line, or one member per line when long. */
export function objectLiteral(entries: readonly (readonly [string, string])[], indent = ''): string {
  if (entries.length === 0) return '{}';
  const oneLine = `{ ${entries.map(([k, v]) => `${key(k)}: ${v}`).join(', ')} }`;
  if (oneLine.length + indent.length <= 100 && !oneLine.includes('\n')) return oneLine;
  const inner = `${indent}  `;
  return `{\n${entries.map(([k, v]) => `${inner}${key(k)}: ${v},`).join('\n')}\n${indent}}`;
}

/** `BlogPost` → `blogPost` (Prisma Client's property rule: lower-case the first character only). */
export function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/** Import specifier from one generated file to another (both relative to the output folder), ending in `ext`. */
export function relativeImport(from: string, to: string, ext: ImportExtension): string {
  const fromParts = from.split('/').slice(0, -1);
  const toParts = moduleSpecifier(to, ext).split('/');
  let i = 0;
  while (i < fromParts.length && i < toParts.length - 1 && fromParts[i] === toParts[i]) i++;
  const up = fromParts.length - i;
  const rest = toParts.slice(i).join('/');
  return up === 0 ? `./${rest}` : `${'../'.repeat(up)}${rest}`;
}

/** Joins declarations with a blank line between them, keeping each doc comment on its declaration. */
export function joinParts(parts: readonly string[]): string {
  let out = '';
  for (const part of parts) {
    if (!part) continue;
    out += part;
    if (!part.startsWith('/**') || !part.trimEnd().endsWith('*/')) out += '\n';
  }
  return out.replace(/\n+$/, '\n');
}
