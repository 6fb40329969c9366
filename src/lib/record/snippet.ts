/**
 * The YAML a reader of the static site pastes into a client file to record the ticks kept in their
 * browser ("Record N ticks"): the very lines `setDoneEntry` (yaml-edit.ts) would add for the same
 * entries, so recording by hand on the git host and recording with `npm run done` or the dev server
 * give the same file. Browser-safe and dependency-free: the client page's script builds it.
 */

/** One tick to record: the task's global id, who did it (a person id) and the day it was ticked. */
export interface TickToRecord {
  globalId: string;
  by: string;
  on: string;
}

export interface SnippetOptions {
  /** Whether the client file already has a `done:` record (then only the entries are added under it). */
  hasDone: boolean;
  /** The indentation of the entries under `done:` (default two spaces, as `setDoneEntry` writes a new record). */
  indent?: string;
}

// Ids and dates are plain YAML scalars as they are; anything else (it cannot come from a page, but a
// hand-edited localStorage could hold anything) is written as a JSON string, which YAML reads the same.
const PLAIN_KEY = /^[a-z0-9]+(?:-[a-z0-9]+)*(?:\/[a-z0-9]+(?:-[a-z0-9]+)*)*#[a-z0-9]+(?:-[a-z0-9]+)*$/;
const PLAIN_VALUE = /^(?:[a-z0-9]+(?:-[a-z0-9]+)*|\d{4}-\d{2}-\d{2})$/;
const scalar = (value: string, plain: RegExp) => (plain.test(value) ? value : JSON.stringify(value));

/**
 * `done:` entries for ticks, one line each, in the order given, ending with a line break:
 * `  confirm-end-date#send-confirmation: { on: 2026-11-24, by: theo-okafor }`, under a `done:` line
 * when the file has no record yet.
 */
export function doneSnippet(ticks: readonly TickToRecord[], options: SnippetOptions): string {
  const indent = options.indent ?? '  ';
  const lines = ticks.map((tick) => `${indent}${scalar(tick.globalId, PLAIN_KEY)}: { on: ${scalar(tick.on, PLAIN_VALUE)}, by: ${scalar(tick.by, PLAIN_VALUE)} }`);
  if (lines.length === 0) return '';
  return `${[...(options.hasDone ? [] : ['done:']), ...lines].join('\n')}\n`;
}
