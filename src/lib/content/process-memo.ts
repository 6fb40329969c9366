import type { LoadMemo } from './load';

/**
 * The parsed content files of this process, shared by every load that asks for it: the build's
 * pre-flight (`validateProject`) parses the project once, and the content loaders that run next in
 * the same `astro build` find each file already parsed. Entries are keyed by path and the file's git
 * blob id (a hash of its text, see `loadContent`), so a file changed in between is parsed again and
 * never served stale. It lives on `globalThis` because Astro runs the integration and the loaders in
 * separate module graphs (Node's, then Vite's): a module-level Map would exist twice.
 */
const KEY = Symbol.for('sendoff.content-memo');

export function processMemo(): LoadMemo {
  const holder = globalThis as { [KEY]?: LoadMemo };
  holder[KEY] ??= new Map();
  return holder[KEY];
}
