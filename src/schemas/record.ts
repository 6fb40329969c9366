import { z } from 'astro/zod';
import { describe, IdSchema, IsoDateSchema } from './common';

/**
 * The shared record of a client's run (`done:` in the client file) and the typed answers a checklist
 * item may ask for. The record lives in git beside the client, so who did what, when and with what answer
 * is reviewed like any other change.
 */

/** A task's global id as the record keys it: `<sop-id>#<item-id>` (or `<playbook-id>#<item-id>` for extras). */
export const GlobalItemIdSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*(?:\/[a-z0-9]+(?:-[a-z0-9]+)*)*#[a-z0-9]+(?:-[a-z0-9]+)*(?:\/[1-9][0-9]*)?$/, {
    error: (issue) => `expected a task's global id "<sop-id>#<item-id>" (like "collect-final-payment#send-final-invoice", or "…#<item-id>/2" for the second repeat of an \`each:\` task), found ${JSON.stringify(issue.input)}`,
  });
export type GlobalItemId = z.output<typeof GlobalItemIdSchema>;

const question = z.string().min(1).describe('The question as the person recording the task reads it.');

/** What a checklist item asks the person who does it to record (`answer:` on an item). */
export const AnswerSpecSchema = z.discriminatedUnion('type', [
  /** One of a fixed list of options ("primary reason for leaving"). */
  z.strictObject({ type: z.literal('choice'), question, options: z.array(z.string().min(1)).min(2) }),
  /** A whole number from 1 to `scale` ("how would you rate us, 1–10"). */
  z.strictObject({ type: z.literal('rating'), question, scale: z.int().min(2).max(100).default(10) }),
  /** Free text. */
  z.strictObject({ type: z.literal('text'), question }),
  /** A named person's signature and its date (a data-destruction certificate). */
  z.strictObject({ type: z.literal('signoff'), question }),
]);
export type AnswerSpec = z.output<typeof AnswerSpecSchema>;
/** An answer spec in words, for the diff and the page: "a choice of 6 (Budget, …)", "a rating from 1 to 10". */
export function describeAnswerSpec(spec: AnswerSpec): string {
  switch (spec.type) {
    case 'choice':
      return `"${spec.question}": one of ${spec.options.join(', ')}`;
    case 'rating':
      return `"${spec.question}": a rating from 1 to ${spec.scale}`;
    case 'text':
      return `"${spec.question}": a written answer`;
    case 'signoff':
      return `"${spec.question}": a signature (name and date)`;
  }
}
export const ANSWER_TYPES = ['choice', 'rating', 'text', 'signoff'] as const satisfies readonly AnswerSpec['type'][];

/** A sign-off answer: who signed (anyone, at the client or here) and on which day. */
export const SignoffAnswerSchema = z.strictObject({
  /** The signatory's full name. */
  name: z.string().min(1),
  /** Their title, when the certificate needs it ("Principal"). */
  title: z.string().min(1).optional(),
  /** The day they signed. */
  on: IsoDateSchema,
});
export type SignoffAnswer = z.output<typeof SignoffAnswerSchema>;

const isPlainMapping = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A recorded answer. Its shape is checked here; whether it fits the item's `answer:` (an option of the
 * choice, a rating within the scale) is checked against the run by `check` (the `record` rule).
 */
export const AnswerValueSchema = z.union(
  [z.string().min(1, { error: 'an answer cannot be empty: write it, or remove `answer:`' }), z.number(), SignoffAnswerSchema],
  {
    // zod reports a union that fits no option as "Invalid input": say which shape was meant instead.
    error: (issue) => {
      if (issue.code !== 'invalid_union') return undefined;
      const input = issue.input;
      const signoff = isPlainMapping(input) ? issue.errors[2]?.[0] : undefined;
      if (signoff) {
        const field = signoff.path.length > 0 ? `${signoff.path.map(String).join('.')}: ` : '';
        return `a sign-off is { name, title?, on }: ${field}${signoff.message}`;
      }
      return `expected an answer: text, a whole number or a sign-off { name, on }, found ${describe(input)}`;
    },
  },
);
export type AnswerValue = z.output<typeof AnswerValueSchema>;

/** One recorded task: `{ on: 2026-11-24, by: theo-okafor, note?, answer? }`. */
export const DoneEntrySchema = z.strictObject({
  /** The day it was done; not after today, not before the contract start. */
  on: IsoDateSchema,
  /** Id of the person who did it (`content/team.yaml`). */
  by: IdSchema,
  /** Anything the team should know later ("Paid by transfer"). */
  note: z.string().min(1).optional(),
  /** The answer the item asks for, when it asks for one (see the item's `answer:`). */
  answer: AnswerValueSchema.optional(),
});
export type DoneEntry = z.output<typeof DoneEntrySchema>;

/** `done:` in a client file: task global id → who did it and when. */
export const DoneRecordSchema = z.record(GlobalItemIdSchema, DoneEntrySchema);
export type DoneRecord = z.output<typeof DoneRecordSchema>;
