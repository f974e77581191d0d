/**
 * Shims that let Prisma 7's parser accept schemas written for Prisma 5/6.
 * They work on copies of the text and keep every line where it was, so errors and
 * source locations still point at the user's real lines.
 */
import { scanBlocks, stripComment } from './schema-text.js';

export type SchemaFiles = readonly (readonly [string, string])[];

const URL_KEYS = ['url', 'directUrl', 'shadowDatabaseUrl'] as const;

export interface ShimResult {
  readonly files: [string, string][];
  readonly notes: string[];
}

/** Blanks `url` / `directUrl` / `shadowDatabaseUrl` lines inside `datasource` blocks. */
export function blankDatasourceUrls(files: SchemaFiles): ShimResult {
  const touched = new Set<string>();
  const keysFound = new Set<string>();
  const out = files.map(([file, text]): [string, string] => {
    const lines = text.split('\n');
    for (const block of scanBlocks(file, text)) {
      if (block.kind !== 'datasource') continue;
      for (const member of block.fields) {
        if (!(URL_KEYS as readonly string[]).includes(member.name)) continue;
        const idx = member.line - 1;
        // Keep a trailing \r so CRLF files keep their shape.
        lines[idx] = lines[idx]?.endsWith('\r') ? '\r' : '';
        touched.add(file);
        keysFound.add(member.name);
      }
    }
    return [file, lines.join('\n')];
  });
  if (touched.size === 0) return { files: out, notes: [] };
  const keys = URL_KEYS.filter((k) => keysFound.has(k)).join('/');
  return {
    files: out,
    notes: [`${[...touched].sort().join(', ')}: ignored datasource ${keys} (Prisma 7 reads connection URLs from prisma.config.ts)`],
  };
}

/**
 * Preview features Prisma rejected, read from its own error text
 * (`The preview feature "metrics" is not known. Expected one of: ...`).
 */
export function unknownPreviewFeatures(prismaMessage: string): string[] {
  const names = new Set<string>();
  for (const m of prismaMessage.matchAll(/preview feature "([^"]+)" is not known/g)) names.add(m[1]!);
  return [...names].sort();
}

/** Removes the given names from every generator's `previewFeatures = [...]`. */
export function dropPreviewFeatures(files: SchemaFiles, drop: readonly string[]): ShimResult {
  const touched = new Set<string>();
  const out = files.map(([file, text]): [string, string] => {
    const lines = text.split('\n');
    for (const block of scanBlocks(file, text)) {
      if (block.kind !== 'generator') continue;
      const member = block.fields.find((f) => f.name === 'previewFeatures');
      if (!member) continue;
      const rewritten = rewriteArray(lines, member.line - 1, block.endLine - 1, drop);
      if (rewritten) touched.add(file);
    }
    return [file, lines.join('\n')];
  });
  if (touched.size === 0) return { files: out, notes: [] };
  const list = drop.map((d) => `"${d}"`).join(', ');
  return {
    files: out,
    notes: [`${[...touched].sort().join(', ')}: ignored preview feature${drop.length > 1 ? 's' : ''} ${list} (unknown to Prisma 7)`],
  };
}

/**
 * Rewrites the array that starts on `first` (it may span lines up to `last`) in place,
 * padding with empty lines so that the line count does not change.
 */
function rewriteArray(lines: string[], first: number, last: number, drop: readonly string[]): boolean {
  let end = first;
  while (end <= last && !stripComment(lines[end] ?? '').includes(']')) end++;
  if (end > last) return false;
  const original = lines.slice(first, end + 1).join('\n');
  const open = original.indexOf('[');
  const close = original.indexOf(']', open);
  if (open < 0 || close < 0) return false;
  const names = [...original.slice(open, close).matchAll(/"([^"]*)"/g)].map((m) => m[1]!);
  const kept = names.filter((n) => !drop.includes(n));
  if (kept.length === names.length) return false;
  const head = original.slice(0, open).replace(/\r?\n/g, " ");
  const tail = original.slice(close + 1).split('\n').pop() ?? '';
  const replacement = `${head}[${kept.map((n) => `"${n}"`).join(', ')}]${tail}`;
  lines.splice(first, end - first + 1, replacement, ...Array<string>(end - first).fill(''));
  return true;
}
