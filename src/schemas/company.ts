import { z } from 'astro/zod';
import { IsoDateSchema, UrlSchema } from './common';

/** Days of the week, as written in `workweek`. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Where a due date on a day off goes, as written in `dueOnDayOff`. */
export const DAY_OFF_RULES = ['earlier', 'later', 'keep'] as const;
export type DayOffRule = (typeof DAY_OFF_RULES)[number];

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
  /**
   * What happens to a due date that falls on a day off (a day outside `workweek`, or a holiday), so
   * every task is due on a day someone can act on: `earlier` (the default) moves it to the working day
   * before, `later` to the working day after, `keep` leaves it. A moved task says so ("moved from Sun,
   * Feb 28, 2027") on its page and in the exports; the contract end itself never moves.
   */
  dueOnDayOff: z
    .enum(DAY_OFF_RULES, { error: (i) => `expected one of ${DAY_OFF_RULES.join(', ')}, found ${JSON.stringify(i.input)}` })
    .default('earlier'),
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
  /**
   * Hosts that SOPs and emails may show images from (`[cdn.example.com]`): a host name, with a port if
   * it needs one, no `https://` and no path. Every other image, and any other file, must be the site's
   * own (`public/`), since each remote file tells its host who reads which page. Images from these
   * hosts load over https only, and only from fixed addresses: an address with a template variable
   * (`?c={{ client.name }}`) would send client data to the host. Pages allow them in their
   * Content-Security-Policy (`img-src`). Default: none.
   */
  imageHosts: z
    .array(
      z
        .string()
        .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*(?::\d{1,5})?$/, {
          error: (i) => `expected a host name like cdn.example.com (lower case, no https:// and no path), found ${JSON.stringify(i.input)}`,
        }),
    )
    .default([]),
  /** URL of this repository (`https://github.com/acme/offboarding`), used for "edit this page" links. */
  repo: UrlSchema.optional(),
});
export type Company = z.output<typeof CompanySchema>;
