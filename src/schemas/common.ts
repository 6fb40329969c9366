import { z } from 'astro/zod';

/** Kebab-case identifier: lower-case letters, digits and single hyphens (`account-lead`). */
export const IdSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
    error: (issue) =>
      `expected a kebab-case id (lower-case letters, digits and hyphens, like "account-lead"), found ${JSON.stringify(issue.input)}`,
  });
export type Id = z.output<typeof IdSchema>;

/** The years a date may fall in: wide enough for any contract, narrow enough to catch `0026` and `9999`. */
export const DATE_RANGE = { first: '2000-01-01', last: '2099-12-31' } as const;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * Why a text is not a calendar date Sendoff accepts, or null when it is one: written YYYY-MM-DD, a day
 * that exists (no 30 February, no month 13) and within `DATE_RANGE`. Used by the schemas and for
 * `--today` / `SENDOFF_TODAY`, so every date is judged as written.
 */
export function dateProblem(text: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return `expected a date written YYYY-MM-DD (like 2027-01-29), found ${JSON.stringify(text)}`;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12) return `${JSON.stringify(text)} is not a date: there is no month ${month}`;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > days) return `${JSON.stringify(text)} is not a date: ${MONTHS[month - 1]} ${year} has ${days} days`;
  if (text < DATE_RANGE.first || text > DATE_RANGE.last) return `${JSON.stringify(text)} is outside the years Sendoff accepts (${DATE_RANGE.first.slice(0, 4)}–${DATE_RANGE.last.slice(0, 4)}); check the year`;
  return null;
}

/**
 * A calendar date, written `2027-01-29` (no time, no time zone), that exists and falls within
 * `DATE_RANGE`. The YAML parser keeps it as the text the author wrote, so `2027-02-30` is an error at
 * its line rather than 2 March; a date means the same day whatever time zone the build runs in.
 */
export const IsoDateSchema = z
  .string({ error: (issue) => `expected a date written YYYY-MM-DD, found ${describe(issue.input)}` })
  .meta({ format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$', examples: ['2027-01-29'] })
  .transform((value, ctx) => {
    const iso = value.trim();
    const problem = dateProblem(iso);
    if (problem) {
      ctx.issues.push({ code: 'custom', input: value, message: problem });
      return z.NEVER;
    }
    return iso;
  });
export type IsoDate = z.output<typeof IsoDateSchema>;

/** An absolute http(s) URL or a `mailto:` address, whole (the one pattern the URL fields and emails share). */
export const URL_PATTERN = /^(?:https?:\/\/|mailto:)\S+$/;

/** An absolute http(s) URL or a `mailto:` address. */
export const UrlSchema = z.string().refine((value) => URL_PATTERN.test(value), {
  error: (issue) => `expected an absolute URL starting with https:// (or mailto:), found ${JSON.stringify(issue.input)}`,
});

/** An email address. */
export const EmailAddressSchema = z.email({
  error: (issue) => `expected an email address like name@example.com, found ${describe(issue.input)}`,
});

/** A short human description of a value for error messages: `"abc"`, `42`, `a list`, `nothing`. */
export function describe(value: unknown): string {
  if (value === undefined || value === null) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return JSON.stringify(value);
}

/** A playbook variable's value: true/false, a number, text (a date is its YYYY-MM-DD text), or a list of texts. */
export const VarValueSchema = z.union([z.boolean(), z.number(), z.string(), z.array(z.string())]);
export type VarValue = z.output<typeof VarValueSchema>;
