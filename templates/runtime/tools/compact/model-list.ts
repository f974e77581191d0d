// describe_models without `models`: one summary line per model (name, one-line doc, operations),
// in pages that stay small on any schema (a client pays for the answer in its context), with a
// search by name. A schema that fits one page is listed as it always was.
import { ToolError } from '../../core/errors.js';
import type { ModelSpec } from '../../core/spec.js';
import { summaryLine, USAGE } from './describe.js';

/**
 * A page's budget in approxTokens' units, an upper estimate: real o200k tokens run 0.5–0.65 of it
 * (test/runtime/describe-models.test.ts measures pages of 1,200–1,600 tokens), under 2,000.
 */
export const PAGE_TOKENS = 2_400;
/** A doc comment in the list is cut here; describe_models { models } shows it whole. */
const DOC_CHARS = 100;

/**
 * An upper estimate of a text's o200k tokens without a tokenizer: about 3 ASCII characters per
 * token (model names and operation lists run nearer 4.5), and 1.5 per other character (CJK and
 * emoji take one to three).
 */
export function approxTokens(text: string): number {
  let ascii = 0;
  let other = 0;
  for (const ch of text) (ch.codePointAt(0)! < 128 ? ascii++ : other++);
  return Math.ceil(ascii / 3 + other * 1.5);
}

function shortDoc(spec: ModelSpec<any>): ModelSpec<any> {
  const doc = spec.doc?.replace(/\s+/g, ' ').trim();
  if (!doc || [...doc].length <= DOC_CHARS) return spec;
  return { ...spec, doc: `${[...doc].slice(0, DOC_CHARS - 1).join('')}…` };
}

/** The pages of `lines`, each within PAGE_TOKENS together with `reserved` (header, footer, usage). */
function paginate(lines: readonly string[], reserved: number): string[][] {
  const pages: string[][] = [[]];
  let used = reserved;
  for (const line of lines) {
    const cost = approxTokens(line) + 1;
    const page = pages[pages.length - 1]!;
    if (page.length > 0 && used + cost > PAGE_TOKENS) {
      pages.push([line]);
      used = reserved + cost;
    } else {
      page.push(line);
      used += cost;
    }
  }
  return pages;
}

export interface ListOptions {
  /** Case-insensitive part of a model name. */
  readonly search?: string;
  /** 1-based. @default 1 */
  readonly page?: number;
}

/** The answer of describe_models without `models`, for the models the caller may read. */
export function modelList(specs: readonly ModelSpec<any>[], writes: (spec: ModelSpec<any>) => boolean, opts: ListOptions = {}): string {
  const search = opts.search?.trim().toLowerCase();
  const found = search ? specs.filter((s) => s.name.toLowerCase().includes(search)) : specs;
  if (found.length === 0) {
    throw new ToolError(`no model name contains "${opts.search}"; describe_models without search lists all ${specs.length}`);
  }
  const lines = found.map((s) => summaryLine(shortDoc(s), writes(s)));
  const footerRoom = approxTokens('page 99 of 99 (models 9999–9999 of 9999): describe_models { page: 99, search: "" } for the next; { search: "part of a name" } finds a model') + approxTokens(opts.search ?? '');
  const pages = paginate(lines, approxTokens(USAGE) + footerRoom + 4);
  const page = opts.page ?? 1;
  if (page > pages.length) throw new ToolError(`page ${page} does not exist: ${found.length} models fill ${pages.length} page${pages.length === 1 ? '' : 's'}`);
  const shown = pages[page - 1]!;
  const out = [...shown];
  if (pages.length > 1) {
    const first = pages.slice(0, page - 1).reduce((n, p) => n + p.length, 0) + 1;
    const next = page < pages.length ? `describe_models { page: ${page + 1}${opts.search ? `, search: ${JSON.stringify(opts.search)}` : ''} } for the next; ` : '';
    out.push('', `page ${page} of ${pages.length} (models ${first}–${first + shown.length - 1} of ${found.length}): ${next}{ search: "part of a name" } finds a model`);
  }
  return [...out, '', USAGE].join('\n');
}
