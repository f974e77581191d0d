// Drives the sign-in and consent pages in a real browser: Debian's Chromium through playwright-core
// (no browser download; CI installs the `chromium` package). Screenshots of each page, at a phone's
// size, are kept under .scratch/artifacts/<name>/.
import { existsSync, mkdirSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { repoRoot } from '../helpers/repo.js';

export const CHROMIUM = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
export const ARTIFACTS = path.join(repoRoot, '.scratch', 'artifacts');

/**
 * A native app's loopback callback (RFC 8252): a real listener on a port of its own, which the
 * server must accept for a client registered with another loopback port.
 */
export async function startCallback(): Promise<{ url: string; received: Promise<URL>; close(): Promise<void> }> {
  let resolve!: (url: URL) => void;
  const received = new Promise<URL>((r) => (resolve = r));
  const server = http.createServer((req, res) => {
    resolve(new URL(req.url ?? '/', 'http://127.0.0.1'));
    res.writeHead(200, { 'content-type': 'text/plain' }).end('back at the client');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/callback`;
  return { url, received: received.then((u) => new URL(`${url}${u.search}`)), close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }) };
}

/** Opens the authorization URL, signs in with the key, unticks `untick`, clicks Allow, and waits for the callback. */
export async function clickThrough(authorizationUrl: string, apiKey: string, callback: Promise<URL>, opts: { untick: readonly string[]; shots: string }): Promise<URL> {
  const dir = path.join(ARTIFACTS, opts.shots);
  mkdirSync(dir, { recursive: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM!,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    // A phone-sized page with JavaScript off: the pages must work without it.
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(authorizationUrl);
    await page.screenshot({ path: path.join(dir, '1-sign-in.png'), fullPage: true });
    await page.fill('input[name="api_key"]', apiKey);
    await Promise.all([page.waitForSelector('input[type="checkbox"][name="scope"]'), page.click('button[type="submit"]')]);
    await page.screenshot({ path: path.join(dir, '2-consent.png'), fullPage: true });
    for (const scope of opts.untick) await page.uncheck(`input[name="scope"][value="${scope}"]`);
    await page.screenshot({ path: path.join(dir, '3-consent-narrowed.png'), fullPage: true });
    await page.click('button[value="allow"]');
    const back = await callback;
    await page.waitForLoadState();
    await page.screenshot({ path: path.join(dir, '4-back-at-client.png'), fullPage: true });
    return back;
  } finally {
    await browser.close();
  }
}
