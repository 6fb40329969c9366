import { Window } from 'happy-dom';

// Mermaid needs a DOM when its module body runs (DOMPurify hooks in at import time), though not to
// parse afterwards. This module is imported just before mermaid and lends it a window; mermaid.ts
// takes it back right after, so the rest of the process (Astro's build) never sees a fake `window`.
const global = globalThis as { window?: unknown };
const lent = global.window === undefined;
if (lent) global.window = new Window();

/** Removes the window this module lent, if it lent one. */
export function returnWindow(): void {
  if (lent) delete global.window;
}
