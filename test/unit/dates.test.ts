import { afterEach, describe, expect, it } from 'vitest';
import { addBusinessDays, addDays, addDuration, businessDaysBetween, daysBetween, formatDate, isWorkingDay, resolveDue, today, toWorkingDay, type WorkCalendar } from '../../src/lib/run/dates';

const monFri: WorkCalendar = { workweek: ['mon', 'tue', 'wed', 'thu', 'fri'], holidays: [] };
const withHolidays: WorkCalendar = { ...monFri, holidays: ['2026-12-25', '2027-01-01'] };
const originalTz = process.env.TZ;
afterEach(() => {
  process.env.TZ = originalTz;
});

describe('business days', () => {
  it.each([
    // from, days, calendar, expected
    ['2027-01-29', -10, monFri, '2027-01-15'], // Fri back two weeks
    ['2027-01-29', 1, monFri, '2027-02-01'], // Fri + 1 → Mon
    ['2027-01-30', 0, monFri, '2027-01-30'], // 0 keeps a Saturday
    ['2027-01-30', -1, monFri, '2027-01-29'], // Sat − 1 → Fri
    ['2026-12-24', 1, withHolidays, '2026-12-28'], // skips Christmas and the weekend
    ['2026-12-31', 1, withHolidays, '2027-01-04'], // skips New Year's Day and the weekend
    ['2027-01-04', -1, withHolidays, '2026-12-31'], // and backwards across the year end
  ] as const)('%s %+d working days is %s', (from, days, calendar, expected) => {
    expect(addBusinessDays(from, days, calendar)).toBe(expected);
  });

  it('honours a Sunday–Thursday workweek', () => {
    const sunThu: WorkCalendar = { workweek: ['sun', 'mon', 'tue', 'wed', 'thu'], holidays: [] };
    expect(addBusinessDays('2027-01-28', 1, sunThu)).toBe('2027-01-31'); // Thu + 1 → Sun
  });

  it('counts working days left', () => {
    expect(businessDaysBetween('2026-11-25', '2026-12-04', monFri)).toBe(7);
    expect(businessDaysBetween('2026-12-04', '2026-11-25', monFri)).toBe(-7);
    expect(businessDaysBetween('2026-11-25', '2026-11-25', monFri)).toBe(0);
  });
});

describe('working days in linear time', () => {
  // The obvious day-by-day walk, kept here as the reference the arithmetic must agree with.
  function walkBetween(from: string, to: string, calendar: WorkCalendar): number {
    const sign = daysBetween(to, from) >= 0 ? 1 : -1;
    let count = 0;
    for (let date = from; date !== to; ) {
      date = addDays(date, sign);
      if (isWorkingDay(sign > 0 ? date : addDays(date, 1), calendar)) count += sign;
    }
    return count;
  }
  function walkAdd(from: string, days: number, calendar: WorkCalendar): string {
    let date = from;
    for (let left = Math.abs(days); left > 0; ) {
      date = addDays(date, Math.sign(days));
      if (isWorkingDay(date, calendar)) left -= 1;
    }
    return date;
  }
  const calendars: [string, WorkCalendar][] = [
    ['Mon–Fri', monFri],
    ['Mon–Fri with holidays, one on a Saturday and one twice', { ...monFri, holidays: ['2026-12-25', '2027-01-01', '2026-12-26', '2026-12-25', '2027-01-18'] }],
    ['Sun–Thu', { workweek: ['sun', 'mon', 'tue', 'wed', 'thu'], holidays: ['2027-01-03'] }],
    ['one day a week', { workweek: ['wed'], holidays: ['2026-12-30'] }],
    ['every day', { workweek: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], holidays: ['2027-01-01'] }],
  ];
  const starts = ['2026-12-19', '2026-12-24', '2026-12-25', '2026-12-27', '2026-12-31', '2027-01-01', '2027-01-06'];

  it.each(calendars)('agrees with a day-by-day walk (%s)', (_name, calendar) => {
    for (const from of starts) {
      for (const offset of [-40, -17, -8, -7, -6, -1, 0, 1, 2, 5, 6, 7, 8, 13, 29, 61]) {
        const to = addDays(from, offset);
        expect(businessDaysBetween(from, to, calendar), `${from} → ${to}`).toBe(walkBetween(from, to, calendar));
        expect(addBusinessDays(from, offset, calendar), `${from} ${offset}bd`).toBe(walkAdd(from, offset, calendar));
      }
    }
  });

  it('counts a century by weeks, not by days: the calendar is read a few times, not 36,500', () => {
    let reads = 0;
    const counted: WorkCalendar = {
      get workweek() {
        reads += 1;
        return monFri.workweek;
      },
      get holidays() {
        reads += 1;
        return withHolidays.holidays;
      },
    };
    expect(businessDaysBetween('2000-01-01', '2099-12-31', counted)).toBe(26_089 - 2);
    expect(addBusinessDays('2000-01-03', 26_000, counted)).toBe(walkAdd('2000-01-03', 26_000, withHolidays));
    expect(reads).toBeLessThan(50);
  });
});

