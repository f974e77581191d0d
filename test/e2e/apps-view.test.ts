/**
 * Issue 24: the MCP Apps views rendered in real Chromium. The clinic project is generated as a user
 * would (apps on by default), its server runs for real, Ann calls its tools with the SDK v2 client,
 * and a test host (test/e2e/apps/host.ts: the ext-apps AppBridge over postMessage) hands each result
 * to the view and forwards the view's tools/call back to the server. Screenshots of the real
 * rendering go to docs/ when MCPGEN_SCREENSHOTS=1.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/client';
import type { Browser } from 'playwright-core';
import { connectClientV2 } from '../helpers/client.js';
import { testDatabases } from '../helpers/databases.js';
import { createClinicProject, type ClinicProject } from './scoping/project.js';
import { bearer } from './scoping/rpc.js';
import { REPO } from './cli.js';
import { launchChromium, openHost, type ViewHost } from './apps/host.js';

const sqlite = testDatabases.find((d) => d.provider === 'sqlite')!;
const XSS = '<img src=x onerror="window.__xss=1">';
const shots = process.env['MCPGEN_SCREENSHOTS'] === '1';

let p: ClinicProject;
let ann: Client;
let browser: Browser;
let views: { table: string; chart: string };
const hosts: ViewHost[] = [];

type Result = { structuredContent?: any; content?: any[]; isError?: boolean; _meta?: any };
const call = async (name: string, args: Record<string, unknown>) => (await ann.callTool({ name, arguments: args })) as Result;

beforeAll(async () => {
  p = await createClinicProject(sqlite, 'full');
  const key = await p.createKey('ann@example.com', ['--scopes', 'read,write']);
  ann = await connectClientV2(p.server.url, { protocol: '2026-07-28', headers: bearer(key.key) });
  expect((await call('create_note', { data: { title: XSS, body: 'x' } })).isError).toBeFalsy();
  ({ views } = await import(pathToFileURL(path.join(p.dir, 'src/mcp/generated/views.ts')).href));
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  for (const h of hosts) await h.close().catch(() => {});
  await browser?.close();
  await ann?.close();
  await p?.close();
});

async function host(opts: Parameters<typeof openHost>[2] = {}) {
  const h = await openHost(browser, ann, opts);
  hosts.push(h);
  return h;
}

const cellTexts = (h: ViewHost, column: number) => h.frame().locator(`tbody tr td:nth-child(${column})`).allTextContents();
const headers = (h: ViewHost) => h.frame().locator('thead th').allTextContents();

async function shot(h: ViewHost, name: string) {
  if (!shots) return;
  await h.page.locator('#view').screenshot({ path: path.join(REPO, 'docs', name) });
}

describe('table view', () => {
  it('shows the caller\'s rows from a real list_patients call, typed columns, and reports its size', async () => {
    const input = {};
    const result = await call('list_patients', input);
    const own = result.structuredContent.items as { id: number; name: string }[];
    expect(own.length).toBe(2);
    const h = await host();
    const started = performance.now();
    await h.show(views.table, input, result);
    await h.frame().locator('tbody tr').nth(1).waitFor();
    const renderMs = performance.now() - started;
    // Inside the frame: from its time origin (the srcdoc load) to the rows on screen, handshake included.
    const inFrame = await h.frame().evaluate(() => performance.now());
    console.log(`table view: ${views.table.length} chars; rows shown ${inFrame.toFixed(0)} ms after the frame loaded (${renderMs.toFixed(0)} ms with the test's relay)`);
    expect(await h.frame().locator('tbody tr').count()).toBe(2);
    const cols = (await headers(h)).map((t) => t.replace(/ [▲▼]$/, ''));
    expect(cols.slice(0, 4)).toEqual(['id', 'clinicId', 'name', 'dateOfBirth']);
    expect(await cellTexts(h, 3)).toEqual(own.map((r) => r.name));
    // Dates are formatted (midnight UTC: the date alone), not shown as ISO strings.
    expect(await cellTexts(h, 4)).toEqual(['Jan 15, 1980', 'Jan 15, 1981']);
    // The view reported its size, and it is not the 100vh of an unbounded frame.
    await expect.poll(() => h.sizes.length).toBeGreaterThan(0);
    expect(h.sizes.at(-1)!.height).toBeLessThan(400);
  });

  it('a header click and the paging buttons call the app-only tool and show the new order and the next page', async () => {
    const input = { take: 2 };
    const h = await host();
    await h.show(views.table, input, await call('list_patients', input));
    await h.frame().locator('tbody tr').nth(1).waitFor();

    await h.frame().locator('thead th', { hasText: /^name/ }).click();
    await expect.poll(() => h.calls.length).toBe(1);
    expect(h.calls[0]).toEqual({ name: 'view_rows', arguments: { tool: 'list_patients', arguments: { take: 2, orderBy: [{ name: 'asc' }] } } });
    const sorted = (await call('list_patients', { take: 10, orderBy: [{ name: 'asc' }] })).structuredContent.items.map((r: any) => r.name);
    expect(sorted).toEqual(['Hal Shared', 'Ned North', 'Nia North', 'Nora North']);
    await expect.poll(() => cellTexts(h, 3)).toEqual(sorted.slice(0, 2));
    await shot(h, 'apps-table.png');

    await h.frame().locator('button', { hasText: 'Next' }).click();
    await expect.poll(() => h.calls.length).toBe(2);
    const next = h.calls[1]!.arguments as { tool: string; arguments: { cursor?: string; orderBy?: unknown } };
    expect(next.tool).toBe('list_patients');
    expect(next.arguments.orderBy).toEqual([{ name: 'asc' }]);
    expect(typeof next.arguments.cursor).toBe('string');
    await expect.poll(() => cellTexts(h, 3)).toEqual(sorted.slice(2, 4));

    await h.frame().locator('thead th', { hasText: /^name/ }).click();
    await expect.poll(() => cellTexts(h, 3)).toEqual([...sorted].reverse().slice(0, 2));
    expect((h.calls[2]!.arguments as any).arguments).toEqual({ take: 2, orderBy: [{ name: 'desc' }] });
  });

  it('hides a column the person unticks', async () => {
    const h = await host();
    await h.show(views.table, {}, await call('list_patients', {}));
    await h.frame().locator('summary', { hasText: 'Columns' }).click();
    await h.frame().locator('label', { hasText: 'dateOfBirth' }).locator('input').uncheck();
    expect((await headers(h)).map((t) => t.trim())).not.toContain('dateOfBirth');
    expect(await h.frame().locator('thead th').count()).toBe(3);
  });

  it('shows a cell holding <img src=x onerror=…> as text', async () => {
    const input = { where: { title: { startsWith: '<img' } } };
    const h = await host();
    await h.show(views.table, input, await call('list_notes', input));
    await h.frame().locator('tbody tr').first().waitFor();
    expect(await h.frame().locator('tbody td', { hasText: XSS }).count()).toBe(1);
    expect(await h.frame().locator('img').count()).toBe(0);
    expect(await h.frame().evaluate(() => (window as any).__xss)).toBeUndefined();
  });
});

describe('chart view', () => {
  it('draws one bar per group of a real groupBy', async () => {
    const input = { by: ['clinicId'], _count: ['_all'] };
    const result = await call('aggregate_patients', input);
    const groups = result.structuredContent.groups as { clinicId: number; _count: { _all: number } }[];
    expect(groups.map((g) => [g.clinicId, g._count._all])).toEqual([[1, 3], [3, 1]]);
    const h = await host();
    const started = performance.now();
    await h.show(views.chart, input, result);
    await h.frame().locator('svg rect.b').nth(1).waitFor();
    const inFrame = await h.frame().evaluate(() => performance.now());
    console.log(`chart view: ${views.chart.length} chars; bars shown ${inFrame.toFixed(0)} ms after the frame loaded (${(performance.now() - started).toFixed(0)} ms with the test's relay)`);
    expect(await h.frame().locator('.bar .grow').textContent()).toBe('2 groups by clinicId · Patient');
    expect(await h.frame().locator('svg rect.b').count()).toBe(2);
    const widths = await h.frame().locator('svg rect.b').evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('width'))));
    expect(widths[0]).toBeGreaterThan(widths[1]! * 2.5);
    expect(await h.frame().locator('svg text.value').allTextContents()).toEqual(['3', '1']);
    await shot(h, 'apps-chart.png');
  });

  it('shows a count as a figure card', async () => {
    const h = await host();
    await h.show(views.chart, {}, await call('count_patients', {}));
    await expect.poll(() => h.frame().locator('.card .v').allTextContents()).toEqual(['4']);
  });

  it('follows the host theme: dark, with the host\'s variables; relations show as labels and counts', async () => {
    const input = { take: 4, orderBy: [{ name: 'asc' }], include: ['clinic', 'visits'] };
    const h = await host({ theme: 'dark', variables: { '--color-background-info': '#a855f7' } });
    await h.show(views.table, input, await call('list_patients', input));
    await h.frame().locator('tbody tr').nth(3).waitFor();
    expect(await cellTexts(h, 5)).toEqual(['Shared', 'North', 'North', 'North']);
    expect(await cellTexts(h, 6)).toEqual(['1 row', '1 row', '1 row', '1 row']);
    const bg = await h.frame().evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).toBe('rgb(24, 24, 27)');
    await shot(h, 'apps-table-dark.png');
    const chart = await host({ theme: 'dark', variables: { '--color-background-info': '#a855f7' } });
    const agg = { by: ['clinicId'], _count: ['_all'] };
    await chart.show(views.chart, agg, await call('aggregate_patients', agg));
    await chart.frame().locator('svg rect.b').first().waitFor();
    expect(await chart.frame().locator('svg rect.b').first().evaluate((r) => getComputedStyle(r).fill)).toBe('rgb(168, 85, 247)');
  });
});
