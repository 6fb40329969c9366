import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegrationLogger, AstroPrerenderer, RouteData } from 'astro';
import * as pagefind from 'pagefind';
import { SEARCH_BUNDLE } from '../lib/routes';
import { indexWords, WORDS_FILE } from '../lib/search/words';
import { withBody, wrapPrerenderer } from './prerenderer';

/**
 * The site's search index, made with Pagefind's Node API. Only pages that mark their content with
 * `data-pagefind-body` are indexed: SOPs, emails, playbooks and the process map; client pages only
 * when `SENDOFF_SEARCH_CLIENTS=on`. With no page marked, Pagefind would index every page whole, client
 * pages included: refused. The index's words, commonest first, go to `pagefind/sendoff-words.json`:
 * the search dialog's "did you mean" (src/lib/search). Every step that fails throws with Pagefind's
 * own messages, so the build fails loudly.
 *
 * A build hands each page to Pagefind as Astro renders it (`indexAsRendered`): Pagefind runs in a
 * process of its own, so its work overlaps the rendering on the other core instead of following it,
 * and no page is read back from disk (it used to read all 130 MB of HTML at 200 clients only to skip
 * the client pages).
 */

/** Where the index goes inside the built site: the path pages load it from. */
const BUNDLE_DIR = SEARCH_BUNDLE.replace(/^\/|\/$/g, '');
const MARK = 'data-pagefind-body';

export interface IndexResult {
  /** Pages Pagefind indexed. */
  pages: number;
  /** HTML pages in the built site. */
  seen: number;
  /** From the first page handed over to the index written. */
  seconds: number;
  words: number;
}

export interface SiteIndexer {
  /** Hands a page to Pagefind if it is marked for search (at the URL it is served from); says whether it was. */
  add(url: string, html: string): boolean;
  /**
   * No more searchable pages are coming (the client pages, not searchable, render last): Pagefind writes
   * the index into `dir` now, while they render. A page added after all is not lost: `finish` writes again.
   */
  seal(dir: string): void;
  /** Writes the index into the built site in `dir` (or finishes the write `seal` began). */
  finish(dir: string): Promise<IndexResult>;
}

const fail = (step: string, errors: string[]) => {
  if (errors.length > 0) throw new Error(`Pagefind could not ${step}:\n${errors.join('\n')}`);
};

const htmlFiles = async (dir: string) => (await readdir(dir, { recursive: true, encoding: 'utf8' })).filter((file) => file.endsWith('.html'));

export function createSiteIndexer(): SiteIndexer {
  let started = 0;
  let index: Promise<pagefind.PagefindIndex> | undefined;
  const added: Promise<{ errors: string[] }>[] = [];
  let sealed: Promise<{ pages: number; words: number }> | undefined;
  let addedAfterSeal = false;
  const open = async () => {
    const created = await pagefind.createIndex({ forceLanguage: 'en' });
    fail('start', created.errors);
    if (!created.index) throw new Error('Pagefind could not start: no index was created');
    return created.index;
  };
  const write = async (dir: string) => {
    if (!index) {
      throw new Error(`no page in ${dir} is marked for search (${MARK}); refusing to index every page whole, client data included. Pages opt in with <Base indexed>.`);
    }
    const opened = await index;
    fail('index the site', (await Promise.all(added)).flatMap((result) => result.errors));
    const written = await opened.writeFiles({ outputPath: join(dir, BUNDLE_DIR) });
    fail('write the index', written.errors);
    // The entry file counts the pages that are searchable.
    const entry = JSON.parse(await readFile(join(dir, BUNDLE_DIR, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
    const pages = Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0);
    const words = await indexWords(join(dir, BUNDLE_DIR));
    await writeFile(join(dir, BUNDLE_DIR, WORDS_FILE), JSON.stringify(words));
    return { pages, words: words.length };
  };
  return {
    add(url, html) {
      if (!html.includes(MARK)) return false;
      if (sealed) addedAfterSeal = true;
      if (!index) {
        started = performance.now();
        index = open();
      }
      // Failures are collected and reported when the index is written; nothing is left unhandled meanwhile.
      added.push(index.then((opened) => opened.addHTMLFile({ url, content: html })).catch((error: unknown) => ({ errors: [error instanceof Error ? error.message : String(error)] })));
      return true;
    },
    seal(dir) {
      if (sealed) return;
      sealed = write(dir);
      // Reported by `finish`.
      sealed.catch(() => {});
    },
    async finish(dir) {
      try {
        let result = sealed ? await sealed : await write(dir);
        if (addedAfterSeal) result = await write(dir);
        return { ...result, seen: (await htmlFiles(dir)).length, seconds: (performance.now() - started) / 1000 };
      } finally {
        await pagefind.close();
      }
    },
  };
}

/** The build's search step (`astro:build:done`): writes the index of the pages handed over, and says what it holds. */
export async function indexBuiltSite(dir: URL, logger: AstroIntegrationLogger, indexer: SiteIndexer): Promise<void> {
  const waiting = performance.now();
  const { pages, seen, seconds, words } = await indexer.finish(fileURLToPath(dir));
  const after = (performance.now() - waiting) / 1000;
  logger.info(
    `Search: Pagefind indexed ${pages} of ${seen} pages in ${seconds.toFixed(2)} s as they were rendered, ${after.toFixed(2)} s of it after the last page (the others are not searchable: client data, lists, search itself); ${words} words for "did you mean"`,
  );
}

/** The URL a built page is served from, from its file: `sops/a/index.html` → `/sops/a/`. */
const urlOf = (file: string) => `/${file.split(sep).join('/')}`.replace(/(^|\/)index\.html$/, '$1');

/** Indexes a site already built in `dir` (the bench's search figures; a build indexes as it renders). */
export async function indexSite(dir: string): Promise<IndexResult> {
  const indexer = createSiteIndexer();
  for (const file of await htmlFiles(dir)) indexer.add(urlOf(file), await readFile(join(dir, file), 'utf8'));
  return indexer.finish(dir);
}

/**
 * Astro's prerenderer, handing every page `offer` accepts to the indexer as soon as it is rendered (the
 * bytes Astro then writes are the same). Client pages are not offered unless they are searchable: they
 * are most of the site's HTML and would only be skipped.
 */
export function indexAsRendered(base: AstroPrerenderer, indexer: SiteIndexer, offer: (route: RouteData) => boolean): AstroPrerenderer {
  const decoder = new TextDecoder();
  return wrapPrerenderer(base, `${base.name}+sendoff:search-index`, {
    render: async (request, options) => {
      const result = await base.render(request, options);
      if (options.routeData.type !== 'page' || !offer(options.routeData)) return result;
      return withBody(result, (bytes) => {
        indexer.add(new URL(request.url).pathname, decoder.decode(bytes));
        return null;
      });
    },
  });
}
