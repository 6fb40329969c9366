import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { launchBrowser, serveDist } from '../test/e2e/harness';

/**
 * `npm run shots`: screenshots of the main pages (light and dark, desktop and mobile) and a PDF of a
 * client page, so anyone can look at the site without starting it. Run `npm run build` first.
 */
const out = resolve(process.argv[2] ?? 'shots');
const pages = (process.env.SHOTS_PAGES ?? '/,/sops/confirm-end-date/,/emails/final-invoice/,/clients/northwind-studio/,/playbooks/early-termination/').split(',');
const viewports = { desktop: { width: 1280, height: 900 }, mobile: { width: 375, height: 800 } } as const;

await mkdir(out, { recursive: true });
const server = await serveDist(resolve('dist'));
const browser = await launchBrowser();
try {
  for (const [device, viewport] of Object.entries(viewports)) {
    for (const scheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ viewport, colorScheme: scheme });
      const page = await context.newPage();
      for (const path of pages) {
        await page.goto(server.url + path, { waitUntil: 'networkidle' });
        await page.waitForTimeout(path.startsWith('/sops/') ? 800 : 100);
        const name = path.replace(/^\/|\/$/g, '').replace(/\//g, '_') || 'home';
        await page.screenshot({ path: `${out}/${name}-${device}-${scheme}.png`, fullPage: true });
      }
      await context.close();
    }
  }
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}/clients/northwind-studio/`, { waitUntil: 'networkidle' });
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: `${out}/client-print.png`, fullPage: true });
  await page.pdf({ path: `${out}/client.pdf`, format: 'A4', printBackground: true });
  console.log(`Screenshots and client.pdf written to ${out}`);
} finally {
  await browser.close();
  await server.close();
}
