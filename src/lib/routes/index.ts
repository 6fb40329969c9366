import { EXPORT_FORMAT_IDS, type ExportFormat } from '../exports/formats';

/**
 * The site's URLs: one table of every route the site has, and the helpers that build links from it.
 * Pages, components, browser scripts, the link rule, the process maps, the exports and the
 * integration's injected routes all come through here, so a route is renamed in one place.
 * Pure on purpose (no Astro, no `process.env`): browser scripts import it too.
 */

/** One route of the site. */
export interface Route {
  /** Astro's route pattern (`/sops/[...id]`), without the trailing slash the site adds to pages. */
  pattern: string;
  /**
   * Where the page comes from: absent for a file under `src/pages/` (its path is the pattern, by Astro's
   * rules); otherwise the module under `src/` that the Sendoff integration injects at this pattern.
   */
  entrypoint?: string;
  /** Built only when client pages are on (`SENDOFF_CLIENT_PAGES`): these pages hold client data. */
  clientData?: true;
  /** False for a page that exists but is never linked to (the 404 page). */
  linkable?: false;
}

/** Every page route, by name. The client exports are one route per format: see `clientExportRoutes`. */
export const ROUTES = {
  home: { pattern: '/' },
  sops: { pattern: '/sops' },
  sop: { pattern: '/sops/[...id]' },
  emails: { pattern: '/emails' },
  email: { pattern: '/emails/[id]' },
  playbooks: { pattern: '/playbooks' },
  playbook: { pattern: '/playbooks/[id]' },
  process: { pattern: '/process' },
  search: { pattern: '/search' },
  generate: { pattern: '/generate' },
  changes: { pattern: '/changes' },
  notFound: { pattern: '/404', linkable: false },
  clients: { pattern: '/clients', entrypoint: 'routes/clients-index.astro', clientData: true },
  client: { pattern: '/clients/[id]', entrypoint: 'routes/client.astro', clientData: true },
  /** A person's open tasks across every client ("My tasks"): it names clients, so it is client data. */
  person: { pattern: '/people/[id]', entrypoint: 'routes/person.astro', clientData: true },
  /** The same tasks as a calendar feed, `/people/<id>/<id>.ics`, next to the page. */
  personFeed: { pattern: '/people/[id]/[file].ics', entrypoint: 'routes/person-feed.ts', clientData: true },
} as const satisfies Record<string, Route>;

export type RouteName = keyof typeof ROUTES;

/**
 * A client's export files (`/clients/<id>/<id>.md`, `.csv`, `.ics`) sit next to its page: one route per
 * format, because a pattern that ends in an extension is served as a file, trailing slash or not.
 */
export const clientExportRoutes: Record<ExportFormat, Route> = Object.fromEntries(
  EXPORT_FORMAT_IDS.map((format) => [
    format,
    { pattern: `${ROUTES.client.pattern}/[file].${format}`, entrypoint: 'routes/client-export.ts', clientData: true },
  ]),
) as Record<ExportFormat, Route>;

/** Every route of the site, pages and export files. */
export const ALL_ROUTES: readonly Route[] = [...Object.values(ROUTES), ...Object.values(clientExportRoutes)];

/** The routes the integration injects (the others are files under `src/pages/`). */
export const INJECTED_ROUTES = ALL_ROUTES.filter((route): route is Route & { entrypoint: string } => route.entrypoint !== undefined);

/** The export format an injected export route serves, from the pattern Astro hands its entrypoint. */
export function exportFormatOf(routePattern: string): ExportFormat | undefined {
  return EXPORT_FORMAT_IDS.find((format) => clientExportRoutes[format].pattern === routePattern);
}

/** The route params of a client's export file: the file is named after the client. */
export function clientExportParams(clientId: string): { id: string; file: string } {
  return { id: clientId, file: clientId };
}

/** A client's export file name (`<client-id>.<format>`): the last segment of its URL, and the download's name. */
export function exportFilename(clientId: string, format: ExportFormat): string {
  return `${clientExportParams(clientId).file}.${format}`;
}

const PARAM = /\[(?:\.\.\.)?([^\]]+)\]/g;

