import { z } from 'astro/zod';
import { IdSchema, IsoDateSchema, VarValueSchema } from './common';
import { ContactSchema, ContractSchema, DeliverableSchema, InvoiceSchema, END_REASONS } from './client';

/**
 * What an email template (and a `when:` condition) can read. It is derived from the content schemas,
 * so a field added to a client record becomes a template variable in one place, and the validator can
 * list exactly which variables exist.
 */
export const RenderContextSchema = z.strictObject({
  /** The departing client. */
  client: z.strictObject({ id: IdSchema, name: z.string() }),
  /**
   * The client's primary contact. `firstName` is the first word of `name`, for greetings ("Hi Alex,").
   * `title` is optional, as in the client record: print it under `{% if contact.title %}` or with
   * `| default: "…"` (check warns otherwise).
   */
  contact: ContactSchema.pick({ name: true, email: true, title: true }).extend({ firstName: z.string() }),
  /**
   * Who the email is addressed to (its `to:`): the primary contact by default, a contact by role
   * (`client:billing`) or a team member (`team:finance`, whose `title` is the role's). `title` is
   * optional as in the client record.
   */
  recipient: z.strictObject({ name: z.string(), email: z.string(), title: z.string().optional() }),
  /** Contract dates; `notice` is always filled in (from the record or the company's notice period). */
  contract: ContractSchema.pick({ start: true, end: true }).extend({
    notice: IsoDateSchema,
    reason: z.enum(END_REASONS).or(z.literal('')),
  }),
  /** Unpaid invoices and open deliverables (empty lists when there are none). */
  outstanding: z.strictObject({ invoices: z.array(InvoiceSchema), deliverables: z.array(DeliverableSchema) }),
  /** The person who sends the email: the client's team member for the task's role. */
  owner: z.strictObject({ name: z.string(), email: z.string(), role: z.string() }),
  /** The company. */
  company: z.strictObject({ name: z.string(), signature: z.string() }),
  /** The company's named links (`links.testimonial`). */
  links: z.record(z.string(), z.string()),
  /** The client's answers to the playbook's questions, defaults filled in. */
  vars: z.record(z.string(), VarValueSchema),
  /**
   * The run's due dates (YYYY-MM-DD) by global task id: `dates["collect-final-payment#send-final-invoice"]`,
   * a repeat of an `each:` task as `…#item/2`. An undated task, and a task this client's run leaves out,
   * has none: print a task's date under `{% if dates["…"] %}` unless every playbook sending the email
   * dates it for every client (check says which). Known once the run is dated, so `when:` cannot read it.
   */
  dates: z.record(z.string(), IsoDateSchema),
});
export type RenderContext = z.output<typeof RenderContextSchema>;
