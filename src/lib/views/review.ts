import type { IsoDate } from '../../schemas';
import { addDuration, daysBetween } from '../run/dates';
import type { Library, SopEntry } from '../content/library';

/** Review state of SOPs: when each is next due for review, and which are overdue or due soon. */

export type ReviewState = { state: 'none' } | { state: 'ok' | 'due-soon' | 'overdue'; next: IsoDate; lastReviewed: IsoDate };

/** Whether an SOP's review is current, due within 30 days, or overdue. */
export function reviewStatus(sop: SopEntry, on: IsoDate): ReviewState {
  if (!sop.review) return { state: 'none' };
  const next = addDuration(sop.review.lastReviewed, sop.review.every);
  const left = daysBetween(next, on);
  return { state: left < 0 ? 'overdue' : left <= 30 ? 'due-soon' : 'ok', next, lastReviewed: sop.review.lastReviewed };
}

/** SOPs whose review is overdue or due within 30 days, most urgent first. */
export function reviewsDue(library: Library, on: IsoDate) {
  return library.sops
    .map((sop) => ({ sop, review: reviewStatus(sop, on) }))
    .filter((entry): entry is { sop: SopEntry; review: Extract<ReviewState, { next: IsoDate }> } => entry.review.state === 'overdue' || entry.review.state === 'due-soon')
    .sort((a, b) => a.review.next.localeCompare(b.review.next));
}
