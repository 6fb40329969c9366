import didYouMean from 'didyoumean2';
import { allPlaybookItems, type ClientEntry, type Library, type LibraryItem, type PlaybookEntry } from '../content/library';
import { buildRun } from '../run/build-run';
import { repeatedTaskId } from '../run/each';

/**
 * Which tasks a client's record may name: the items of its run (the playbook's items, minus `skip`,
 * minus those whose `when:` is false for this client), and, for a clear message, the ones the run
 * leaves out and why. `check` judges `done:` keys by it and `npm run done` finds the task a user typed.
 */
export interface RunScope {
  playbook: PlaybookEntry;
  /** The tasks of the client's run, by global id, in playbook order (with their `answer:` specs). */
  items: Map<string, LibraryItem>;
  /** Tasks the playbook lists that this client's run leaves out, by global id. */
  leftOut: Map<string, LeftOut>;
}

/** A task the playbook lists but the client's run does not include, and why. */
export type LeftOut =
  | { item: LibraryItem; reason: 'skip' }
  | { item: LibraryItem; reason: 'when'; when: string }
  /** Repeated once per entry of the list question `each` (`projects`), which this client left empty. */
  | { item: LibraryItem; reason: 'each'; each: string };

/**
 * The client's run scope, or null when it cannot be known: the playbook does not exist, or a `when:`
 * condition cannot be evaluated (the `reference` and `when` rules report those).
 */
export function runScope(library: Library, client: ClientEntry): RunScope | null {
  const playbook = library.playbookById.get(client.playbook);
  if (!playbook) return null;
  let run;
  try {
    run = buildRun(client, playbook, library, { emails: false });
  } catch {
    return null;
  }
  const listed = new Map(allPlaybookItems(library, playbook).map((item) => [item.globalId, item]));
  // A task repeated per list entry (`each:`) is in the run as `<id>/1`, `<id>/2`, …, each with its own text.
  const inRun = new Map<string, { globalId: string; task: string }[]>();
  for (const item of run.items) {
    const base = repeatedTaskId(item.globalId);
    inRun.set(base, [...(inRun.get(base) ?? []), item]);
  }
  const items = new Map(
    [...listed].flatMap(([id, item]) =>
      (inRun.get(id) ?? []).map((found): [string, LibraryItem] => [found.globalId, found.globalId === id ? item : { ...item, globalId: found.globalId, task: found.task }]),
    ),
  );
  const leftOut = new Map<string, LeftOut>();
  for (const id of playbook.skip) {
    const item = listed.get(id);
    if (item) leftOut.set(id, { item, reason: 'skip' });
  }
  for (const left of run.excluded) {
    const item = listed.get(left.globalId)!;
    leftOut.set(left.globalId, 'when' in left ? { item, reason: 'when', when: left.when } : { item, reason: 'each', each: left.each });
  }
  return { playbook, items, leftOut };
}

/** Why a task is not in the client's run, as a clause: "the playbook "x" skips it (`skip:`)". */
export function leftOutReason(scope: RunScope, left: LeftOut): string {
  if (left.reason === 'skip') return `the playbook "${scope.playbook.id}" skips it (\`skip:\`)`;
  if (left.reason === 'each') return `it repeats once per entry of \`vars.${left.each}\`, and this client's list has none`;
  return `its condition \`when: ${left.when}\` is false for this client`;
}

/** Why a task id is not in the client's run, with a suggestion: shared by `check` and `npm run done`. */
export interface NotInRun {
  message: string;
  hint: string;
}

/** What to say about a global id that is not in the run (null when it is). */
export function notInRun(library: Library, scope: RunScope, globalId: string): NotInRun | null {
  if (scope.items.has(globalId)) return null;
  // A repeat (`<id>/2`) of a task left out whole (an empty list, a false condition) is left out for the same reason.
  const left = scope.leftOut.get(globalId) ?? scope.leftOut.get(repeatedTaskId(globalId));
  if (left) {
    return {
      message: `"${left.item.task}" is not in this client's run: ${leftOutReason(scope, left)}`,
      hint: {
        skip: 'remove this entry: nobody has to do a task the run leaves out',
        when: "remove this entry, or, if the task did apply, correct the client's answers the condition reads",
        each: `remove this entry, or, if the task did apply, add its entries to the client's vars${left.reason === 'each' ? `.${left.each}` : ''}`,
      }[left.reason],
    };
  }
  const known = library.itemById.get(globalId);
  if (known) {
    return {
      message: `"${known.task}" is not in this client's run: the playbook "${scope.playbook.id}" does not include the SOP "${known.sopId}"`,
      hint: 'remove this entry, or record it on the client whose run has it',
    };
  }
  const suggestion = didYouMean(globalId, [...scope.items.keys()]);
  return {
    message: `no task "${globalId}" in this client's run (playbook "${scope.playbook.id}")`,
    hint: suggestion ? `did you mean "${suggestion}"? A task is named by its global id, <sop-id>#<item-id>.` : 'a task is named by its global id, <sop-id>#<item-id>, as its SOP page and the client page show it',
  };
}

/**
 * The task a user typed: a global id (`confirm-end-date#send-confirmation`) or an item id unique in the
 * client's run (`send-confirmation`). Otherwise why not, with "did you mean".
 */
export function findRunItem(library: Library, scope: RunScope, text: string): { item: LibraryItem } | { problem: NotInRun } {
  const exact = scope.items.get(text);
  if (exact) return { item: exact };
  if (text.includes('#')) return { problem: notInRun(library, scope, text)! };
  const local = [...scope.items.values()].filter((item) => item.globalId.endsWith(`#${text}`));
  if (local.length === 1) return { item: local[0]! };
  if (local.length > 1) {
    return {
      problem: {
        message: `${local.length} tasks in this client's run have the id "${text}": ${local.map((item) => `${item.globalId} ("${item.task}")`).join(', ')}`,
        hint: 'give the global id, <sop-id>#<item-id>',
      },
    };
  }
  const left = [...scope.leftOut.keys()].find((id) => id.endsWith(`#${text}`));
  if (left) return { problem: notInRun(library, scope, left)! };
  const ids = [...scope.items.keys()];
  const suggestion = didYouMean(text, [...ids, ...ids.map((id) => id.slice(id.indexOf('#') + 1))]);
  return {
    problem: {
      message: `no task "${text}" in this client's run (playbook "${scope.playbook.id}")`,
      hint: suggestion ? `did you mean "${suggestion}"?` : 'give a task\'s global id, <sop-id>#<item-id>, or its item id; the client page lists them',
    },
  };
}
