/**
 * Issue 21 item 8: the README and docs/ link to each other by relative path and heading anchor;
 * every such link points at a file that exists and, with an anchor, at a heading in it (GitHub's
 * anchor rules: lowercase, punctuation dropped, spaces to hyphens). The README stays short.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { repoRoot } from '../helpers/repo.js';

const slug = (heading: string) => heading.trim().toLowerCase().replace(/[^\w\- ]/g, '').replace(/ /g, '-');
const read = (rel: string) => readFileSync(path.join(repoRoot, rel), 'utf8');
const anchors = (rel: string) => new Set(read(rel).split('\n').filter((l) => /^#+ /.test(l)).map((l) => slug(l.replace(/^#+ /, ''))));
const pages = ['README.md', ...readdirSync(path.join(repoRoot, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

it('every relative link in README.md and docs/*.md reaches an existing file and heading', () => {
  const broken: string[] = [];
  for (const page of pages) {
    for (const [, href] of read(page).matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/i.test(href!)) continue;
      const [file, anchor] = href!.split('#');
      const target = file ? path.posix.join(path.posix.dirname(page), file) : page;
      if (!existsSync(path.join(repoRoot, target))) broken.push(`${page}: ${href} (no file ${target})`);
      else if (anchor && target.endsWith('.md') && !anchors(target).has(anchor)) broken.push(`${page}: ${href} (no heading #${anchor} in ${target})`);
    }
  }
  expect(broken).toEqual([]);
});

it('the README fits on a couple of screens and links every docs page', () => {
  const readme = read('README.md');
  expect(readme.split('\n').length).toBeLessThan(250);
  for (const page of pages.filter((p) => p !== 'README.md')) expect(readme, page).toContain(`](${page})`);
});
