import { Temporal } from 'temporal-polyfill';
import type { Due } from '../../schemas/due';
import type { Duration } from '../../schemas/duration';
import type { IsoDate } from '../../schemas/common';
import type { DayOffRule, Weekday } from '../../schemas/company';

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

/** The day of the week, 1 (Monday) to 7 (Sunday). */
export function dayOfWeek(iso: IsoDate): number {
  return plain(iso).dayOfWeek;
}

/** Adds calendar days. */
export function addDays(iso: IsoDate, days: number): IsoDate {
  return plain(iso).add({ days }).toString();
}

/** Adds a duration such as `{ months: 6 }` (month ends clamp: 31 Aug + 6 months = 28/29 Feb). */
export function addDuration(iso: IsoDate, duration: Duration): IsoDate {
  return plain(iso).add(duration).toString();
}

/**
 * A calendar ready for counting: the working weekdays as a 7-slot table (Monday first) and the holidays
 * that fall on one of them, sorted and without repeats (a holiday on a Saturday takes no working day
 * away). Built once per calendar (again if its lists are replaced), so nothing walks it day by day.
 */
interface CountingCalendar {
  /** `works[dayOfWeek - 1]`: whether that weekday is in the workweek. */
  works: boolean[];
  /** How many weekdays are working days (1–7). */
  perWeek: number;
  /** Holidays on working weekdays, ascending. */
  holidays: IsoDate[];
  /** The lists it was built from. */
  source: WorkCalendar;
}

const counting = new WeakMap<WorkCalendar, CountingCalendar>();

function countingCalendar(calendar: WorkCalendar): CountingCalendar {
  const { workweek, holidays } = calendar;
  let prepared = counting.get(calendar);
  // A calendar given new lists (not the same arrays) is prepared again.
  if (!prepared || prepared.source.workweek !== workweek || prepared.source.holidays !== holidays) {
    const weekdays = new Set(workweek.map((day) => WEEKDAY_NUMBER[day]));
    const works = [1, 2, 3, 4, 5, 6, 7].map((number) => weekdays.has(number));
    const onWorkdays = [...new Set(holidays)].filter((iso) => works[plain(iso).dayOfWeek - 1]).sort();
    prepared = { works, perWeek: weekdays.size, holidays: onWorkdays, source: { workweek, holidays } };
    counting.set(calendar, prepared);
  }
  return prepared;
}

/** Holidays (on working weekdays) after `from` and up to `to` inclusive; `from` ≤ `to`. */
function holidaysIn(prepared: CountingCalendar, from: IsoDate, to: IsoDate): number {
  return prepared.holidays.filter((iso) => iso > from && iso <= to).length;
}

/** Whether the day is a working day of the calendar (in the workweek and not a holiday). */
export function isWorkingDay(iso: IsoDate, calendar: WorkCalendar): boolean {
  const prepared = countingCalendar(calendar);
  return prepared.works[plain(iso).dayOfWeek - 1]! && !prepared.holidays.includes(iso);
}

/** Working weekdays (holidays not taken off) in the `days` days after `from`: whole weeks, then the rest. */
function weekdaysIn(prepared: CountingCalendar, from: Temporal.PlainDate, days: number): number {
  const weeks = Math.floor(days / 7);
  let count = weeks * prepared.perWeek;
  for (let offset = 1, weekday = from.dayOfWeek; offset <= days % 7; offset++) count += prepared.works[(weekday + offset - 1) % 7]! ? 1 : 0;
  return count;
}

/**
 * The day `count` working weekdays from `from` (holidays not skipped), in the direction of `step`:
 * whole weeks arithmetically, then at most a week day by day.
 */
function stepWeekdays(prepared: CountingCalendar, from: Temporal.PlainDate, count: number, step: 1 | -1): Temporal.PlainDate {
  const weeks = Math.floor((count - 1) / prepared.perWeek);
  let date = from.add({ days: step * 7 * weeks });
  for (let left = count - weeks * prepared.perWeek; left > 0; ) {
    date = date.add({ days: step });
    if (prepared.works[date.dayOfWeek - 1]) left -= 1;
  }
  return date;
}

/**
 * Moves `days` working days from `iso` (backwards when negative). `0` keeps the date even when it is
 * not a working day: a deadline of "the contract end" is that day, whatever it is. Counts whole weeks
 * arithmetically, then steps over the holidays it passed: time grows with the holidays, not the span.
 */
