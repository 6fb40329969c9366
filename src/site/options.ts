import type { IsoDate } from '../schemas';
import type { Library } from '../lib/content/library';
import { resolveToday } from '../lib/run/today';

/**
 * Whether client pages (and their exports) are built. `SENDOFF_CLIENT_PAGES=off` builds a site with no
 * client data at all, for a wider audience.
 */
export const CLIENT_PAGES = (process.env.SENDOFF_CLIENT_PAGES ?? 'on') !== 'off';

/**
 * Whether search indexes client pages. Off by default: client records are sensitive, and the search
 * index is a file anyone with the site can download. `SENDOFF_SEARCH_CLIENTS=on` includes them (with a
 * "Client" type filter) for a team that hosts the site privately and wants to find clients by name.
 */
export const SEARCH_CLIENT_PAGES = CLIENT_PAGES && process.env.SENDOFF_SEARCH_CLIENTS === 'on';

/** The date the site treats as today: `SENDOFF_TODAY` (reproducible builds) or today in the team's zone. */
export function siteToday(library: Pick<Library, 'company'>): IsoDate {
  return resolveToday(library.company.timezone, process.env.SENDOFF_TODAY);
}
