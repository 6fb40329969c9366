import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { CLIENT_PAGES, SEARCH_CLIENT_PAGES } from '../site/options';
import { atomicDist } from './atomic-dist';
import { recheckOnSave } from './dev-recheck';
import { injectRoutes } from './inject-routes';
import { recordEndpointDefine, serveRecordEndpoint } from './record-endpoint';
import { checkContent } from './preflight';
import { indexBuiltSite, startIndexing, type IndexResult } from './search-index';
import { startClientPool, type RunningPool } from './client-pool';
import { clientPagesLast } from './render-order';
import { copyMermaidBundle, serveMermaidBundle, startMermaidBundle, type MermaidBundle } from './mermaid-bundle';

/**
 * Sendoff's Astro integration. This file only wires hooks; each job is its own module:
 * the injected client routes (`inject-routes.ts`), the content check before a build (`preflight.ts`)
 * and on every save in dev (`dev-recheck.ts`), the dev server's record endpoint (`record-endpoint.ts`),
 * the client-page worker of a build (`client-pool.ts`) and the page order that gives it a head start (`render-order.ts`), mermaid's browser bundle (`mermaid-bundle.ts`), the search index (`search-index.ts`) and the swap of a finished build into `dist/` (`atomic-dist.ts`).
 */
export function sendoff(): AstroIntegration {
  let pool: RunningPool | undefined;
  let mermaid: MermaidBundle | undefined;
  let root = '';
  let outDir = '';
  let concurrency = 1;
  /** The search index, started when every page but the client pages is written (render-order.ts). */
  let searchIndex: Promise<IndexResult> | undefined;
  let restartIndex: Promise<void> | undefined;
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
        await checkContent(root, command, logger);
        // Last in the list, so the swap follows every other integration's `astro:build:done`.
        if (command === 'build') config.integrations.push(atomicDist());
      },
      'astro:config:done': ({ config }) => {
        outDir = fileURLToPath(config.outDir);
        concurrency = config.build.concurrency;
      },
      'astro:server:setup': (options) => {
        recheckOnSave(options);
        serveRecordEndpoint(options);
        if (mermaid) serveMermaidBundle(mermaid, options.server);
      },
      // Client pages render on the second core while Astro bundles and renders the rest (client-pool.ts).
      // Started after the content check and load, which keep both cores busy on their own.
      'astro:build:start': async ({ logger, setPrerenderer }) => {
        if (!CLIENT_PAGES) return;
        // Client pages last; once the others are written, Pagefind indexes them on the other core while
        // the client pages (not searchable) are written. Not when client pages are searchable, or when
        // Astro renders pages side by side (then "written" is not known).
        const indexEarly = !SEARCH_CLIENT_PAGES && concurrency === 1;
        searchIndex = undefined;
        setPrerenderer((base) =>
          clientPagesLast(base, {
            otherPagesWritten: () => {
              if (indexEarly) searchIndex = startIndexing(outDir);
            },
            pageAfterClients: (pathname) => {
              if (!searchIndex) return;
              logger.warn(`Search: ${pathname} was rendered after the client pages; the index is made again when the build is done.`);
              const stale = searchIndex;
              searchIndex = undefined;
              restartIndex = stale.then(() => undefined, () => undefined);
            },
          }),
        );
        if (process.env.SENDOFF_CLIENT_WORKER === 'off') return;
        pool = await startClientPool(root, logger).catch((error: unknown) => {
          logger.warn(`Client pages: no render worker (${error instanceof Error ? error.message : String(error)}); the pages render them.`);
          return undefined;
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        pool?.stop();
        pool = undefined;
        if (mermaid) await copyMermaidBundle(mermaid, dir, logger);
        // An index started early and gone stale finishes first: both write the same folder.
        await restartIndex;
        await indexBuiltSite(dir, logger, searchIndex);
        searchIndex = undefined;
      },
    },
  };
}
