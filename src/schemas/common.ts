import { z } from 'astro/zod';

/** Kebab-case identifier: lower-case letters, digits and single hyphens (`account-lead`). */
export const IdSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
    error: (issue) =>
      `expected a kebab-case id (lower-case letters, digits and hyphens, like "account-lead"), found ${JSON.stringify(issue.input)}`,
  });
export type Id = z.output<typeof IdSchema>;

/**
 * A calendar date, written `2027-01-29` (no time, no time zone). YAML parsers that turn such a value
 * into a `Date` are accepted too; the output is always the ISO string, so a date means the same day
 * whatever time zone the build or the browser runs in.
 */
export const IsoDateSchema = z
  .union([z.string(), z.date()], {
    error: (issue) => `expected a date written YYYY-MM-DD, found ${describe(issue.input)}`,
  })
  .meta({ format: 'date', examples: ['2027-01-29'] })
  .transform((value, ctx) => {
    const iso = value instanceof Date ? value.toISOString().slice(0, 10) : value.trim();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || !isRealDate(iso)) {
      ctx.issues.push({
        code: 'custom',
        input: value,
        message: `expected a date written YYYY-MM-DD (like 2027-01-29), found ${JSON.stringify(value)}`,
      });
      return z.NEVER;
    }
    return iso;
  });
export type IsoDate = z.output<typeof IsoDateSchema>;

function isRealDate(iso: string): boolean {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** An absolute http(s) URL or a `mailto:` address. */
export const UrlSchema = z.string().refine((value) => /^(https?:\/\/|mailto:)\S+$/.test(value), {
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
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') return 'a mapping';
  return JSON.stringify(value);
}

/** A playbook variable's value: true/false, a number, text, or a date (kept as its YYYY-MM-DD text). */
export const VarValueSchema = z.union([
  z.boolean(),
  z.number(),
  z.string(),
  z.date().transform((date) => date.toISOString().slice(0, 10)),
]);
export type VarValue = z.output<typeof VarValueSchema>;