/** Whether a pattern has params (`[id]`, `[...id]`): a page per entry rather than one fixed page. */
export function isDynamic(pattern: string): boolean {
  return new RegExp(PARAM.source).test(pattern);
}

/**
 * The URL of a route: params filled in, and the trailing slash every page has (`trailingSlash: 'always'`);
 * a file route (`…/[file].csv`) keeps none.
 */
export function routePath(route: Route, params: Record<string, string> = {}): string {
  const path = route.pattern.replace(PARAM, (_match, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`the route ${route.pattern} needs a value for [${name}]`);
    return value;
  });
  return path.endsWith('/') || /\.[a-z0-9]+$/i.test(path) ? path : `${path}/`;
}

/** Same-page anchors that links point at: the page and the link agree on the id. */
export const anchor = {
  /** A checklist item's row on its SOP's page. */
  item: (itemId: string) => `item-${itemId}`,
  /** A phase's section on the SOP list. */
  phase: (phaseId: string) => `phase-${phaseId}`,
  /** A phase's heading in a client's run. */
  runPhase: (phaseId: string) => `run-${phaseId}`,
};

/** `?a=1&b=2`, or nothing when there are no params. */
function query(params?: URLSearchParams | string): string {
  const text = params?.toString() ?? '';
  return text ? `?${text}` : '';
}

const page = (name: RouteName) => routePath(ROUTES[name]);

/** Page URL helpers: every link the site makes to itself is built here. */
export const href = {
  home: () => page('home'),
  sops: () => page('sops'),
  sop: (id: string) => routePath(ROUTES.sop, { id }),
  /** A checklist item by its global id (`<sop-id>#<item-id>`): its row on the SOP's page. */
  item: (globalId: string) => {
    const [sop = '', item = ''] = globalId.split('#');
    return href.sopItem(sop, item);
  },
  sopItem: (sopId: string, itemId: string) => `${href.sop(sopId)}#${anchor.item(itemId)}`,
  phase: (id: string) => `${page('sops')}#${anchor.phase(id)}`,
  emails: () => page('emails'),
  email: (id: string) => routePath(ROUTES.email, { id }),
  playbooks: () => page('playbooks'),
  playbook: (id: string) => routePath(ROUTES.playbook, { id }),
  process: () => page('process'),
  /** The search page, optionally with a query (`?q=invoice&phase=Finance`). */
  search: (params?: URLSearchParams | string) => `${page('search')}${query(params)}`,
  /** The generator, optionally filled in (`?client=…`). */
  generate: (params?: URLSearchParams | string) => `${page('generate')}${query(params)}`,
  changes: () => page('changes'),
  clients: () => page('clients'),
  client: (id: string) => routePath(ROUTES.client, { id }),
  clientExport: (clientId: string, format: ExportFormat) => routePath(clientExportRoutes[format], clientExportParams(clientId)),
  person: (id: string) => routePath(ROUTES.person, { id }),
  personFeed: (id: string) => routePath(ROUTES.personFeed, personFeedParams(id)),
};

/** The route params of a person's calendar feed: the file is named after the person. */
export function personFeedParams(personId: string): { id: string; file: string } {
  return { id: personId, file: personId };
}

/** Where Pagefind's bundle is served from (the integration writes the index there). */
export const SEARCH_BUNDLE = '/pagefind/';

/**
 * The pages that exist whatever the content, as URLs: every linkable route without params. The link
 * rule accepts links to these besides the pages the content makes.
 */
export const FIXED_PAGES: readonly string[] = Object.values(ROUTES as Record<RouteName, Route>)
  .filter((route) => !isDynamic(route.pattern) && route.linkable !== false)
  .map((route) => routePath(route));

/**
 * A URL of the site made absolute against the site's own address (`company.site`), keeping the path the
 * site is published under (`https://intranet/offboarding/` + `/clients/x/`); without one, the path.
 */
export function absoluteUrl(path: string, site: string | undefined): string {
  return site ? new URL(path.replace(/^\//, ''), site.replace(/\/?$/, '/')).href : path;
}
