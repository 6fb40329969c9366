import { z } from 'astro/zod';

const UNITS = { day: 'days', week: 'weeks', month: 'months', year: 'years' } as const;

/** A review interval such as `6 months`: `{ months: 6 }`, ready for calendar arithmetic. */
export type Duration = Partial<Record<(typeof UNITS)[keyof typeof UNITS], number>>;

/** How often a page is reviewed: `30 days`, `6 weeks`, `6 months`, `1 year`. */
export const DurationSchema = z
  .string()
  .meta({ pattern: '^\\s*\\d{1,3}\\s*(day|week|month|year)s?\\s*$', examples: ['6 months', '1 year'] })
  .transform((text, ctx): Duration => {
  const match = /^\s*(\d{1,3})\s*(day|week|month|year)s?\s*$/i.exec(text);
  if (!match || Number(match[1]) === 0) {
    ctx.issues.push({
      code: 'custom',
      input: text,
      message: `expected an interval like "6 months", "12 months", "2 weeks" or "1 year", found ${JSON.stringify(text)}`,
    });
    return z.NEVER;
  }
  const unit = UNITS[match[2]!.toLowerCase() as keyof typeof UNITS];
  return { [unit]: Number(match[1]) };
});

/** Formats a duration back to text: `{ months: 6 }` → `6 months`. */
export function formatDuration(duration: Duration): string {
  const [unit, amount] = Object.entries(duration)[0] ?? ['days', 0];
  return `${amount} ${amount === 1 ? unit.slice(0, -1) : unit}`;
}
