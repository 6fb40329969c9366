import type { ChangeHead } from './types';

/**
 * The one skeleton every kind of entry is compared with (SOPs, tasks, emails, playbooks, roles,
 * people, phases, client records, the company settings): match the two versions by id, pair renames,
 * then report what is new, renamed, changed and removed. What differs between kinds is passed in.
 */

export interface EntryKind<T, R> {
  /** The entry's id; default its `id` property. */
  key?: (entry: T) => string;
  /**
   * How to recognise a removed and an added entry as one entry under a new id: first `same` pairs
   * (the content is identical), then `similar` ones (the same title). No renames without it.
   */
  rename?: { same: (before: T, after: T) => boolean; similar?: (before: T, after: T) => boolean };
  /**
   * Whether an entry that kept its id certainly did not change, so it is not compared at all; default:
   * it is the same parsed object (the loader shares the entries of unchanged files).
   */
  unchanged?: (before: T, after: T) => boolean;
  added: (entry: T) => R;
  removed: (entry: T) => R;
  /** What changed; `renames` (new id → old id) are every rename of this kind, to read old references. */
  changed: (before: T, after: T, renames: ReadonlyMap<string, string>) => R;
  /** Whether a change holds nothing to report; a renamed entry is reported all the same. */
  isEmpty: (change: R) => boolean;
}

/**
 * Pairs removed and added entries that are the same thing under a new id: first those for which
 * `same` holds, then those for which `similar` does. Returns new id → old id.
 */
function pairRenames<T>(removed: readonly T[], added: readonly T[], key: (entry: T) => string, rename: NonNullable<EntryKind<T, unknown>['rename']>): Map<string, string> {
  const pairs = new Map<string, string>();
  const taken = new Set<string>();
  for (const test of [rename.same, rename.similar]) {
    if (!test) continue;
    for (const next of added) {
      if (pairs.has(key(next))) continue;
      const previous = removed.find((old) => !taken.has(key(old)) && test(old, next));
      if (previous) {
        pairs.set(key(next), key(previous));
        taken.add(key(previous));
      }
    }
  }
  return pairs;
}

/**
 * Changes between two lists of entries, in the head version's order, removed entries last; and the
 * renames found (new id → old id). `C` is the kind's change; the kind's callbacks give all of it but
 * its head (`change`, `id`, `previousId`), which is the same for every kind.
 */
export function diffEntries<T, C extends ChangeHead>(
  before: readonly T[],
  after: readonly T[],
  kind: EntryKind<T, Omit<C, keyof ChangeHead>>,
): { changes: C[]; renames: Map<string, string> } {
  const key = kind.key ?? ((entry: T) => (entry as { id: string }).id);
  const unchanged = kind.unchanged ?? ((a: T, b: T) => a === b);
  const old = new Map(before.map((entry) => [key(entry), entry]));
  const next = new Set(after.map(key));
  const removed = before.filter((entry) => !next.has(key(entry)));
  const added = after.filter((entry) => !old.has(key(entry)));
  const renames = kind.rename ? pairRenames(removed, added, key, kind.rename) : new Map<string, string>();
  const renamedFrom = new Set(renames.values());
  const changes: C[] = [];
  const push = (head: ChangeHead, rest: Omit<C, keyof ChangeHead>) => changes.push({ ...head, ...rest } as C);
  for (const entry of after) {
    const id = key(entry);
    const previousId = renames.get(id);
    const previous = old.get(previousId ?? id);
    if (!previous) {
      push({ change: 'added', id }, kind.added(entry));
      continue;
    }
    if (!previousId && unchanged(previous, entry)) continue;
    const change = kind.changed(previous, entry, renames);
    if (previousId) push({ change: 'renamed', id, previousId }, change);
    else if (!kind.isEmpty(change)) push({ change: 'changed', id }, change);
  }
  for (const entry of removed) {
    if (!renamedFrom.has(key(entry))) push({ change: 'removed', id: key(entry) }, kind.removed(entry));
  }
  return { changes, renames };
}

/** Base id → head id, from the head id → base id map `diffEntries` returns. */
export const invertRenames = (renames: ReadonlyMap<string, string>) => new Map([...renames].map(([next, old]) => [old, next]));

/** A global item id (`<sop-id>#<item-id>`) with its SOP's new id, given base id → head id. */
export function renameGlobalId(globalId: string, oldToNew: ReadonlyMap<string, string>): string {
  const [sop, item] = globalId.split('#') as [string, string];
  return oldToNew.has(sop) ? `${oldToNew.get(sop)}#${item}` : globalId;
}
