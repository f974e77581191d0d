/**
 * A light scan of schema text. The DMMF lacks things we need (which blocks are views,
 * `Unsupported(...)` fields, `@ignore`d parts, line numbers), so we read them from the source.
 * This is not a parser: it relies on Prisma's one-declaration-per-line layout and only runs
 * on text that Prisma has already accepted (or is about to validate).
 */

export type BlockKind = 'model' | 'view' | 'enum' | 'type' | 'datasource' | 'generator';

export interface FieldLine {
  readonly name: string;
  /** The type as written: `String?`, `Post[]`, `Unsupported("vector")?`. */
  readonly type: string;
  /** 1-based. */
  readonly line: number;
  readonly ignored: boolean;
}

export interface Block {
  readonly kind: BlockKind;
  readonly name: string;
  readonly file: string;
  /** 1-based line of the `model Name {` header. */
  readonly line: number;
  /** 1-based line of the closing `}` (or the last line if unclosed). */
  readonly endLine: number;
  /** Field (or enum value / config key) lines, in order. */
  readonly fields: readonly FieldLine[];
  /** `@@ignore` present. */
  readonly ignored: boolean;
}

const BLOCK_START = /^\s*(model|view|enum|type|datasource|generator)\s+([A-Za-z_][\w]*)\s*\{/;
const MEMBER = /^\s*([A-Za-z_][\w]*)\s+([^\s@]+(?:\([^)]*\))?[?\[\]]*)/;

/** Removes a `//` comment (including `///`) that is not inside a string literal. */
export function stripComment(line: string): string {
  let inString = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '\\' && inString) {
      i++;
    } else if (ch === '"') {
      inString = !inString;
    } else if (!inString && ch === '/' && line[i + 1] === '/') {
      return line.slice(0, i);
    }
  }
  return line;
}

export function scanBlocks(file: string, text: string): Block[] {
  const lines = text.split(/\r?\n/);
  const blocks: Block[] = [];
  let current: { kind: BlockKind; name: string; line: number; fields: FieldLine[]; ignored: boolean } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const code = stripComment(lines[i] ?? '');
    if (!current) {
      const start = BLOCK_START.exec(code);
      if (start) {
        current = { kind: start[1] as BlockKind, name: start[2]!, line: i + 1, fields: [], ignored: false };
        // A one-line block (`model A {}`) closes on the same line.
        if (code.slice(start[0].length).includes('}')) {
          blocks.push({ ...current, file, endLine: i + 1 });
          current = undefined;
        }
      }
      continue;
    }
    const trimmed = code.trim();
    if (trimmed.startsWith('}')) {
      blocks.push({ ...current, file, endLine: i + 1 });
      current = undefined;
      continue;
    }
    if (trimmed.startsWith('@@')) {
      if (/^@@ignore\b/.test(trimmed)) current.ignored = true;
      continue;
    }
    const member = MEMBER.exec(code);
    if (member) {
      const rest = code.slice(member[0].length);
      current.fields.push({
        name: member[1]!,
        type: member[2]!,
        line: i + 1,
        ignored: /(^|\s)@ignore\b/.test(rest),
      });
    } else if (current.kind === 'enum' && /^[A-Za-z_]\w*$/.test(trimmed.split(/\s/)[0] ?? '')) {
      current.fields.push({ name: trimmed.split(/\s/)[0]!, type: '', line: i + 1, ignored: false });
    }
  }
  if (current) blocks.push({ ...current, file, endLine: lines.length });
  return blocks;
}

export function isUnsupportedType(type: string): boolean {
  return type.startsWith('Unsupported(');
}
