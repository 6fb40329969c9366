import type { ProcessMap } from './process-map';

/**
 * An SOP page's generated map sits in a disclosure, closed unless the reader has chosen otherwise: the
 * map repeats the checklist above it, and drawing it costs ~220 KB of mermaid, so only readers who want
 * it pay for it. What the page needs to decide and say, as plain data; the browser side is
 * `src/scripts/map-disclosure.ts`, the markup `SopProcessMap.astro`.
 */

/** The map's heading id: the table of contents links to it, and a link to it opens the map. */
export const MAP_HEADING_ID = 'process-map';

/** Where this browser remembers whether the reader keeps SOP maps open. */
export const MAP_CHOICE_KEY = 'sendoff:sop-map-open';

export type MapChoice = 'open' | 'closed';

/**
 * Stores the reader's choice. Read back only by the inline script that opens the map before it is shown
 * (`INLINE_SCRIPTS.sopMap`, src/site/csp.ts): "open" opens it; anything else, or blocked storage, leaves it closed.
 */
export function writeMapChoice(storage: () => Pick<Storage, 'setItem'>, choice: MapChoice): void {
  try {
    storage().setItem(MAP_CHOICE_KEY, choice);
  } catch {
    /* storage blocked: the map starts closed on the next page */
  }
}

/** Whether a URL fragment (`location.hash`) points at the map: `#process-map`, as the inline script checks it too. */
export function pointsAtMap(hash: string): boolean {
  return hash === `#${MAP_HEADING_ID}`;
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/**
 * The count beside the closed map's title: how big the map is, so a reader knows what opening it
 * shows. "6 tasks · 2 of other SOPs"; just "6 tasks" when the SOP waits for, and leads to, nothing else.
 */
export function mapSummaryCount(map: Pick<ProcessMap, 'tasks' | 'external'>): string {
  const tasks = plural(map.tasks, 'task', 'tasks');
  return map.external > 0 ? `${tasks} · ${map.external} of ${map.external === 1 ? 'another SOP' : 'other SOPs'}` : tasks;
}
