import { z } from 'astro/zod';
import { IdSchema } from './common';

/** One phase of an offboarding; SOPs belong to exactly one. */
export const PhaseSchema = z.strictObject({
  /** Kebab-case id that SOPs use in `phase:`. */
  id: IdSchema,
  /** Heading shown in the sidebar and on checklists. */
  title: z.string().min(1),
  /** One or two sentences on what this phase achieves. */
  description: z.string().min(1),
});
export type Phase = z.output<typeof PhaseSchema>;

/** `content/phases.yaml`: the phases in the order an offboarding runs through them. */
export const PhasesSchema = z.array(PhaseSchema).min(1);
