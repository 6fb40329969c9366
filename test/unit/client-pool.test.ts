import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EXPORT_FORMAT_IDS } from '../../src/lib/exports/formats';
import { href } from '../../src/lib/routes';
import type { AstroIntegrationLogger, AstroPrerenderer, RouteData } from 'astro';
import { spliceClientPages, startClientPool, type RunningPool } from '../../src/integrations/client-pool';
import { clientPagesLast } from '../../src/integrations/render-order';
import { CLIENT_ARTIFACT_NAMES, renderClientArtifacts } from '../../src/lib/run/client-artifacts';
import { siteToday } from '../../src/site/options';
import { clientPool } from '../../src/site/client-pool-channel';
import { fixtureProject } from '../fixture-project';
import { loadFixtureLibrary } from './helpers/fixture-library';
import { loadContent } from '../../src/lib/content/load';

/**
 * The build's client-page worker: client pages and exports rendered on another core must be exactly
 * what the page would have rendered itself, and a client nobody has started goes to its page.
 */
const messages: string[] = [];
const logger = { info: (m: string) => messages.push(m), warn: (m: string) => messages.push(`warn: ${m}`) } as unknown as AstroIntegrationLogger;
let running: RunningPool | undefined;
/** The site folders tests gave a pool (exports are written there), removed after each test. */
const sites: string[] = [];
const siteDir = () => {
  const site = mkdtempSync(join(tmpdir(), 'sendoff-site-'));
  sites.push(site);
  return site;
};
afterEach(() => {
  running?.stop();
  running = undefined;
  messages.length = 0;
  for (const site of sites.splice(0)) rmSync(site, { recursive: true, force: true });
});

