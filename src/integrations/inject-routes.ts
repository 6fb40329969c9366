import type { HookParameters } from 'astro';
import { INJECTED_ROUTES } from '../lib/routes';

/**
 * Injects the routes that are not files under `src/pages/` (the route table says which: the client
 * pages and their exports). Routes that hold client data are left out when client pages are off, so a
 * build for a wider audience has no `/clients/` at all.
 */
export function injectRoutes(injectRoute: HookParameters<'astro:config:setup'>['injectRoute'], { clientPages }: { clientPages: boolean }): void {
  for (const route of INJECTED_ROUTES) {
    if (route.clientData && !clientPages) continue;
    injectRoute({ pattern: route.pattern, entrypoint: new URL(`../${route.entrypoint}`, import.meta.url) });
  }
}
