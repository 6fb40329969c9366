import { perLibrary, type Library, type SopEntry } from '../content/library';
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
  const page = sopsByPath(library.sops).get(path);
  const listed = inPhase.length <= SIDEBAR_MAX_SOPS ? inPhase : inPhase.filter((sop) => sop === page);
  return { listed, total: inPhase.length };
}

/** Each SOP by its page's path, made once per list of SOPs (every page of a build asks; 1,000 pages of 1,000 SOPs). */
const sopsByPath = perLibrary((sops: readonly SopEntry[]) => new Map(sops.map((sop) => [href.sop(sop.id), sop])));
