import type { Library, SopEntry } from '../content/library';
import { href } from '../routes';

/** The most SOPs the sidebar lists under the current phase; a bigger phase's page lists them all. */
export const SIDEBAR_MAX_SOPS = 40;

/**
 * The SOPs the sidebar lists under the page's phase, and how many the phase has. A page's weight, and
 * the time to build every page, must not grow with the library: a phase of more than
 * `SIDEBAR_MAX_SOPS` lists only the page's own SOP, and links to the phase's page for the rest.
 */
export function sidebarSops(library: Pick<Library, 'sops'>, phase: string | undefined, path: string): { listed: SopEntry[]; total: number } {
  const inPhase = phase === undefined ? [] : library.sops.filter((sop) => sop.phase === phase);
  const listed = inPhase.length <= SIDEBAR_MAX_SOPS ? inPhase : inPhase.filter((sop) => path === href.sop(sop.id));
  return { listed, total: inPhase.length };
}
