import { describe, expect, it } from 'vitest';
import { DueSchema, formatDue, parseDue } from '../../src/schemas/due';
import { DurationSchema, formatDuration } from '../../src/schemas/duration';

describe('due offsets', () => {
  it.each([
    ['-30d', { anchor: 'end', days: -30, unit: 'calendar' }],
    ['+7d', { anchor: 'end', days: 7, unit: 'calendar' }],
    ['0d', { anchor: 'end', days: 0, unit: 'calendar' }],
    ['-10bd', { anchor: 'end', days: -10, unit: 'business' }],
    ['notice+3d', { anchor: 'notice', days: 3, unit: 'calendar' }],
    ['notice+2bd', { anchor: 'notice', days: 2, unit: 'business' }],
    ['notice3d', { anchor: 'notice', days: 3, unit: 'calendar' }],
    ['notice-1d', { anchor: 'notice', days: -1, unit: 'calendar' }],
    [' -14d ', { anchor: 'end', days: -14, unit: 'calendar' }],
  ])('parses %j', (text, expected) => {
    expect(DueSchema.parse(text)).toEqual(expected);
  });

  it.each([
    ['30d', 'needs a sign'],
    ['-30', 'expected a due offset'],
    ['-2w', 'expected a due offset'],
    ['end-3d', 'expected a due offset'],
    ['', 'expected a due offset'],
  ])('rejects %j with a message saying what was expected', (text, message) => {
    const result = DueSchema.safeParse(text);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain(message);
  });

  it('rejects a number with a hint to write it as text', () => {
    expect(DueSchema.safeParse(14).error?.issues[0]?.message).toMatch(/found 14 \(write it as text\)/);
  });

  it.each(['-30d', '+7d', '0d', '-10bd', 'notice+3d', 'notice+2bd', 'notice+0d'])('formats %s back to itself', (text) => {
    const parsed = parseDue(text);
    if ('error' in parsed) throw new Error(parsed.error);
    expect(formatDue(parsed)).toBe(text);
  });
});

describe('review intervals', () => {
  it.each([
    ['6 months', { months: 6 }],
    ['12 months', { months: 12 }],
    ['1 year', { years: 1 }],
    ['2 weeks', { weeks: 2 }],
    ['30 days', { days: 30 }],
    ['1 Month', { months: 1 }],
  ])('parses %j', (text, expected) => {
    expect(DurationSchema.parse(text)).toEqual(expected);
  });

  it.each(['six months', '0 months', '6 fortnights', '6'])('rejects %j', (text) => {
    expect(DurationSchema.safeParse(text).error?.issues[0]?.message).toContain('expected an interval like "6 months"');
  });

  it('formats singular and plural', () => {
    expect(formatDuration({ months: 6 })).toBe('6 months');
    expect(formatDuration({ years: 1 })).toBe('1 year');
  });
});
