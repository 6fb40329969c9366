import { z } from 'astro/zod';
import { IsoDateSchema, UrlSchema } from './common';

/** Days of the week, as written in `workweek`. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

function isLocale(value: string): boolean {
  try {
    return Intl.getCanonicalLocales(value).length === 1;
  } catch {
    return false;
  }
}

/** `content/company.yaml`: who you are and the calendar your deadlines follow. */
export const CompanySchema = z.strictObject({
  /** The company name, shown in the header and available to emails as `{{ company.name }}`. */
  name: z.string().min(1),
  /** BCP 47 language tag used to format dates and money (`en-US`, `en-GB`, `de-DE`). */
  locale: z
    .string()
    .refine(isLocale, { error: (i) => `expected a BCP 47 language tag like en-US or en-GB, found ${JSON.stringify(i.input)}` })
    .default('en-US'),
  /** IANA time zone of the team (`America/New_York`, `Europe/London`); used to decide what "today" is. */
  timezone: z
    .string()
    .refine(isTimeZone, { error: (i) => `expected an IANA time zone like Europe/London, found ${JSON.stringify(i.input)}` })
    .default('UTC'),
  /** Days between notice and contract end when a client record gives no `contract.notice` date. */
  noticeDays: z.int().min(0).max(365).default(30),
  /** The working days that `bd` (business-day) offsets count. */
  workweek: z
    .array(z.enum(WEEKDAYS, { error: (i) => `expected a weekday (${WEEKDAYS.join(', ')}), found ${JSON.stringify(i.input)}` }))
    .min(1)
    .default(['mon', 'tue', 'wed', 'thu', 'fri']),
  /** Dates that business-day offsets skip (public holidays, the office's closed days). */
  holidays: z.array(IsoDateSchema).default([]),
  /** Named links that emails use as `{{ links.testimonial }}`: testimonial, referral, feedback, booking, … */
  links: z.record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]*$/, 'expected a link name made of letters, digits and _'), UrlSchema).default({}),
  /** Markdown sign-off that emails can include as `{{ company.signature }}`. */
  signature: z.string().default(''),
  /**
   * Where this site is published (`https://offboarding.example.com`). Client exports link back to the
   * checklist with it: calendar events get a URL, the issue body a link. Without it they name the
   * page's path as text, since a calendar app cannot follow a relative link.
   */
  site: z
    .string()
    .regex(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, 'expected the address the site is published at, like https://offboarding.example.com')
    .optional(),
  /** URL of this repository (`https://github.com/acme/offboarding`), used for "edit this page" links. */
  repo: UrlSchema.optional(),
});
export type Company = z.output<typeof CompanySchema>;