describe('a due date on a day off', () => {
  it.each([
    // date, rule, expected
    ['2027-02-28', 'earlier', '2027-02-26'], // Sun → Fri
    ['2027-02-27', 'later', '2027-03-01'], // Sat → Mon
    ['2027-02-28', 'keep', '2027-02-28'],
    ['2026-12-25', 'earlier', '2026-12-24'], // a holiday on a Friday
    ['2026-12-26', 'earlier', '2026-12-24'], // Saturday after a Friday holiday
    ['2026-12-31', 'later', '2026-12-31'], // a working day stays
    ['2027-01-01', 'later', '2027-01-04'], // holiday, then the weekend
  ] as const)('%s, %s → %s', (date, rule, expected) => {
    expect(toWorkingDay(date, rule, withHolidays)).toBe(expected);
  });
});

describe('due dates', () => {
  const anchors = { end: '2027-01-29', notice: '2026-11-20' };
  it.each([
    [{ anchor: 'end', days: -30, unit: 'calendar' }, '2026-12-30'],
    [{ anchor: 'end', days: 7, unit: 'calendar' }, '2027-02-05'],
    [{ anchor: 'notice', days: 2, unit: 'business' }, '2026-11-24'],
    [{ anchor: 'end', days: -10, unit: 'business' }, '2027-01-15'],
  ] as const)('%j → %s', (due, expected) => {
    expect(resolveDue(due, anchors, monFri)).toBe(expected);
  });

  it.each(['UTC', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Australia/Sydney'])('is the same calendar date in TZ=%s', (tz) => {
    process.env.TZ = tz;
    expect(resolveDue({ anchor: 'end', days: -1, unit: 'calendar' }, { end: '2026-03-29', notice: '2026-02-27' }, monFri)).toBe('2026-03-28');
    expect(formatDate('2027-01-29', 'long', 'en-US')).toBe('Friday, January 29, 2027');
  });
});

describe('formatting and durations', () => {
  it('formats in the locale', () => {
    expect(formatDate('2027-01-29', 'medium', 'en-GB')).toBe('29 January 2027');
    expect(formatDate('2027-01-29', 'short', 'en-US')).toBe('Jan 29');
    expect(formatDate('2027-01-29', 'iso', 'en-US')).toBe('2027-01-29');
  });
  it('clamps month ends when adding months', () => {
    expect(addDuration('2026-08-31', { months: 6 })).toBe('2027-02-28');
  });
  it("takes today's date in the team's time zone", () => {
    const instant = new Date('2026-11-25T03:30:00Z');
    expect(today('America/New_York', instant)).toBe('2026-11-24');
    expect(today('Europe/Berlin', instant)).toBe('2026-11-25');
  });
});
