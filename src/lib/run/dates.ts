import { Temporal } from 'temporal-polyfill';
import type { Due } from '../../schemas/due';
import type { Duration } from '../../schemas/duration';
import type { IsoDate } from '../../schemas/common';
import type { Weekday } from '../../schemas/company';

/**
 * Calendar arithmetic on ISO dates (`2027-01-29`). Everything goes through Temporal.PlainDate, which
 * has no time and no time zone: a date computed here is the same day in every `TZ`, across DST changes
 * and year ends. (A JS `Date` is an instant, and `new Date('2027-01-29')` is the 28th in New York.)
 */

/** The working calendar that business-day (`bd`) offsets count. */
export interface WorkCalendar {
  workweek: readonly Weekday[];
  holidays: readonly IsoDate[];
}

const WEEKDAY_NUMBER: Record<Weekday, number> = { mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sun: 7 };

const plain = (iso: IsoDate) => Temporal.PlainDate.from(iso);

/** `a` minus `b` in calendar days (positive when `a` is later). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return plain(b).until(plain(a), { largestUnit: 'days' }).days;
}

/** Adds calendar days. */
export function addDays(iso: IsoDate, days: number): IsoDate {
  return plain(iso).add({ days }).toString();
}

/** Adds a duration such as `{ months: 6 }` (month ends clamp: 31 Aug + 6 months = 28/29 Feb). */
export function addDuration(iso: IsoDate, duration: Duration): IsoDate {
  return plain(iso).add(duration).toString();
}

/** Whether the day is a working day of the calendar (in the workweek and not a holiday). */
export function isWorkingDay(iso: IsoDate, calendar: WorkCalendar): boolean {
  const dayOfWeek = plain(iso).dayOfWeek;
  return calendar.workweek.some((day) => WEEKDAY_NUMBER[day] === dayOfWeek) && !calendar.holidays.includes(iso);
}

/**
 * Moves `days` working days from `iso` (backwards when negative). `0` keeps the date even when it is
 * not a working day: a deadline of "the contract end" is that day, whatever it is.
 */
export function addBusinessDays(iso: IsoDate, days: number, calendar: WorkCalendar): IsoDate {
  if (calendar.workweek.length === 0) throw new Error('The workweek has no working days.');
  const step = Math.sign(days);
  let date = iso;
  for (let left = Math.abs(days); left > 0; ) {
    date = addDays(date, step);
    if (isWorkingDay(date, calendar)) left -= 1;
  }
  return date;
}

/** Working days from `from` (exclusive) up to `to` (inclusive); negative when `to` is earlier. */
export function businessDaysBetween(from: IsoDate, to: IsoDate, calendar: WorkCalendar): number {
  const sign = daysBetween(to, from) >= 0 ? 1 : -1;
  let count = 0;
  for (let date = from; date !== to; ) {
    date = addDays(date, sign);
    const counted = sign > 0 ? date : addDays(date, 1);
    if (isWorkingDay(counted, calendar)) count += sign;
  }
  return count;
}

/** The anchor dates a due offset counts from. */
export interface Anchors {
  end: IsoDate;
  notice: IsoDate;
}

/** The real date of a due offset for one client: anchor + offset, in calendar or working days. */
export function resolveDue(due: Due, anchors: Anchors, calendar: WorkCalendar): IsoDate {
  const anchor = anchors[due.anchor];
  return due.unit === 'business' ? addBusinessDays(anchor, due.days, calendar) : addDays(anchor, due.days);
}

/** The day notice was given: the record's own date, or `end` minus the company's notice period. */
export function noticeDate(contract: { end: IsoDate; notice?: IsoDate | undefined }, noticeDays: number): IsoDate {
  return contract.notice ?? addDays(contract.end, -noticeDays);
}

export { today } from './today';

/** Named date formats, the only ones the `date` template filter accepts. */
export const DATE_FORMATS = {
  long: { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' },
  medium: { year: 'numeric', month: 'long', day: 'numeric' },
  short: { month: 'short', day: 'numeric' },
  weekday: { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' },
  iso: null,
} as const satisfies Record<string, Intl.DateTimeFormatOptions | null>;
export type DateFormat = keyof typeof DATE_FORMATS;

// One Intl formatter per locale and format: building one costs far more than using it, and a client
// page formats a few hundred dates (Temporal's toLocaleString builds a new one on every call).
const formatters = new Map<string, Intl.DateTimeFormat>();

/** Formats a calendar date in the locale (`long` → "Friday, January 29, 2027"). */
export function formatDate(iso: IsoDate, format: DateFormat, locale: string): string {
  const options = DATE_FORMATS[format];
  if (options === null) return iso;
  const key = `${locale}\u0000${format}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    // The date is placed at midnight UTC and formatted in UTC: the same calendar day in every TZ.
    formatter = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
    formatters.set(key, formatter);
  }
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  const instant = new Date(0);
  instant.setUTCFullYear(year, month - 1, day);
  return formatter.format(instant);
}
