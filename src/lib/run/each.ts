/**
 * Tasks repeated once per entry of a `list` question (`each: vars.projects`, issue 14 item 7). The
 * entry reaches the task and evidence text only through `renderEntry`, so a later Liquid rendering of
 * task text (item 6) can take it over in one place: give its context `entry` and drop the replacement.
 */

/** `{{ entry }}` (any spacing) in a task or evidence text. */
const ENTRY = /\{\{-?\s*entry\s*-?\}\}/g;

/** A repeated task's text with its entry in place of `{{ entry }}`; the text as written without `entry`. */
export function renderEntry(text: string, entry: string | undefined): string {
  return entry === undefined ? text : text.replace(ENTRY, () => entry);
}

/** The global id of the `n`-th (1-based) repeat of a task: `<sop-id>#<item-id>/<n>`. */
export function repeatId(globalId: string, n: number): string {
  return `${globalId}/${n}`;
}

/** The task a repeat's id belongs to (`a#b/2` → `a#b`); other ids unchanged. */
export function repeatedTaskId(globalId: string): string {
  return globalId.replace(/\/[1-9][0-9]*$/, '');
}

/** The question an `each:` names (`vars.projects` → `projects`). */
export function eachVar(each: string): string {
  return each.replace(/^vars\./, '');
}
