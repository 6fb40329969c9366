import type { IsoDate } from '../../schemas/common';

/**
 * A run's ticks as stored in the browser, and the counts the progress bar shows. Kept apart from
 * `progress.ts` (which builds the keys at render time) so the client page's script stays a few KB.
 */

/** A run's ticks: progress key → the reader's calendar date when it was ticked. */
export type Ticks = Record<string, IsoDate>;

/** Reads a stored record, tolerating anything (an old format, a hand edit): bad entries are dropped. */
export function parseTicks(stored: string | null): Ticks {
  if (!stored) return {};
  try {
    const value: unknown = JSON.parse(stored);
    if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
    return Object.fromEntries(
      Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(entry[1])),
    );
  } catch {
    return {};
  }
}

export interface ProgressSummary {
  done: number;
  total: number;
  requiredLeft: number;
  /** Not ticked and due before `today`. */
  overdue: number;
}

/** Counts a run's progress from its items and ticks. */
export function summarizeProgress(
  items: readonly { key: string; required: boolean; dueDate: IsoDate | null }[],
  ticks: Ticks,
  today: IsoDate,
): ProgressSummary {
  let done = 0;
  let requiredLeft = 0;
  let overdue = 0;
  for (const item of items) {
    if (ticks[item.key]) done += 1;
    else {
      if (item.required) requiredLeft += 1;
      if (item.dueDate !== null && item.dueDate < today) overdue += 1;
    }
  }
  return { done, total: items.length, requiredLeft, overdue };
}
