import { dateProblem, type IsoDate } from '../../schemas/common';

/**
 * Today's calendar date in a time zone (the team's, so "today" does not flip at UTC midnight). Intl
 * alone answers this, so browser code that only needs today (overdue marks on a client page) does not
 * have to ship a Temporal polyfill.
 */
export function today(timeZone: string, now: Date = new Date()): IsoDate {
  const parts = dayFormat(timeZone).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((entry) => entry.type === type)!.value;
  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
}

/** One formatter per time zone: making one costs more than using it, and every SOP page's history asks. */
const dayFormats = new Map<string, Intl.DateTimeFormat>();
function dayFormat(timeZone: string): Intl.DateTimeFormat {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timeZone, format);
  }
  return format;
}

/**
 * The date a build, `check` or `diff` treats as today: `override` (a fixed date for reproducible runs,
 * from `--today` or `SENDOFF_TODAY`, read by the caller) or today in the team's time zone.
 */
export function resolveToday(timeZone: string, override?: string): IsoDate {
  if (override === undefined || override === '') return today(timeZone);
  const problem = dateProblem(override);
  if (problem) throw new TodayError(problem);
  return override;
}

/** A `--today` or `SENDOFF_TODAY` that is not a date: a usage mistake, reported without a stack trace. */
export class TodayError extends Error {
  constructor(problem: string) {
    super(`the date to treat as today: ${problem}`);
    this.name = 'TodayError';
  }
}
