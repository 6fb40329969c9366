import type { AstroPrerenderer, RouteData } from 'astro';
import { ROUTES } from '../lib/routes';
import { wrapPrerenderer } from './prerenderer';

type PathWithRoute = Awaited<ReturnType<AstroPrerenderer['getStaticPaths']>>[number];

/** A client page or one of its exports: what the client-page worker renders (client-pool.ts). */
export const isClientRouteData = (route: RouteData) => route.route === ROUTES.client.pattern || isClientExportRouteData(route);
/** One of a client's export files. */
export const isClientExportRouteData = (route: RouteData) => route.route.startsWith(`${ROUTES.client.pattern}/`);
const isClientRoute = (path: PathWithRoute) => isClientRouteData(path.route);

/** The paths in Astro's order, client pages and exports moved to the end (each group keeps its order). */
export function clientPathsLast(paths: PathWithRoute[]): PathWithRoute[] {
  return [...paths.filter((path) => !isClientRoute(path)), ...paths.filter(isClientRoute)];
}

/**
 * Astro's own prerenderer, rendering the client pages after every other page. Astro goes through its
 * routes in order, and `/clients/…` comes third: the main thread met the client-page worker there
 * about a second after the worker had loaded the content, so the two rendered half the clients each.
 * Rendered last, the clients wait while the main thread renders the SOPs, emails, people and the rest
 * (≈ 6 s at 1,000 SOPs), and the worker has rendered most of them by then. Nothing else changes: the
 * same renderer, the same pages, through Astro's public `setPrerenderer` hook. `clientsStarting` is
 * called once a client path has started and every other page has been rendered (the search index is
 * written then, while the client pages render; `base` is to hand each page over before it returns).
 */
export function clientPagesLast(base: AstroPrerenderer, clientsStarting?: () => void): AstroPrerenderer {
  let clientsReached = false;
  let told = false;
  /** Other pages still rendering: with `build.concurrency` above 1, the last of them may end after a client page starts. */
  let rendering = 0;
  const tell = () => {
    if (clientsReached && rendering === 0 && !told) {
      told = true;
      clientsStarting?.();
    }
  };
  return wrapPrerenderer(base, 'sendoff:client-pages-last', {
    getStaticPaths: async () => clientPathsLast(await base.getStaticPaths()),
    render: async (request, options) => {
      if (isClientRouteData(options.routeData)) {
        clientsReached = true;
        tell();
        return base.render(request, options);
      }
      rendering++;
      try {
        return await base.render(request, options);
      } finally {
        rendering--;
        tell();
      }
    },
  });
}
