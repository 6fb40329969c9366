import { readdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateProject } from '../../src/lib/check/validate';
import { ALL_ROUTES, FIXED_PAGES, INJECTED_ROUTES, exportFilename, exportFormatOf, href, routePath, ROUTES } from '../../src/lib/routes';
import { fixtureProject } from '../fixture-project';

/** The route Astro makes of a file under src/pages/ (`sops/[...id].astro` → `/sops/[...id]`). */
function patternOfPage(file: string): string {
  const path = file.split('\\').join('/').replace(/\.(astro|md|mdx|html|ts|js)$/, '').replace(/(^|\/)index$/, '');
  return `/${path}`;
}

describe('the route table', () => {
  it('has a route for every file in src/pages/, and a file for every route that is not injected', async () => {
    const files = (await readdir(resolve('src/pages'), { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile() && !entry.name.startsWith('_'))
      .map((entry) => join(entry.parentPath, entry.name).slice(resolve('src/pages').length + 1));
    const fromFiles = files.map(patternOfPage).sort();
    const fromTable = ALL_ROUTES.filter((route) => !route.entrypoint).map((route) => route.pattern).sort();
    expect(fromFiles).toEqual(fromTable);
  });

  it('names an entrypoint that exists for every injected route', () => {
    for (const route of INJECTED_ROUTES) expect(existsSync(resolve('src', route.entrypoint)), route.pattern).toBe(true);
  });

  it('lists the fixed pages from the table: every linkable page without params', () => {
    expect(FIXED_PAGES).toEqual(['/', '/sops/', '/emails/', '/playbooks/', '/process/', '/search/', '/generate/', '/changes/', '/clients/']);
  });

  it.each([
    [href.home(), '/'],
    [href.sop('archive/close-accounts'), '/sops/archive/close-accounts/'],
    [href.item('pay#invoice'), '/sops/pay/#item-invoice'],
    [href.phase('finance'), '/sops/#phase-finance'],
    [href.email('hello'), '/emails/hello/'],
    [href.playbook('basic'), '/playbooks/basic/'],
    [href.client('acme'), '/clients/acme/'],
    [href.clientExport('acme', 'ics'), '/clients/acme/acme.ics'],
    [exportFilename('acme', 'csv'), 'acme.csv'],
    [href.search(new URLSearchParams({ q: 'invoice', phase: 'Finance' })), '/search/?q=invoice&phase=Finance'],
    [href.search(new URLSearchParams()), '/search/'],
    [href.generate('name=Acme'), '/generate/?name=Acme'],
    [routePath(ROUTES.notFound), '/404/'],
  ])('builds %s', (built, expected) => {
    expect(built).toBe(expected);
  });

  it('finds the export format from the pattern Astro gives the export entrypoint', () => {
    expect(exportFormatOf('/clients/[id]/[file].md')).toBe('md');
    expect(exportFormatOf('/clients/[id]')).toBeUndefined();
  });

  it('refuses to build a URL with a param missing', () => {
    expect(() => routePath(ROUTES.sop)).toThrow('the route /sops/[...id] needs a value for [id]');
  });
});

describe('links to the fixed pages (test/fixtures/fixed-pages)', () => {
  const linkDiagnostics = async (dir: string) =>
    (await validateProject(dir, { today: '2026-11-25', cache: false })).diagnostics.filter((d) => d.rule === 'link');

  it('accepts links to /changes/ and /process/ (once reported as broken)', async () => {
    expect(await linkDiagnostics(await fixtureProject('fixed-pages'))).toEqual([]);
  });

  it('accepts a link to every fixed page in the table, and still reports one to no page', async () => {
    const dir = await fixtureProject('fixed-pages');
    const file = join(dir, 'sops/notify.mdx');
    const links = [...FIXED_PAGES, '/no-such-page/'].map((page, index) => `- [page ${index}](${page})`);
    await writeFile(file, `${await readFile(file, 'utf8')}\n${links.join('\n')}\n`);
    const found = await linkDiagnostics(dir);
    expect(found.map((d) => d.message)).toEqual(['the link to /no-such-page/ points to no page']);
  });
});
