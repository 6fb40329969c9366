import { afterEach, describe, expect, it } from 'vitest';
import { addBusinessDays, addDuration, businessDaysBetween, formatDate, resolveDue, today, type WorkCalendar } from '../../src/lib/run/dates';

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
