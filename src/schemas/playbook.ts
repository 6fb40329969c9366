import { z } from 'astro/zod';
import { dateProblem, IdSchema, VarValueSchema, type VarValue } from './common';
import { ChecklistItemSchema, ItemRefSchema } from './checklist-item';

/** The value types a playbook question can have. */
export const VAR_TYPES = ['boolean', 'string', 'number', 'date'] as const;
export type VarType = (typeof VAR_TYPES)[number];

/** Whether a value answers a question of each type: a question's `default` and a client's answer alike. */
export const VAR_TYPE_CHECK: Record<VarType, (value: unknown) => boolean> = {
  boolean: (value) => typeof value === 'boolean',
  string: (value) => typeof value === 'string',
  number: (value) => typeof value === 'number',
  date: (value) => typeof value === 'string' && dateProblem(value) === null,
};

/** What a value of each type looks like, for messages. */
const VAR_TYPE_LOOKS: Record<VarType, string> = {
  boolean: 'true or false',
  string: 'text',
  number: 'a number such as 30',
  date: 'a date written YYYY-MM-DD',
};

/** Text that would be a value of the type without its quotes (`"false"`, `"30"`). */
const QUOTED: Partial<Record<VarType, (text: string) => boolean>> = {
  boolean: (text) => text === 'true' || text === 'false',
  number: (text) => text.trim() !== '' && Number.isFinite(Number(text)),
};

/** Why a default does not fit its question's type (`"false"` for a boolean reads as true in Liquid), or null. */
function defaultProblem(type: VarType, value: VarValue): string | null {
  if (VAR_TYPE_CHECK[type](value)) return null;
  if (type === 'date' && typeof value === 'string') return dateProblem(value);
  const fix = typeof value === 'string' && QUOTED[type]?.(value) ? ' (write it without quotes)' : type === 'string' ? ` (quote it: "${String(value)}")` : '';
  return `the question is a ${type}, so its default must be ${VAR_TYPE_LOOKS[type]}, found ${JSON.stringify(value)}${fix}`;
}

/** A typed question a playbook asks of each client (`keepsDomains`), answered in the client's `vars`. */
export const VarSchema = z
  .strictObject({
    /** boolean, string, number or date. */
    type: z.enum(VAR_TYPES),
    /** The question, as shown to whoever fills in a client record or the generator. */
    description: z.string().min(1),
    /** The answer when a client gives none, of the question's type; without one the client must answer. */
    default: VarValueSchema.optional(),
  })
  .superRefine((spec, ctx) => {
    const problem = spec.default === undefined ? null : defaultProblem(spec.type, spec.default);
    if (problem) ctx.addIssue({ code: 'custom', path: ['default'], input: spec.default, message: problem });
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
  /**
   * Days between notice and the contract end for this playbook's clients that give no notice date,
   * overriding the company's `noticeDays` (a 15-day performance termination beside a 30-day standard one).
   */
  noticeDays: z.int().min(0).max(365).optional(),
  /** Questions each client answers in its `vars`, usable in `when:` and in templates as `vars.<name>`. */
  vars: z.record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]*$/, 'expected a variable name made of letters, digits and _'), VarSchema).default({}),
});
export type Playbook = z.output<typeof PlaybookSchema>;