describe('client pages rendered by the build worker', () => {
  it('hands every page and export over exactly as the route renders them, and says how many it did', async () => {
    const library = await loadFixtureLibrary('runs');
    running = await startClientPool(await fixtureProject('runs'), siteDir(), logger);
    const pool = clientPool()!;
    expect(pool).toBeDefined();
    const { byWorker } = await running.finished;
    expect(byWorker).toBe(library.clients.length);
    for (const client of library.clients) {
      const files = await pool.claim(client.id);
      expect(files, client.id).not.toBeNull();
      const inline = renderClientArtifacts(library, client.id, siteToday(library));
      // A calendar's DTSTAMP is the time it was written: the second may differ between the two threads.
      const stamped = (text: string) => text.replace(/^DTSTAMP:\d{8}T\d{6}Z$/gm, 'DTSTAMP:…');
      for (const name of CLIENT_ARTIFACT_NAMES) {
        expect(stamped(await files!.read(name)), `${client.id} ${name}`).toBe(stamped(inline[name]));
        // What an export route sends as bytes is that text in UTF-8 (names with accents included).
        expect(stamped(new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(await files!.bytes(name))), `${client.id} ${name} bytes`).toBe(stamped(inline[name]));
      }
    }
    running.stop();
    running = undefined;
    expect(clientPool()).toBeUndefined();
    expect(messages.join('\n')).toContain(`${library.clients.length} of ${library.clients.length} clients rendered by the worker`);
    // A worker that ends because every client is taken has not failed.
    expect(messages.filter((message) => message.startsWith('warn'))).toEqual([]);
  });

  it('puts the page HTML the worker wrote, byte for byte, where the page showed its placeholder', async () => {
    const library = await loadFixtureLibrary('runs');
    running = await startClientPool(await fixtureProject('runs'), siteDir(), logger);
    const pool = clientPool()!;
    await running.finished;
    const encode = (text: string) => new TextEncoder().encode(text);
    for (const client of library.clients) {
      const files = (await pool.claim(client.id))!;
      const page = encode(`<!DOCTYPE html><title>${client.name} – café</title><main>${files.placeholder()}</main><footer>ß</footer>`);
      const spliced = await running.splice(page);
      const inline = renderClientArtifacts(library, client.id, siteToday(library));
      expect(new TextDecoder().decode(spliced!), client.id).toBe(`<!DOCTYPE html><title>${client.name} – café</title><main>${inline.page}</main><footer>ß</footer>`);
    }
    // A page that rendered its client itself has no placeholder: it is written as it is.
    expect(await running.splice(encode('<main>rendered here</main>'))).toBeNull();
    // A placeholder comment this build did not hand out (an old page, a forgery) fails the page.
    const [first] = library.clients;
    const real = (await pool.claim(first!.id))!.placeholder();
    await expect(running.splice(encode(real.replace(/ \d+-->$/, ' 999-->')))).rejects.toThrow(/placeholder this build did not hand out/);
    // Each placeholder is good for one page.
    expect(await running.splice(encode(real))).not.toBeNull();
    await expect(running.splice(encode(real))).rejects.toThrow(/did not hand out/);
  });

  it('writes client pages with the HTML in place, and leaves every other page as Astro rendered it', async () => {
    const library = await loadFixtureLibrary('runs');
    running = await startClientPool(await fixtureProject('runs'), siteDir(), logger);
    await running.finished;
    const [first] = library.clients;
    const placeholder = (await clientPool()!.claim(first!.id))!.placeholder();
    const html = `<main>${placeholder}</main>`;
    const base: AstroPrerenderer = {
      name: 'astro:default',
      getStaticPaths: async () => [],
      render: async () => new Response(html, { headers: { 'Content-Type': 'text/html', 'Content-Length': String(html.length) } }),
    };
    const spliced = spliceClientPages(base, () => running);
    const route = (pattern: string) => ({ route: pattern, type: 'page' }) as unknown as RouteData;
    const page = (await spliced.render(new Request('http://x/'), { routeData: route('/clients/[id]') })) as Response;
    const body = await page.text();
    expect(body).toBe(`<main>${renderClientArtifacts(library, first!.id, siteToday(library)).page}</main>`);
    expect(Number(page.headers.get('Content-Length'))).toBe(new TextEncoder().encode(body).byteLength);
    // Another route, even one showing the same comment, is not touched.
    expect(await ((await spliced.render(new Request('http://x/'), { routeData: route('/sops/[id]') })) as Response).text()).toBe(html);
  });

  it('writes the exports straight into the site at their URLs, whoever renders the client, and Astro is not asked for them', async () => {
    const library = await loadFixtureLibrary('runs');
    const site = mkdtempSync(join(tmpdir(), 'sendoff-site-'));
    try {
      running = await startClientPool(await fixtureProject('runs'), site, logger);
      const pool = clientPool()!;
      const [first, ...rest] = library.clients;
      // The first client is the page's (asked before the worker is ready); the worker does the rest.
      expect(await pool.claim(first!.id)).toBeNull();
      await pool.store(first!.id, renderClientArtifacts(library, first!.id, siteToday(library)));
      expect(await running.finished).toEqual({ byWorker: rest.length });
      const stamped = (text: string) => text.replace(/^DTSTAMP:\d{8}T\d{6}Z$/gm, 'DTSTAMP:…');
      for (const client of library.clients) {
        const inline = renderClientArtifacts(library, client.id, siteToday(library));
        for (const format of EXPORT_FORMAT_IDS) {
          const file = join(site, href.clientExport(client.id, format));
          expect(stamped(readFileSync(file, 'utf8')), `${client.id} ${format}`).toBe(stamped(inline[format]));
          // Served as any file of the site; only the page HTML, kept outside it, is this user's only.
          expect(statSync(file).mode & 0o044, file).toBe(0o044);
        }
      }
      const route = (pattern: string) => ({ route: pattern, type: 'page' }) as unknown as RouteData;
      const paths = ['/sops/[id]', '/clients/[id]', '/clients/[id]/[file].md', '/clients/[id]/[file].ics'].map((pattern) => ({ pathname: pattern, route: route(pattern) }));
      const base: AstroPrerenderer = { name: 'astro:default', getStaticPaths: async () => paths, render: async () => new Response('page') };
      expect((await spliceClientPages(base, () => running).getStaticPaths()).map((path) => path.pathname)).toEqual(['/sops/[id]', '/clients/[id]']);
      // No pool (the worker could not start): the export routes render as on the dev server.
      expect(await spliceClientPages(base, () => undefined).getStaticPaths()).toEqual(paths);
    } finally {
      rmSync(site, { recursive: true, force: true });
    }
  });

  it('gives a client the worker has not started to the page that asks first, and keeps what the page stored', async () => {
    const library = await loadFixtureLibrary('runs');
    running = await startClientPool(await fixtureProject('runs'), siteDir(), logger);
    const pool = clientPool()!;
    const [first] = library.clients;
    // Asked at once, before the worker has even loaded the content: the page's turn.
    expect(await pool.claim(first!.id)).toBeNull();
    const artifacts = renderClientArtifacts(library, first!.id, siteToday(library));
    await pool.store(first!.id, artifacts);
    const { byWorker } = await running.finished;
    expect(byWorker).toBe(library.clients.length - 1);
    const files = await pool.claim(first!.id);
    expect(await files!.read('page')).toBe(artifacts.page);
  });

  it('renders from the content the pre-flight validated, without reading the project again', async () => {
    const library = await loadFixtureLibrary('runs');
    const { input } = await loadContent(await fixtureProject('runs'));
    // No project at this root: whatever the worker renders comes from the content handed to it.
    running = await startClientPool('/nonexistent/sendoff-project', siteDir(), logger, input);
    const pool = clientPool()!;
    expect(await running.finished).toEqual({ byWorker: library.clients.length });
    const stamped = (text: string) => text.replace(/^DTSTAMP:\d{8}T\d{6}Z$/gm, 'DTSTAMP:…');
    for (const client of library.clients) {
      const files = await pool.claim(client.id);
      const inline = renderClientArtifacts(library, client.id, siteToday(library));
      for (const name of CLIENT_ARTIFACT_NAMES) expect(stamped(await files!.read(name)), `${client.id} ${name}`).toBe(stamped(inline[name]));
    }
  });

  it('leaves every client to its page when the worker has no content to render', async () => {
    running = await startClientPool('/nonexistent/sendoff-project', siteDir(), logger);
    expect(await running.finished).toEqual({ byWorker: 0 });
    expect(await clientPool()!.claim('anyone')).toBeNull();
  });
});