export function addBusinessDays(iso: IsoDate, days: number, calendar: WorkCalendar): IsoDate {
  if (calendar.workweek.length === 0) throw new Error('The workweek has no working days.');
  const prepared = countingCalendar(calendar);
  const step = days < 0 ? -1 : 1;
  let date = plain(iso);
  // Each pass lands `left` working weekdays further; the holidays among them are still owed, and the
  // ranges of successive passes do not overlap, so this ends after at most one pass per holiday.
  for (let left = Math.abs(days); left > 0; ) {
    const next = stepWeekdays(prepared, date, left, step);
    const [from, to] = step > 0 ? [date.toString(), next.toString()] : [next.add({ days: -1 }).toString(), date.add({ days: -1 }).toString()];
    left = holidaysIn(prepared, from, to);
    date = next;
  }
  return date.toString();
}

/** Working days from `from` (exclusive) up to `to` (inclusive); negative when `to` is earlier. */
export function businessDaysBetween(from: IsoDate, to: IsoDate, calendar: WorkCalendar): number {
  const days = daysBetween(to, from);
  if (days < 0) return 0 - businessDaysBetween(to, from, calendar); // 0 − n, never −0
  const prepared = countingCalendar(calendar);
  return weekdaysIn(prepared, plain(from), days) - holidaysIn(prepared, from, to);
}

const DAY_OFF_STEP: Record<DayOffRule, -1 | 0 | 1> = { earlier: -1, later: 1, keep: 0 };

/**
 * The day a task is due when its date falls on a day off, as `company.dueOnDayOff` says: the working
 * day before (`earlier`), the one after (`later`), or the same day (`keep`). A working day stays.
 */
export function toWorkingDay(iso: IsoDate, rule: DayOffRule, calendar: WorkCalendar): IsoDate {
  const step = DAY_OFF_STEP[rule];
  return step === 0 || isWorkingDay(iso, calendar) ? iso : addBusinessDays(iso, step, calendar);
}

/** The anchor dates a due offset counts from. */
export interface Anchors {
  end: IsoDate;
  notice: IsoDate;
}

/**
 * The real date of a due offset for one client: anchor + offset, in calendar or working days. An offset
 * from another task or a date var counts from `from` (that task's due date, the var's value); without
 * one it has no date (null).
 */
export function resolveDue(due: Due, anchors: Anchors, calendar: WorkCalendar, from: IsoDate | null = null): IsoDate | null {
  const anchor = due.anchor === 'end' || due.anchor === 'notice' ? anchors[due.anchor] : from;
  if (anchor === null) return null;
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
  /** "Nov 19, 2026": where a weekday would not fit (the printout's write-in "Date" line, the diff). */
  day: { day: 'numeric', month: 'short', year: 'numeric' },
  iso: null,
} as const satisfies Record<string, Intl.DateTimeFormatOptions | null>;
export type DateFormat = keyof typeof DATE_FORMATS;

// One Intl formatter per locale and format: building one costs far more than using it, and a client
// page formats a few hundred dates (Temporal's toLocaleString builds a new one on every call).
const formatters = new Map<string, Intl.DateTimeFormat>();
/** Dates already written, by locale, format and date: a build writes the same few hundred days thousands of times. */
const formatted = new Map<string, string>();
const FORMATTED_KEPT = 20_000;

/** Formats a calendar date in the locale (`long` → "Friday, January 29, 2027"). */
export function formatDate(iso: IsoDate, format: DateFormat, locale: string): string {
  const options = DATE_FORMATS[format];
  if (options === null) return iso;
  const key = `${locale}\u0000${format}`;
  const known = formatted.get(`${key}\u0000${iso}`);
  if (known !== undefined) return known;
  let formatter = formatters.get(key);
  if (!formatter) {
    // The date is placed at midnight UTC and formatted in UTC: the same calendar day in every TZ.
    formatter = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
    formatters.set(key, formatter);
  }
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  const instant = new Date(0);
  instant.setUTCFullYear(year, month - 1, day);
  const text = formatter.format(instant);
  if (formatted.size >= FORMATTED_KEPT) formatted.clear();
  formatted.set(`${key}\u0000${iso}`, text);
  return text;
}
