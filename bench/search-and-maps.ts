import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchBrowser, serveDist } from '../test/e2e/harness';
import { scrollThrough } from './measure';
import { indexSite } from '../src/integrations/search-index';

/**
 * `npx tsx bench/search-and-maps.ts [dist]` after `npm run build`: what search and diagrams cost.
 * - JavaScript each kind of page fetches (gzip), from Chromium's network log: an email page has no
 *   diagram, an SOP page has two (its generated map, opened as a reader would, and an authored one), a
 *   playbook page its phase maps.
 * - The Pagefind index: its size on disk, and the time to index the built site again.
 * - The first results for queries a team member would type, through the search dialog itself.
 */
const dist = resolve(process.argv[2] ?? 'dist');
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

async function folderSize(dir: string): Promise<{ bytes: number; files: number }> {
  let bytes = 0;
  let files = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    bytes += (await stat(join(entry.parentPath, entry.name))).size;
    files += 1;
  }
  return { bytes, files };
}

const server = await serveDist(dist);
const browser = await launchBrowser();
try {
  console.log('JavaScript fetched on load (gzip); diagram code = what the email page does not fetch:');
  let baseline: Set<string> | undefined;
  for (const [label, path] of [
    ['email page (no diagram)', '/emails/final-invoice/'],
    ['SOP page (map + diagram)', '/sops/collect-final-payment/'],
    ['playbook page (phase maps)', '/playbooks/standard-retainer/'],
  ] as const) {
    const page = await browser.newPage();
    const scripts = new Map<string, number>();
    page.on('response', async (response) => {
      if (response.request().resourceType() !== 'script') return;
      const body = await response.body().catch(() => Buffer.alloc(0));
      scripts.set(response.url(), gzipSync(body).length);
    });
    await page.goto(server.url + path, { waitUntil: 'networkidle' });
    // An SOP's map starts closed: open it, as a reader who wants it does.
    const closedMap = page.locator('details.map-disclosure:not([open]) > summary');
    if ((await closedMap.count()) > 0) await closedMap.click();
    await scrollThrough(page);
    await page.waitForFunction(() => [...document.querySelectorAll('[data-diagram-canvas]')].every((c) => c.querySelector('svg')), null, { timeout: 60_000 });
    const total = [...scripts.values()].reduce((sum, size) => sum + size, 0);
    baseline ??= new Set(scripts.keys());
    const diagram = [...scripts].filter(([url]) => !baseline!.has(url) || /mermaid|flowDiagram|dagre|ProcessMap/.test(url));
    const diagramBytes = diagram.reduce((sum, [, size]) => sum + size, 0);
    console.log(`  ${label.padEnd(28)} ${String(scripts.size).padStart(3)} files ${kb(total).padStart(9)}; diagram code ${kb(diagramBytes)} in ${diagram.length} files`);
    await page.close();
  }

  const index = await folderSize(join(dist, 'pagefind'));
  const copy = resolve('test-results/bench-dist');
  await import('node:fs/promises').then(({ cp, rm }) => rm(copy, { recursive: true, force: true }).then(() => cp(dist, copy, { recursive: true })));
  await import('node:fs/promises').then(({ rm }) => rm(join(copy, 'pagefind'), { recursive: true, force: true }));
  const timing = await indexSite(copy);
  const entry = JSON.parse(await readFile(join(dist, 'pagefind/pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
  const indexed = Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0);
  const indexOnly = await folderSize(join(dist, 'pagefind/index'));
  const fragments = await folderSize(join(dist, 'pagefind/fragment'));
  console.log(`\nPagefind: ${indexed} of ${timing.seen} pages indexed in ${timing.seconds.toFixed(2)} s; dist/pagefind ${kb(index.bytes)} in ${index.files} files (index ${kb(indexOnly.bytes)}, fragments ${kb(fragments.bytes)}, the rest is Pagefind's UI and wasm)`);

  console.log('\nFirst result in the search dialog:');
  const page = await browser.newPage();
  const fetched = new Map<string, number>();
  page.on('response', async (response) => {
    if (!response.url().includes('/pagefind/')) return;
    fetched.set(response.url(), (await response.body().catch(() => Buffer.alloc(0))).length);
  });
  await page.goto(`${server.url}/sops/confirm-end-date/`);
  await page.keyboard.press('Control+K');
  await page.locator('dialog.pf-modal[open] input').waitFor();
  for (const query of ['invoice', 'testimonial', 'archive', 'domain', 'gift', 'payment reminder', 'access']) {
    await page.locator('dialog.pf-modal input').fill(query);
    await page.waitForTimeout(400);
    await page.locator('pagefind-modal .pf-result a.pf-result-link').first().waitFor();
    const first = await page.locator('pagefind-modal .pf-result').first().evaluate((result) => ({
      title: result.querySelector('.pf-result-link')?.textContent ?? '',
      href: result.querySelector('.pf-result-link')?.getAttribute('href') ?? '',
      type: result.querySelector('.search-result-type')?.textContent ?? '',
    }));
    const count = await page.locator('pagefind-modal .pf-result').count();
    console.log(`  ${JSON.stringify(query).padEnd(20)} → ${first.type}: ${first.title} (${first.href}); ${count} results`);
  }
  const searchBytes = [...fetched.values()].reduce((sum, size) => sum + size, 0);
  console.log(`\nSearch downloads for those queries: ${kb(searchBytes)} (uncompressed) in ${fetched.size} files, fetched only once someone searches.`);
} finally {
  await browser.close();
  await server.close();
}
