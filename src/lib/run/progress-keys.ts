import { formatDue, type Due } from '../../schemas/due';

/**
 * Progress ticks live in the reader's browser (localStorage), one record per client: never on a
 * server, never in the page. A tick is keyed by the item's global id and a hash of what the item asks
 * (its task and its due offset), so a rebuild that leaves an item alone keeps its tick, and an item whose
 * task is rewritten asks to be ticked again. The task is hashed as this client reads it, its Liquid
 * filled in: a repeat (`each:`) whose entry changed, `/2` now another project, asks again too. The
 * contract dates are not part of the key: moving a client's end date moves every due date but does
 * not undo work already done.
 */

/** 32-bit FNV-1a as 8 hex digits: short, stable across engines, and enough to notice an edited task. */
export function hashText(text: string): string {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/** The key of one item's tick: `<global id>@<hash of task and due>`. */
export function progressKey(item: { globalId: string; task: string; due: Due | null | undefined }): string {
  return `${item.globalId}@${hashText(`${item.task}\u0000${formatDue(item.due)}`)}`;
}

/** Where a run's ticks are stored: client pages and generated runs never share a record. */
export function progressStorageKey(source: 'client' | 'generated', clientId: string): string {
  return `sendoff:progress:${source}:${clientId}`;
}
