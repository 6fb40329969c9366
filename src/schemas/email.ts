import { z } from 'astro/zod';
import { DueSchema } from './due';

/** Who an email goes to. */
export const AUDIENCES = ['client', 'internal', 'vendor'] as const;

/** Frontmatter of an email template (`templates/emails/*.md`); the body is Markdown in LiquidJS syntax. */
export const EmailSchema = z.strictObject({
  /** Name of the template in lists ("Final invoice"). */
  title: z.string().min(1),
  /** Subject line, in LiquidJS syntax (`Our last day together: {{ contract.end | date: "long" }}`). */
  subject: z.string().min(1),
  /** Who receives it: the client, the internal team, or a vendor. */
  audience: z.enum(AUDIENCES),
  /** When it is usually sent, like a checklist `due` (`-30d`, `notice+2bd`). */
  send: DueSchema.optional(),
  /** When and why to send it. */
  description: z.string().optional(),
});
export type Email = z.output<typeof EmailSchema>;
