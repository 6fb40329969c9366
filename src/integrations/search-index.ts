import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegrationLogger } from 'astro';
import * as pagefind from 'pagefind';
import { SEARCH_BUNDLE } from '../lib/routes';
import { indexWords, WORDS_FILE } from '../lib/search/words';

/** Where the index goes inside the built site: the path pages load it from. */
const BUNDLE_DIR = SEARCH_BUNDLE.replace(/^\/|\/$/g, '');

export interface IndexResult {
  /** Pages Pagefind indexed. */
  pages: number;
  /** HTML pages in the site when the indexing started. */
  seen: number;
  seconds: number;
  words: number;
}

/**
 * Starts indexing before the build is done: when every page but the client pages is written, Pagefind
 * (a process of its own) indexes them on the other core while the main thread writes the client pages,
 * which are not searchable. Its failure is reported where it is awaited, by `indexBuiltSite`.
 */
export function startIndexing(dir: string): Promise<IndexResult> {
  const indexing = indexSite(dir);
  indexing.catch(() => {});
  return indexing;
}

/**
 * The build's search step (`astro:build:done`): index the built pages, or finish the indexing started
 * early, and say what was indexed.
 */
export async function indexBuiltSite(dir: URL, logger: AstroIntegrationLogger, started?: Promise<IndexResult>): Promise<void> {
  const path = fileURLToPath(dir);
  const { pages, seconds, words } = await (started ?? indexSite(path));
  const seen = (await htmlFiles(path)).length;
  const when = started ? ', while the client pages were written' : '';
  logger.info(`Search: Pagefind indexed ${pages} of ${seen} pages in ${seconds.toFixed(2)} s${when} (the others are not searchable: client data, lists, search itself); ${words} words for "did you mean"`);
}

const htmlFiles = async (dir: string) => (await readdir(dir, { recursive: true, encoding: 'utf8' })).filter((file) => file.endsWith('.html'));

/**
 * Indexes the built site with Pagefind's Node API. Only pages that mark their content with
 * `data-pagefind-body` are indexed: SOPs, emails, playbooks and the process map; client pages only
 * when `SENDOFF_SEARCH_CLIENTS=on`. Then writes the index's words, commonest first, to
 * `pagefind/sendoff-words.json`: the search dialog's "did you mean" (src/lib/search).
 * Throws with Pagefind's own messages when any step fails, so the build fails loudly.
 */
export async function indexSite(dir: string): Promise<IndexResult> {
  const started = performance.now();
  const fail = (step: string, errors: string[]) => {
    if (errors.length > 0) throw new Error(`Pagefind could not ${step}:\n${errors.join('\n')}`);
  };
  // Pagefind indexes only pages marked `data-pagefind-body` once any page is, so it is handed only those:
  // it need not parse every client page (at 200 clients, 130 MB of HTML it would only skip). With no
  // page marked it would index every page whole, client pages included: refused.
  const files = await htmlFiles(dir);
  const marked: string[] = [];
  for (const file of files) if ((await readFile(join(dir, file), 'utf8')).includes('data-pagefind-body')) marked.push(file);
  if (marked.length === 0) {
    throw new Error(`no page in ${dir} is marked for search (data-pagefind-body); refusing to index every page whole, client data included. Pages opt in with <Base indexed>.`);
  }
  try {
    const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
    fail('start', errors);
    if (!index) throw new Error('Pagefind could not start: no index was created');
    const added = await Promise.all(marked.map(async (file) => index.addHTMLFile({ sourcePath: file.split(sep).join('/'), content: await readFile(join(dir, file), 'utf8') })));
    fail('index the site', added.flatMap((result) => result.errors));
    const written = await index.writeFiles({ outputPath: join(dir, BUNDLE_DIR) });
    fail('write the index', written.errors);
    // The entry file counts the pages that are searchable.
    const entry = JSON.parse(await readFile(join(dir, BUNDLE_DIR, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
    const indexed = Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0);
    const words = await indexWords(join(dir, BUNDLE_DIR));
    await writeFile(join(dir, BUNDLE_DIR, WORDS_FILE), JSON.stringify(words));
    return { pages: indexed, seen: files.length, seconds: (performance.now() - started) / 1000, words: words.length };
  } finally {
    await pagefind.close();
  }
}
