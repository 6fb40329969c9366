import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, serveDist } from '../test/e2e/harness';

/**
 * `npm run shots [folder]`: screenshots of the main pages (light and dark, desktop and mobile) and a PDF
 * of a client page, so anyone can look at the site without starting it. Builds first when `dist/` is
 * missing. `SHOTS_PAGES=/,/sops/x/` picks other pages.
 */
const out = resolve(process.argv[2] ?? 'shots');
const dist = resolve('dist');
const DEFAULT_PAGES = [
  '/',
  '/sops/',
  '/sops/confirm-end-date/',
  '/emails/',
  '/emails/final-invoice/',
  '/playbooks/early-termination/',
  '/clients/northwind-studio/',
  '/search/?q=invoice',
  // Added by issue 4; shot only when the build has it.
  '/generate/',
];
const viewports = { desktop: { width: 1280, height: 900 }, mobile: { width: 375, height: 800 } } as const;

/** What to wait for before the shot, beyond network idle: drawn diagrams, search results. */
async function settle(page: Page, path: string) {
  if (path.startsWith('/sops/') && (await page.locator('pre.mermaid').count()) > 0) await page.locator('figure.diagram svg').first().waitFor({ timeout: 15_000 });
  if (path.startsWith('/search/')) await page.locator('main a[href*="/sops/"]').first().waitFor({ timeout: 15_000 });
  await page.waitForTimeout(150);
}

/** `/search/?q=invoice` → `search-q-invoice`; `/` → `home`. */
const fileName = (path: string) => path.replace(/^\/|\/$/g, '').replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'home';

if (!existsSync(`${dist}/index.html`)) {
  console.log('shots: no dist/ yet, building first (npm run build)');
  const build = spawnSync(process.execPath, [resolve('node_modules/astro/bin/astro.mjs'), 'build'], { stdio: 'inherit', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
/** The file a path is served from: pages this build does not have are left out. */
const builtFile = (path: string) => {
  const file = path.split('?')[0]!;
  return `${dist}${file.endsWith('/') ? `${file}index.html` : file}`;
};
const pages = (process.env.SHOTS_PAGES?.split(',') ?? DEFAULT_PAGES).filter((path) => existsSync(builtFile(path)));

await mkdir(out, { recursive: true });
const server = await serveDist(dist);
const browser = await launchBrowser();
try {
  for (const [device, viewport] of Object.entries(viewports)) {
    for (const scheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ viewport, colorScheme: scheme });
      const page = await context.newPage();
      for (const path of pages) {
        await page.goto(server.url + path, { waitUntil: 'networkidle' });
        await settle(page, path);
        await page.screenshot({ path: `${out}/${fileName(path)}-${device}-${scheme}.png`, fullPage: true });
      }
      await context.close();
    }
  }
  const client = pages.find((path) => path.startsWith('/clients/')) ?? '/clients/northwind-studio/';
  if (existsSync(builtFile(client))) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(server.url + client, { waitUntil: 'networkidle' });
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: `${out}/client-print.png`, fullPage: true });
    await page.pdf({ path: `${out}/client.pdf`, format: 'A4', printBackground: true });
    await context.close();
  } else {
    console.log('shots: this build has no client pages (SENDOFF_CLIENT_PAGES=off?), so no client.pdf');
  }
  console.log(`shots: ${pages.length} pages × 4 (light/dark, desktop/mobile) and client.pdf written to ${out}`);
} finally {
  await browser.close();
  await server.close();
}
