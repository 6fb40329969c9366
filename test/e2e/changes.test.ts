import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { browserAvailable } from './browser';
import { launchBrowser, serveDist } from './harness';

describe.runIf(browserAvailable)('page history and /changes/ in Chromium', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveDist>>;
  beforeAll(async () => {
    browser = await launchBrowser();
    server = await serveDist(inject('distDir'));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('reaches /changes/ from the sidebar, and it fits a 375 px phone', async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 800 } });
    await page.goto(`${server.url}/sops/confirm-end-date/`);
    await page.locator('details.menu summary').click();
    await page.getByRole('link', { name: 'Recent changes' }).click();
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 5000 }).toBe('/changes/');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Recent changes');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });

  it('lets the keyboard reach "Edit this page" and "History" at the end of an SOP', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/sops/confirm-end-date/`);
    const edit = page.getByRole('link', { name: 'Edit this page' });
    await edit.focus();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Edit this page');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('History');
  });
});
