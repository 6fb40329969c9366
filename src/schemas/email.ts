import { z } from 'astro/zod';
import { DueSchema } from './due';

/** Who an email goes to. */
export const AUDIENCES = ['client', 'internal', 'vendor'] as const;

/** `client`, `client:<contact-role>` or `team:<role-id>` (the kebab-case of an id after the colon). */
const RECIPIENT_PATTERN = /^(?:client(?::[a-z0-9]+(?:-[a-z0-9]+)*)?|team:[a-z0-9]+(?:-[a-z0-9]+)*)$/;

/**
 * Who an email is addressed to: `client` (the primary contact), `client:<contact-role>` (the client's
 * contact whose record says `role: <contact-role>`) or `team:<role-id>` (who holds that role on the
 * client's team).
 */
export const RecipientSchema = z.string().regex(RECIPIENT_PATTERN, {
  error: (issue) =>
    `expected \`client\`, \`client:<contact-role>\` (like client:billing) or \`team:<role-id>\` (like team:finance), found ${JSON.stringify(issue.input)}`,
});

/** Frontmatter of an email template (`templates/emails/*.md`); the body is Markdown in LiquidJS syntax. */
export const EmailSchema = z.strictObject({
  /** Name of the template in lists ("Final invoice"). */
  title: z.string().min(1),
  /** Subject line, in LiquidJS syntax (`Our last day together: {{ contract.end | date: "long" }}`). */
  subject: z.string().min(1),
  /** Who receives it: the client, the internal team, or a vendor. */
  audience: z.enum(AUDIENCES),
  /**
   * Who receives it (the `recipient` in the template, the `mailto:` address): `client` (the primary
   * contact), `client:<contact-role>` (`client:billing`: the contact with `role: billing`) or
   * `team:<role-id>` (`team:finance`). Without it, client emails go to the primary contact and
   * internal and vendor emails to no fixed address.
   */
  to: RecipientSchema.optional(),
  /** When it is usually sent, like a checklist `due` (`-30d`, `notice+2bd`). */
  send: DueSchema.optional(),
  /** When and why to send it. */
  description: z.string().optional(),
});
export type Email = z.output<typeof EmailSchema>;
