import { inject, test as base } from 'vitest';
import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { CHROMIUM, hasChromium, launchBrowser, serveDist } from './harness';

/**
 * Browser tests run when Chromium is installed. CI sets SENDOFF_REQUIRE_BROWSER=1 so a missing browser
 * fails the run instead of silently skipping it; elsewhere a missing browser skips them, loudly.
 */
export const browserAvailable = hasChromium();
if (!browserAvailable) {
  if (process.env.SENDOFF_REQUIRE_BROWSER === '1') {
    throw new Error(`SENDOFF_REQUIRE_BROWSER=1 but ${CHROMIUM} is missing: apt-get install -y chromium`);
  }
  console.warn(`\n!!! Browser tests SKIPPED: ${CHROMIUM} not found. Install it with \`apt-get install -y chromium\` (or run .ci/run).\n`);
}

/**
 * The `test` of every browser test: Vitest fixtures, each set up the first time a test asks for it
 * and closed after its scope, also when the test fails.
 *
 * - `siteDir` (per file): the built site to serve; the starter build from global setup. A file that
 *   builds its own site replaces it with `test.override('siteDir', { scope: 'file' }, …)`.
 * - `baseUrl` (per file): `siteDir` served on 127.0.0.1, as a static host would.
 * - `browser` (per worker, and Vitest gives each test file its own): Chromium, launched once.
 * - `newContext(options)`: a fresh context (its own storage and permissions) in which relative URLs
 *   (`page.goto('/sops/…/')`) resolve against `baseUrl`; `newPage(options)`: a page in one.
 * - `page`: a page in a fresh context with default options.
 *
 * Every context a test opened is closed after it.
 */
export const test = base
  .extend('siteDir', { scope: 'file' }, (): string => inject('distDir'))
  .extend('baseUrl', { scope: 'file' }, async ({ siteDir }, { onCleanup }) => {
    const server = await serveDist(siteDir);
    onCleanup(() => server.close());
    return server.url;
  })
  .extend('browser', { scope: 'worker' }, async ({}, { onCleanup }) => {
    const browser = await launchBrowser();
    onCleanup(() => browser.close());
    return browser;
  })
  .extend('newContext', ({ browser, baseUrl }, { onCleanup }) => {
    const contexts: BrowserContext[] = [];
    onCleanup(async () => {
      await Promise.all(contexts.map((context) => context.close()));
    });
    return async (options: BrowserContextOptions = {}): Promise<BrowserContext> => {
      const context = await browser.newContext({ baseURL: baseUrl, ...options });
      contexts.push(context);
      return context;
    };
  })
  .extend('newPage', ({ newContext }) => async (options?: BrowserContextOptions): Promise<Page> => (await newContext(options)).newPage())
  .extend('page', ({ newPage }) => newPage());

/** Opens an SOP page's process map the way a reader does, by clicking its summary, unless it is open already. */
export async function openSopMap(page: Page): Promise<void> {
  const closed = page.locator('details.map-disclosure:not([open]) > summary');
  if ((await closed.count()) > 0) await closed.click();
}

/**
 * Diagrams are drawn (and mermaid fetched) only when they come within a screen of the viewport, and an
 * SOP's map only once its disclosure is open: opens it and scrolls to each diagram of the page, as a
 * reader would, so they all get drawn.
 */
export async function scrollToDiagrams(page: Page): Promise<void> {
  await openSopMap(page);
  for (const diagram of await page.locator('.map-part, figure.diagram').all()) await diagram.scrollIntoViewIfNeeded();
}
