/** Turns zod issues into `file: key.path: problem, got X` lines. */
import type { z } from 'zod';

type Path = readonly PropertyKey[];

export function formatPath(path: Path): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

function valueAt(root: unknown, path: Path): unknown {
  let v = root;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'function') return 'a function';
  if (Array.isArray(v)) return 'an array';
  if (v !== null && typeof v === 'object') return 'an object';
  return String(v);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function formatOne(issue: z.core.$ZodIssue, base: Path, raw: unknown, out: string[]): void {
  const path = [...base, ...issue.path];
  const where = (p: Path) => formatPath(p) || '(default export)';
  switch (issue.code) {
    case 'unrecognized_keys':
      // The message holds one `<key>: …` line per unknown key (see `strict` in schema.ts).
      for (const line of issue.message.split('\n')) {
        const sep = line.indexOf(': ');
        out.push(`${where([...path, line.slice(0, sep)])}: ${line.slice(sep + 2)}`);
      }
      return;
    case 'invalid_key': {
      const key = path[path.length - 1];
      const inner = issue.issues[0]?.message ?? issue.message;
      out.push(`${where(path)}: ${inner}, got ${JSON.stringify(String(key))}`);
      return;
    }
    case 'invalid_union': {
      // An object that almost matched the object branch: report that branch's problems.
      const value = valueAt(raw, path);
      const objectBranch = issue.errors[issue.errors.length - 1];
      if (isPlainObject(value) && objectBranch !== undefined) {
        for (const inner of objectBranch) formatOne(inner, path, raw, out);
        return;
      }
      break;
    }
  }
  const value = valueAt(raw, path);
  if (value === undefined) out.push(`${where(path)}: required: ${issue.message}`);
  else if (issue.code === 'custom') out.push(`${where(path)}: ${issue.message}`);
  else out.push(`${where(path)}: ${issue.message}, got ${describeValue(value)}`);
}

export function formatIssues(issues: readonly z.core.$ZodIssue[], raw: unknown, file: string): string[] {
  const out: string[] = [];
  for (const issue of issues) formatOne(issue, [], raw, out);
  return out.map((line) => `${file}: ${line}`);
}
