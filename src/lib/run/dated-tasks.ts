import { playbookRunItems, type Library, type LibraryItem, type PlaybookEntry } from '../content/library';
import { anchorItemId } from './anchors';
import { repeatedTaskId } from './each';

/**
 * Which tasks of a playbook have a date in `dates` (the template context, issue 14 item 8), and which
 * only for some clients: `check` lets an email print `{{ dates["…"] }}` unguarded only when every
 * client's run of every playbook sending it dates that task. Mirrors `buildRun`: a task is dated when
 * it has a `due` and its anchor task (if any) is dated; a `when:` (its own, its SOP's in the playbook)
 * or an `each:` leaves it out of some runs, and so does an anchor task that is left out.
 */

/** A dated task of a playbook: null when every client's run dates it, else why some runs lack it. */
export type DatedTask = { gap: string | null; each: boolean };

/** The dated tasks of a playbook by global id (an `each:` task by its own id: its repeats are `<id>/<n>`). */
export function datedTasks(library: Library, playbook: PlaybookEntry): Map<string, DatedTask> {
  const items = new Map(playbookRunItems(library, playbook).map((item) => [item.globalId, item]));
  const dated = new Map<string, DatedTask | null>();
  const resolve = (id: string, visiting: Set<string>): DatedTask | null => {
    if (dated.has(id)) return dated.get(id)!;
    const item = items.get(id);
    if (!item?.due || visiting.has(id)) return null;
    visiting.add(id);
    const anchorId = anchorItemId(item.due, id.slice(0, id.lastIndexOf('#')));
    const anchor = anchorId === null ? undefined : resolve(anchorId, visiting);
    const result: DatedTask | null = anchor === null ? null : { gap: ownGap(item) ?? anchor?.gap ?? null, each: item.each !== undefined };
    dated.set(id, result);
    return result;
  };
  const found = new Map<string, DatedTask>();
  for (const id of items.keys()) {
    const task = resolve(id, new Set());
    if (task) found.set(id, task);
  }
  return found;
}

/** Why a client's run may leave this very task out, in the words of its field. */
function ownGap(item: LibraryItem): string | null {
  if (item.sopWhen) return `its SOP runs only when \`${item.sopWhen}\``;
  if (item.when) return `it runs only when \`${item.when}\``;
  if (item.each) return `it repeats once per entry of \`${item.each}\`, as many times as the client's list has entries`;
  return null;
}

/** The dated task a `dates` key reads (a repeat `<id>/<n>` reads its `each:` task), or undefined. */
export function datedTask(tasks: ReadonlyMap<string, DatedTask>, key: string): DatedTask | undefined {
  const task = tasks.get(key);
  if (task) return task.each ? undefined : task;
  const repeated = tasks.get(repeatedTaskId(key));
  return repeated?.each && key !== repeatedTaskId(key) ? repeated : undefined;
}

/** The keys `dates` may have in a playbook's runs, a repeated task as its first repeat (for "did you mean"). */
export function dateKeys(tasks: ReadonlyMap<string, DatedTask>): string[] {
  return [...tasks].map(([id, task]) => (task.each ? `${id}/1` : id));
}
