import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { CLIENT_PAGES } from '../site/options';
import { atomicDist } from './atomic-dist';
import { recheckOnSave } from './dev-recheck';
import { injectRoutes } from './inject-routes';
import { recordEndpointDefine, serveRecordEndpoint } from './record-endpoint';
import { checkContent } from './preflight';
import { indexBuiltSite } from './search-index';
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
      'astro:server:setup': (options) => {
        recheckOnSave(options);
        serveRecordEndpoint(options);
        if (mermaid) serveMermaidBundle(mermaid, options.server);
      },
      // Client pages render on the second core while Astro bundles and renders the rest (client-pool.ts).
      // Started after the content check and load, which keep both cores busy on their own.
      'astro:build:start': async ({ logger, setPrerenderer }) => {
        if (!CLIENT_PAGES || process.env.SENDOFF_CLIENT_WORKER === 'off') return;
        setPrerenderer(clientPagesLast);
        pool = await startClientPool(root, logger).catch((error: unknown) => {
          logger.warn(`Client pages: no render worker (${error instanceof Error ? error.message : String(error)}); the pages render them.`);
          return undefined;
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        pool?.stop();
        pool = undefined;
        if (mermaid) await copyMermaidBundle(mermaid, dir, logger);
        await indexBuiltSite(dir, logger);
      },
    },
  };
}
