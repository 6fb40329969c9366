import { z } from 'astro/zod';
import { dateProblem, IdSchema, VarValueSchema, type VarValue } from './common';
import { ChecklistItemSchema, ItemRefSchema } from './checklist-item';

/** The value types a playbook question can have. */
export const VAR_TYPES = ['boolean', 'string', 'number', 'date', 'choice', 'list'] as const;
export type VarType = (typeof VAR_TYPES)[number];

/** Whether a value answers a question of each type: a question's `default` and a client's answer alike. */
export const VAR_TYPE_CHECK: Record<VarType, (value: unknown) => boolean> = {
  boolean: (value) => typeof value === 'boolean',
  string: (value) => typeof value === 'string',
  number: (value) => typeof value === 'number',
  date: (value) => typeof value === 'string' && dateProblem(value) === null,
  /** One of the question's `options` (checked against them where the options are known). */
  choice: (value) => typeof value === 'string',
  list: (value) => Array.isArray(value) && value.every((entry) => typeof entry === 'string'),
};

/** What a value of each type looks like, for messages. */
const VAR_TYPE_LOOKS: Record<VarType, string> = {
  boolean: 'true or false',
  string: 'text',
  number: 'a number such as 30',
  date: 'a date written YYYY-MM-DD',
  choice: 'one of its options',
  list: 'a list of texts such as [alpha, beta]',
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

/** Why an answer is not one of a choice question's options, with the nearest option. */
export function choiceProblem(answer: string, options: readonly string[]): string {
  const near = options.find((option) => option.toLowerCase() === answer.toLowerCase());
  return `expected one of ${options.map((option) => JSON.stringify(option)).join(', ')}, found ${JSON.stringify(answer)}${near ? ` (did you mean ${JSON.stringify(near)}?)` : ''}`;
}

/** A typed question a playbook asks of each client (`keepsDomains`), answered in the client's `vars`. */
export const VarSchema = z
  .strictObject({
    /** boolean, string, number, date, choice (one of `options`) or list (a list of texts, for `each:`). */
    type: z.enum(VAR_TYPES),
    /** The answers a `choice` question allows (at least two, each different). */
    options: z.array(z.string().min(1)).min(2).optional(),
    /** The question, as shown to whoever fills in a client record or the generator. */
    description: z.string().min(1),
    /** The answer when a client gives none, of the question's type; without one the client must answer. */
    default: VarValueSchema.optional(),
  })
  .superRefine((spec, ctx) => {
    const problem = spec.default === undefined ? null : defaultProblem(spec.type, spec.default);
    if (problem) ctx.addIssue({ code: 'custom', path: ['default'], input: spec.default, message: problem });
    if (spec.type === 'choice' && !spec.options) ctx.addIssue({ code: 'custom', path: ['type'], input: spec.type, message: 'a choice question needs its answers: add `options: [first, second]`' });
    if (spec.type !== 'choice' && spec.options) ctx.addIssue({ code: 'custom', path: ['options'], input: spec.options, message: `only a choice question has options; this one is a ${spec.type} (write \`type: choice\`, or remove options)` });
    const seen = new Set<string>();
    spec.options?.forEach((option, index) => {
      if (seen.has(option)) ctx.addIssue({ code: 'custom', path: ['options', index], input: option, message: `the option ${JSON.stringify(option)} is listed twice` });
      seen.add(option);
    });
    if (!problem && spec.type === 'choice' && spec.options && typeof spec.default === 'string' && !spec.options.includes(spec.default)) {
      ctx.addIssue({ code: 'custom', path: ['default'], input: spec.default, message: choiceProblem(spec.default, spec.options) });
    }
  });
export type Var = z.output<typeof VarSchema>;

/** Named questions (`keepsDomains: { type: boolean, description: ... }`), in a playbook or an SOP. */
export const VarsSchema = z.record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]*$/, 'expected a variable name made of letters, digits and _'), VarSchema);

/** One entry of a playbook's `sops:`: an SOP id, or `{ id, when }` for an SOP only some clients run. */
export const PlaybookSopSchema = z.union([
  z.string().min(1).transform((id): { id: string; when?: string } => ({ id })),
  z.strictObject({
    /** The SOP's id (its path under `sops/`). */
    id: z.string().min(1),
    /** Run the SOP's tasks only when this Liquid condition holds for the client (`vars.keepsDomains`). */
    when: z.string().min(1).optional(),
  }),
]);
export type PlaybookSop = z.output<typeof PlaybookSopSchema>;

/** `templates/playbooks/*.yaml`: SOPs composed into one whole offboarding run. */
export const PlaybookSchema = z.strictObject({
  /** Name shown in lists ("Standard retainer"). */
  title: z.string().min(1),
  /** When to use this playbook. */
  description: z.string().min(1),
  /**
   * SOP ids, in the order the run lists them. An entry may be `{ id, when }` to include the whole SOP
   * only when a Liquid condition holds for the client (`- { id: technical-handoff, when: vars.keepsDomains }`);
   * read as `{ id }` either way.
   */
  sops: z.array(PlaybookSopSchema).min(1),
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
  /**
   * Questions each client answers in its `vars`, usable in `when:` and in templates as `vars.<name>`.
   * The questions its SOPs declare are asked too; a question declared here wins over an SOP's.
   */
  vars: VarsSchema.default({}),
});
export type Playbook = z.output<typeof PlaybookSchema>;
