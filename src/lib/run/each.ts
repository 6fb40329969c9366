/**
 * Tasks repeated once per entry of a `list` question (`each: vars.projects`, issue 14 item 7). The
 * entry is `{{ entry }}` in the task's context when its text is rendered (`renderTaskText`, task-text.ts).
 */

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
