import { describe, expect } from 'vitest';
import { browserAvailable, test } from './fixtures';

describe.runIf(browserAvailable)('page history and /changes/ in Chromium', () => {
  test('reaches /changes/ from the sidebar, and it fits a 375 px phone', async ({ newPage }) => {
    const page = await newPage({ viewport: { width: 375, height: 800 } });
    await page.goto('/sops/confirm-end-date/');
    await page.locator('details.menu summary').click();
    await page.getByRole('link', { name: 'Recent changes' }).click();
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 5000 }).toBe('/changes/');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Recent changes');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });

  test('lets the keyboard reach "Edit this page" and "History" at the end of an SOP', async ({ page }) => {
    await page.goto('/sops/confirm-end-date/');
    const edit = page.getByRole('link', { name: 'Edit this page' });
    await edit.focus();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Edit this page');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('History');
  });
});
