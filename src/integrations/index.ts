import { fileURLToPath } from 'node:url';
import type { AstroIntegration, RouteData } from 'astro';
import type { LibraryInput } from '../lib/content/library';
import { CLIENT_PAGES, SEARCH_CLIENT_PAGES } from '../site/options';
import { atomicDist } from './atomic-dist';
import { recheckOnSave } from './dev-recheck';
import { injectRoutes } from './inject-routes';
import { recordEndpointDefine, serveRecordEndpoint } from './record-endpoint';
import { checkContent } from './preflight';
import { createSiteIndexer, indexAsRendered, indexBuiltSite, type SiteIndexer } from './search-index';
import { spliceClientPages, startClientPool, type RunningPool } from './client-pool';
import { clientPagesLast, isClientRouteData } from './render-order';
import { timeRoutes, type RouteTimes } from './route-times';
import { copyMermaidBundle, serveMermaidBundle, startMermaidBundle, type MermaidBundle } from './mermaid-bundle';

/**
 * Sendoff's Astro integration. This file only wires hooks; each job is its own module:
 * the injected client routes (`inject-routes.ts`), the content check before a build (`preflight.ts`)
 * and on every save in dev (`dev-recheck.ts`), the dev server's record endpoint (`record-endpoint.ts`),
 * the client-page worker of a build (`client-pool.ts`) and the page order that gives it a head start
 * (`render-order.ts`), mermaid's browser bundle (`mermaid-bundle.ts`), the search index, fed as pages
 * render (`search-index.ts`), each kind of page's wall time (`route-times.ts`; the prerenderer wrappers
 * share `prerenderer.ts`) and the swap of a finished build into `dist/` (`atomic-dist.ts`). The SOP
 * bodies' worker, started by the pre-flight, lives with the loaders (`src/loaders/body-pool.ts`).
 */
export function sendoff(): AstroIntegration {
  let pool: RunningPool | undefined;
  let mermaid: MermaidBundle | undefined;
  let root = '';
  /** The content the pre-flight validated: the client-page worker starts from it. */
  let content: LibraryInput | null = null;
  /** The search index, fed each page as it renders (search-index.ts). */
  let indexer: SiteIndexer | undefined;
  /** Each kind of page's wall time, logged when the build is done (route-times.ts). */
  let routeTimes: RouteTimes | undefined;
  /** Where the build writes the site (the staging folder `atomic-dist.ts` swaps in when it is done). */
  let outDir = '';
  return {
    name: 'sendoff',
    hooks: {
      'astro:config:setup': async ({ command, config, injectRoute, logger, updateConfig }) => {
        injectRoutes(injectRoute, { clientPages: CLIENT_PAGES });
        updateConfig({ vite: { define: recordEndpointDefine(command) } });
        root = fileURLToPath(config.root);
        if (command !== 'build' && command !== 'dev') return;
        // Bundled on the other core while the content is checked and loaded (mermaid-bundle.ts).
        mermaid = startMermaidBundle();
        updateConfig({ vite: { define: mermaid.define } });
        content = await checkContent(root, command, logger);
        // Last in the list, so the swap follows every other integration's `astro:build:done`.
        if (command === 'build') config.integrations.push(atomicDist());
      },
      'astro:config:done': ({ config }) => {
        outDir = fileURLToPath(config.outDir);
      },
      'astro:server:setup': (options) => {
        recheckOnSave(options);
        serveRecordEndpoint(options);
        if (mermaid) serveMermaidBundle(mermaid, options.server);
      },
      // Client pages render on the second core while Astro bundles and renders the rest (client-pool.ts),
      // started after the content check and load, which keep both cores busy on their own.
      'astro:build:start': async ({ logger, setPrerenderer }) => {
        // Each page goes to Pagefind as it renders (client pages only when searchable), and client pages
        // render last, after the worker has had the time to render most of them.
        indexer = createSiteIndexer();
        const search = indexer;
        const offer = (route: RouteData) => SEARCH_CLIENT_PAGES || !isClientRouteData(route);
        // Client pages are not searchable (unless asked for): the index is written as they start.
        const seal = SEARCH_CLIENT_PAGES ? undefined : () => search.seal(outDir);
        setPrerenderer((base) => {
          const indexed = indexAsRendered(spliceClientPages(base, () => pool), search, offer);
          routeTimes = timeRoutes(CLIENT_PAGES ? clientPagesLast(indexed, seal) : indexed);
          return routeTimes.prerenderer;
        });
        if (!CLIENT_PAGES || process.env.SENDOFF_CLIENT_WORKER === 'off') return;
        pool = await startClientPool(root, outDir, logger, content).catch((error: unknown) => {
          logger.warn(`Client pages: no render worker (${error instanceof Error ? error.message : String(error)}); the pages render them.`);
          return undefined;
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        pool?.stop();
        pool = undefined;
        if (routeTimes) logger.info(routeTimes.report());
        if (mermaid) await copyMermaidBundle(mermaid, dir, logger);
        await indexBuiltSite(dir, logger, indexer!);
        indexer = undefined;
      },
    },
  };
}