describe('the order Astro renders the pages in', () => {
  it('renders client pages and exports after every other page, so the worker has rendered most of them by then', async () => {
    const route = (pattern: string) => ({ route: pattern }) as unknown as RouteData;
    const astroOrder = ['/404', '/changes', '/clients/[id]/[file].csv', '/clients/[id]', '/clients', '/emails/[id]', '/people/[id]', '/clientsx', '/sops/[id]'].map((pattern, index) => ({ pathname: `/${index}/`, route: route(pattern) }));
    const base: AstroPrerenderer = { name: 'astro:default', getStaticPaths: async () => astroOrder, render: async () => new Response('page') };
    const ordered = clientPagesLast(base);
    expect((await ordered.getStaticPaths()).map((path) => path.route.route)).toEqual(['/404', '/changes', '/clients', '/emails/[id]', '/people/[id]', '/clientsx', '/sops/[id]', '/clients/[id]/[file].csv', '/clients/[id]']);
    // Rendering is Astro's own.
    expect(await (await ordered.render(new Request('http://x/'), { routeData: route('/404') }) as Response).text()).toBe('page');
  });

  it('says once, as the first client path starts rendering, that every other page is rendered', async () => {
    const route = (pattern: string) => ({ route: pattern }) as unknown as RouteData;
    const base: AstroPrerenderer = { name: 'astro:default', getStaticPaths: async () => [], render: async () => new Response('page') };
    let calls = 0;
    const ordered = clientPagesLast(base, () => calls++);
    for (const pattern of ['/sops/[id]', '/clients', '/people/[id]']) await ordered.render(new Request('http://x/'), { routeData: route(pattern) });
    expect(calls).toBe(0);
    for (const pattern of ['/clients/[id]/[file].csv', '/clients/[id]', '/clients/[id]']) await ordered.render(new Request('http://x/'), { routeData: route(pattern) });
    expect(calls).toBe(1);
  });

  it('waits, when pages render two at a time, for the last other page to be rendered', async () => {
    const route = (pattern: string) => ({ route: pattern }) as unknown as RouteData;
    let finishSop!: () => void;
    const base: AstroPrerenderer = {
      name: 'astro:default',
      getStaticPaths: async () => [],
      render: async (_request, options) => (options.routeData.route === '/sops/[id]' ? new Promise<Response>((resolve) => (finishSop = () => resolve(new Response('sop')))) : new Response('page')),
    };
    let calls = 0;
    const ordered = clientPagesLast(base, () => calls++);
    const sop = ordered.render(new Request('http://x/'), { routeData: route('/sops/[id]') });
    await ordered.render(new Request('http://x/'), { routeData: route('/clients/[id]/[file].csv') });
    expect(calls).toBe(0);
    finishSop();
    await sop;
    expect(calls).toBe(1);
  });

});
