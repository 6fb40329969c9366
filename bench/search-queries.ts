import { resolve } from 'node:path';
import { launchBrowser, serveDist } from '../test/e2e/harness';

/**
 * `npx tsx bench/search-queries.ts [dist]` after a build: the top five results of the search dialog for
 * the team's everyday queries, and how many results a 1280×800 dialog shows without scrolling.
 */
const dist = resolve(process.argv[2] ?? 'dist');
const QUERIES = ['keys', 'logins', 'passwords', 'testimonial', 'archive client files', 'delete data', 'gift', 'invioce', 'invoice', 'payment reminder', 'access', 'domain'];

const server = await serveDist(dist);
const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${server.url}/sops/confirm-end-date/`);
  await page.keyboard.press('Control+K');
  await page.locator('dialog.pf-modal[open] input').waitFor();
  for (const query of QUERIES) {
    await page.locator('dialog.pf-modal input').fill(query);
    await page.waitForFunction((q) => {
      const results = [...document.querySelectorAll('pagefind-modal .pf-result')];
      // Pagefind loads results as they scroll into view: the first five are what the bench reads.
      const loaded = results.length > 0 && results.slice(0, 5).every((result) => result.querySelector('a.pf-result-link[href]'));
      return (document.querySelector('pagefind-modal pagefind-summary')?.textContent ?? '').includes(q) && loaded;
    }, query);
    await page.waitForTimeout(300);
    const rows = await page.locator('pagefind-modal .pf-result').evaluateAll((results) =>
      results.map((result) => {
        const link = result.querySelector<HTMLAnchorElement>('.pf-result-link');
        const meta = result.querySelector('.search-result-meta')?.textContent ?? '';
        return `${new URL(link?.href ?? location.href).pathname} [${meta.split(' · ')[0]}${/playbook/i.test(meta) && !/^Playbook/.test(meta) ? '; ' + meta.replace(/.*·\s*/, '') : ''}]`;
      }),
    );
    const suggestion = (await page.locator('pagefind-modal [data-search-suggest]').textContent().catch(() => ''))?.trim();
    console.log(`${JSON.stringify(query)}: ${rows.length} results${suggestion ? ` — ${suggestion}` : ''}`);
    for (const [i, row] of rows.slice(0, 5).entries()) console.log(`   ${i + 1}. ${row}`);
    if (query === 'access') {
      const visible = await page.evaluate(() => {
        const box = document.querySelector('pagefind-modal-body')!.getBoundingClientRect();
        const bottom = Math.min(box.bottom, innerHeight);
        return [...document.querySelectorAll('pagefind-modal .pf-result')].filter((r) => r.getBoundingClientRect().bottom <= bottom).length;
      });
      const chips = await page.locator('pagefind-modal [data-search-chips]').boundingBox();
      console.log(`   (1280×800: ${visible} results fully visible; chips ${chips?.height.toFixed(0)} px tall)`);
      await page.screenshot({ path: process.env.SHOT ?? '/tmp/search-work/dialog.png' });
    }
  }
} finally {
  await browser.close();
  await server.close();
}
