import { z } from 'astro/zod';
import { IdSchema, IsoDateSchema } from './common';
import { ChecklistItemSchema } from './checklist-item';
import { DurationSchema } from './duration';
import { VarsSchema } from './playbook';

/** How often an SOP is reviewed, and when it last was. */
export const ReviewSchema = z.strictObject({
  /** The date someone last checked this SOP against practice. */
  lastReviewed: IsoDateSchema,
  /** How often it should be reviewed (`6 months`, `1 year`); an overdue review is a warning. */
  every: DurationSchema,
});

/** Frontmatter of an SOP (`sops/**\/*.mdx`). The SOP's id is its path under `sops/` without extension. */
export const SopSchema = z.strictObject({
  /** Page title, an imperative phrase ("Confirm the end date in writing"). */
  title: z.string().min(1),
  /** One sentence shown in search results and lists. */
  summary: z.string().min(1),
  /** Id of the phase this SOP belongs to (`content/phases.yaml`). */
  phase: IdSchema,
  /** Role id accountable for this SOP; checklist items default to it. */
  owner: IdSchema,
  /** Free keywords for search filters. */
  tags: z.array(z.string().min(1)).default([]),
  /**
   * Other words people use for what this SOP covers ("keys", "logins", "passwords" for revoking
   * access): search ranks the SOP first for them, about as strongly as for its title, and the page
   * shows them as "Also called". Words the title or summary already contain need not be repeated.
   */
  aliases: z.array(z.string().trim().min(1)).default([]),
  /** Review cadence; see `ReviewSchema`. */
  review: ReviewSchema.optional(),
  /**
   * Questions this SOP's tasks depend on, same shape as a playbook's `vars`: every playbook that uses
   * the SOP asks them of its clients. One name declared with two types is an error.
   */
  vars: VarsSchema.default({}),
  /** The tasks of this SOP, in the order they are usually done. */
  checklist: z.array(ChecklistItemSchema).default([]),
});
export type Sop = z.output<typeof SopSchema>;
