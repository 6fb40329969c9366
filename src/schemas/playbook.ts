import { z } from 'astro/zod';
import { IdSchema, VarValueSchema } from './common';
import { ChecklistItemSchema, ItemRefSchema } from './checklist-item';

/** The value types a playbook question can have. */
export const VAR_TYPES = ['boolean', 'string', 'number', 'date'] as const;
export type VarType = (typeof VAR_TYPES)[number];

/** A typed question a playbook asks of each client (`keepsDomains`), answered in the client's `vars`. */
export const VarSchema = z.strictObject({
  /** boolean, string, number or date. */
  type: z.enum(VAR_TYPES),
  /** The question, as shown to whoever fills in a client record or the generator. */
  description: z.string().min(1),
  /** The answer when a client gives none; without one the client must answer. */
  default: VarValueSchema.optional(),
});
export type Var = z.output<typeof VarSchema>;

/** `templates/playbooks/*.yaml`: SOPs composed into one whole offboarding run. */
export const PlaybookSchema = z.strictObject({
  /** Name shown in lists ("Standard retainer"). */
  title: z.string().min(1),
  /** When to use this playbook. */
  description: z.string().min(1),
  /** SOP ids, in the order the run lists them. */
  sops: z.array(z.string().min(1)).min(1),
  /** Global item ids (`<sop-id>#<item-id>`) this playbook leaves out. */
  skip: z.array(ItemRefSchema).default([]),
  /** Items only this playbook adds, same shape as checklist items, plus the phase they belong to. */
  extra: z
    .array(
      ChecklistItemSchema.extend({
        /** Id of the phase the item belongs to (it has no SOP to take one from). */
        phase: IdSchema,
        /** Role id that does it (required: there is no SOP owner to default to). */
        owner: IdSchema,
      }),
    )
    .default([]),
  /** Questions each client answers in its `vars`, usable in `when:` and in templates as `vars.<name>`. */
  vars: z.record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]*$/, 'expected a variable name made of letters, digits and _'), VarSchema).default({}),
});
export type Playbook = z.output<typeof PlaybookSchema>;
