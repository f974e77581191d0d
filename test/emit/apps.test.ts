// The MCP Apps views as emitted (issue 24): single self-contained HTML files that fetch nothing,
// never write markup from data, and speak the same names as the runtime.
import { describe, expect, it } from 'vitest';
import { readViewSources } from '../../src/generate.js';
import { assembleView, VIEW_PARTS, type ViewKind } from '../../src/emit/apps.js';
import { VIEW_ROWS_TOOL as PLANNED } from '../../src/plan/types.js';
import { VIEW_META_KEY } from '../../templates/runtime/apps/meta.js';
import { VIEW_ROWS_TOOL } from '../../templates/runtime/apps/view-rows.js';
import { views } from '../golden/blog/views.js';

const kinds = Object.keys(VIEW_PARTS) as ViewKind[];

describe.each(kinds)('the %s view', (kind) => {
  it('is one self-contained file: no external script, style, image, frame or URL', async () => {
    const html = assembleView(kind, await readViewSources());
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<(link|img|iframe|object|embed)\b/i);
    expect(html).not.toMatch(/<script[^>]*\bsrc=/i);
    expect(html).not.toMatch(/@import|url\(/i);
    // The SVG namespace is a name, not a fetch.
    expect(html.replace('"http://www.w3.org/2000/svg"', '')).not.toMatch(/https?:\/\//);
    expect(html.match(/<script>/g)).toHaveLength(1);
  });

  it('never turns data into markup or code, and never sizes itself to the viewport', async () => {
    const html = assembleView(kind, await readViewSources());
    expect(html).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function|setAttribute\(\s*["']on/);
    expect(html).not.toMatch(/\d+vh\b/);
  });

  it('is small, and views.ts holds it byte for byte', async () => {
    const html = assembleView(kind, await readViewSources());
    console.log(`${kind} view: ${Buffer.byteLength(html)} bytes`);
    expect(Buffer.byteLength(html)).toBeLessThan(kind === 'table' ? 20_000 : 26_000);
    expect(views[kind]).toBe(html);
  });
});

it('the views, the runtime and the plan agree on the app-only tool and the _meta key', async () => {
  const sources = await readViewSources();
  expect(PLANNED).toBe(VIEW_ROWS_TOOL);
  expect(sources.get('table.js')).toContain(`const VIEW_ROWS = "${VIEW_ROWS_TOOL}";`);
  expect(sources.get('bridge.js')).toContain(`result._meta["${VIEW_META_KEY}"]`);
});
