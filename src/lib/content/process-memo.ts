import type { LoadMemo } from './load';
import { processSlot } from '../process-slot';

/**
 * The parsed content files of this process, shared by every load that asks for it: the build's
 * pre-flight (`validateProject`) parses the project once, and the content loaders that run next in
 * the same `astro build` find each file already parsed. Entries are keyed by path and the file's git
 * blob id (a hash of its text, see `loadContent`), so a file changed in between is parsed again and
 * never served stale. It lives in a process slot (../process-slot.ts): the integration and the loaders
 * are separate module graphs.
 */
const memo = processSlot<LoadMemo>('content-memo');

export function processMemo(): LoadMemo {
  let shared = memo.get();
  if (!shared) memo.set((shared = new Map()));
  return shared;
}
