import { z } from 'astro/zod';
import { IdSchema } from './common';
import { DueSchema } from './due';
import { AnswerSpecSchema } from './record';

/** `item-id` in the same SOP, or `sop-id#item-id` for an item of another SOP. */
export const ItemRefSchema = z
  .string()
  .regex(/^(?:[a-z0-9]+(?:-[a-z0-9]+)*(?:\/[a-z0-9]+(?:-[a-z0-9]+)*)*#)?[a-z0-9]+(?:-[a-z0-9]+)*$/, {
    error: (i) => `expected an item id ("send-invoice") or "<sop-id>#<item-id>", found ${JSON.stringify(i.input)}`,
  });

/** One task of an SOP's checklist. */
export const ChecklistItemSchema = z.strictObject({
  /** Kebab-case id, unique within the SOP; its global id is `<sop-id>#<item-id>`. */
  id: IdSchema,
  /**
   * What to do, as an imperative sentence ("Send the final invoice"). It may use Liquid with the
   * email context, filled in per client: `'Open the pull request "Client Termination - {{ client.name }}"'`,
   * a task's date as `{{ dates["<sop-id>#<item-id>"] | date: "long" }}`, a repeated task's entry as
   * `{{ entry }}`. Quote the text in YAML when it holds `: ` (a filter argument) or starts with `{`.
   */
  task: z.string().min(1),
  /** Role id that does it; defaults to the SOP's owner. */
  owner: IdSchema.optional(),
  /**
   * When it is due: from the contract end (`-30d`, `+7d`, `0d`, `-10bd`), from the day notice was
   * given (`notice+3d`, `notice+2bd`), from another task's due date (`send-final-invoice+15d`,
   * `<sop-id>#<item-id>+15d`) or from a date var (`vars.requestDate+10bd`). `bd` counts working days
   * and skips holidays. Leave it out for a task done during the run, whenever it comes up: it keeps
   * its place in its phase, shows "during the run", has no calendar entry and is never overdue.
   */
  due: DueSchema.optional(),
  /** Whether the task must be done for the offboarding to count as complete. */
  required: z.boolean().default(true),
  /** Tasks that must be done first: same-SOP item ids or `<sop-id>#<item-id>`. */
  after: z.array(ItemRefSchema).default([]),
  /** Id of the email template this task sends. */
  email: IdSchema.optional(),
  /** What proves the task is done (a saved acknowledgement, a signed form); Liquid as in `task`. */
  evidence: z.string().optional(),
  /**
   * Only include the task when this Liquid condition holds for the client, e.g.
   * `vars.keepsDomains` or `outstanding.invoices.size > 0`.
   */
  when: z.string().min(1).optional(),
  /**
   * Repeat the task once per entry of a `list` question (`each: vars.projects`): the entry is
   * `{{ entry }}` in its task and evidence, and the repeats' ids are `<item-id>/1`, `<item-id>/2`, …
   * (global `<sop-id>#<item-id>/<n>`, what a client's `done:` names). No entry, no task.
   */
  each: z
    .string()
    .regex(/^vars\.[a-zA-Z][a-zA-Z0-9_]*$/, { error: (issue) => `expected a list question written vars.<name> (like vars.projects), found ${JSON.stringify(issue.input)}` })
    .optional(),
  /**
   * What the person who does it records with it: `{ type: choice, question, options }`,
   * `{ type: rating, question, scale }` (1 to scale, default 10), `{ type: text, question }` or
   * `{ type: signoff, question }` (a name and a date). Kept in the client's `done:` record.
   */
  answer: AnswerSpecSchema.optional(),
});
export type ChecklistItem = z.output<typeof ChecklistItemSchema>;
