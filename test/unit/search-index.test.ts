import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AstroPrerenderer, PrerenderResult, RouteData } from 'astro';
import { createSiteIndexer, indexAsRendered, indexSite, type SiteIndexer } from '../../src/integrations/search-index';

const dirs: string[] = [];
async function site(pages: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'sendoff-index-'));
  dirs.push(dir);
  for (const [path, html] of Object.entries(pages)) {
    await mkdir(join(dir, path), { recursive: true });
    await writeFile(join(dir, path, 'index.html'), `<!doctype html><html lang="en"><body>${html}</body></html>`);
  }
  return dir;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('indexing the built site with Pagefind', () => {
  it('indexes only the pages marked for search and counts both', async () => {
    const dir = await site({
      'sops/a': '<main data-pagefind-body><h1>Send the final invoice</h1><p>Reconcile first.</p></main>',
      'clients/x': '<main><h1>Northwind Studio</h1></main>',
    });
    const result = await indexSite(dir);
    expect(result).toMatchObject({ pages: 1, seen: 2 });
    expect(result.seconds).toBeGreaterThan(0);
  });

  it('writes the words it indexed, commonest first, without ignored text or unmarked pages, for "did you mean"', async () => {
    const dir = await site({
      'sops/a': '<main data-pagefind-body><h1>Send the final invoice</h1><p>Reconcile the invoice.</p><table><tr data-pagefind-ignore="all"><td>Skipped testimonial</td></tr></table></main>',
      'clients/x': '<main><h1>Northwind Studio</h1></main>',
    });
    const result = await indexSite(dir);
    const words = JSON.parse(await readFile(join(dir, 'pagefind', 'sendoff-words.json'), 'utf8')) as string[];
    expect(words[0]).toBe('invoice');
    expect(words).toEqual(expect.arrayContaining(['send', 'final', 'reconcile']));
    expect(words).not.toContain('testimonial');
    expect(words).not.toContain('northwind');
    expect(result.words).toBe(words.length);
  });

  it('refuses a site with no page marked, rather than index client pages whole', async () => {
    const dir = await site({ 'clients/x': '<main><h1>Northwind Studio</h1></main>' });
    await expect(indexSite(dir)).rejects.toThrow(/no page in .* is marked for search \(data-pagefind-body\); refusing to index every page whole/);
  });
});

describe('indexing a build as its pages render', () => {
  const route = (pattern: string, type: 'page' | 'endpoint' = 'page') => ({ route: pattern, type }) as unknown as RouteData;
  const page = (body: string) => `<!doctype html><html lang="en"><body>${body}</body></html>`;

  it('hands each offered page to Pagefind at its URL, leaves the bytes Astro writes as they were, and skips what is not offered', async () => {
    const pages: Record<string, { html: string; status?: number; type?: 'page' | 'endpoint'; pattern: string }> = {
      '/sops/a/': { html: page('<main data-pagefind-body><h1>Send the final invoice</h1></main>'), pattern: '/sops/[id]' },
      '/sops/': { html: page('<main><h1>All SOPs</h1></main>'), pattern: '/sops' },
      '/clients/x/': { html: page('<main data-pagefind-body><h1>Northwind Studio</h1></main>'), pattern: '/clients/[id]' },
      '/old/': { html: page('<main data-pagefind-body>moved</main>'), status: 301, pattern: '/old' },
      '/clients/x/x.md': { html: '# data-pagefind-body Northwind', type: 'endpoint', pattern: '/clients/[id]/[file].md' },
    };
    const base: AstroPrerenderer = {
      name: 'astro:default',
      getStaticPaths: async () => [],
      render: async (request) => {
        const found = pages[new URL(request.url).pathname]!;
        const response = new Response(found.html, { status: found.status ?? 200, headers: { 'Content-Type': 'text/html', ...(found.status === 301 ? { Location: '/sops/' } : {}) } });
        // Astro may answer with the metadata of an incremental build beside the response.
        return found.type === 'endpoint' ? response : { response, metadata: { contentEntryKeys: ['x'], staticImages: [] } };
      },
    };
    const added: string[] = [];
    const indexer = createSiteIndexer();
    const spy: SiteIndexer = { add: (url, html) => (added.push(url), indexer.add(url, html)), seal: (dir) => indexer.seal(dir), finish: (dir) => indexer.finish(dir) };
    const rendering = indexAsRendered(base, spy, (data) => !data.route.startsWith('/clients/'));
    for (const [path, { pattern, type }] of Object.entries(pages)) {
      const result = await rendering.render(new Request(`http://localhost${path}`), { routeData: route(pattern, type) });
      const response = result instanceof Response ? result : result.response;
      // Astro writes what it gets back: the same bytes, status and headers, and the metadata kept.
      expect(await response.text()).toBe(pages[path]!.html);
      expect(response.status).toBe(pages[path]!.status ?? 200);
      if (type !== 'endpoint') expect((result as PrerenderResult).metadata?.contentEntryKeys).toEqual(['x']);
    }
    // The client page is not offered, the redirect and the export are not pages to index.
    expect(added).toEqual(['/sops/a/', '/sops/']);
    const dir = await site({ 'sops/a': '', 'sops': '', 'clients/x': '' });
    const result = await indexer.finish(dir);
    expect(result).toMatchObject({ pages: 1, seen: 3 });
    const words = JSON.parse(await readFile(join(dir, 'pagefind', 'sendoff-words.json'), 'utf8')) as string[];
    expect(words).toContain('invoice');
    expect(words).not.toContain('northwind');
  });
});

describe('writing the index while the client pages render', () => {
  const page = (title: string) => `<!doctype html><html lang="en"><body><main data-pagefind-body><h1>${title}</h1></main></body></html>`;
  const searchable = async (dir: string) => JSON.parse(await readFile(join(dir, 'pagefind', 'sendoff-words.json'), 'utf8')) as string[];

  it('writes the index when sealed, before the build is done, and finish reports that index', async () => {
    const dir = await site({ 'sops/a': '' });
    const indexer = createSiteIndexer();
    indexer.add('/sops/a/', page('Reconcile the ledger'));
    indexer.seal(dir);
    await expect.poll(() => searchable(dir).catch(() => []), { timeout: 10_000 }).toContain('ledger');
    expect(await indexer.finish(dir)).toMatchObject({ pages: 1, seen: 1 });
  });

  it('writes again at the end when a searchable page came after the seal, so no page is left out', async () => {
    const dir = await site({ 'sops/a': '', 'sops/b': '' });
    const indexer = createSiteIndexer();
    indexer.add('/sops/a/', page('Reconcile the ledger'));
    indexer.seal(dir);
    indexer.add('/sops/b/', page('Archive the mailbox'));
    expect(await indexer.finish(dir)).toMatchObject({ pages: 2 });
    expect(await searchable(dir)).toEqual(expect.arrayContaining(['ledger', 'mailbox']));
  });

  it('reports a site with no searchable page when it is done, sealed or not', async () => {
    const dir = await site({ 'clients/x': '' });
    const indexer = createSiteIndexer();
    expect(indexer.add('/clients/x/', '<main><h1>Northwind</h1></main>')).toBe(false);
    indexer.seal(dir);
    await expect(indexer.finish(dir)).rejects.toThrow(/no page in .* is marked for search/);
  });
});
