import { z } from 'astro/zod';
import { EmailAddressSchema, IdSchema } from './common';

/** A role that owns tasks (`account-lead`, `finance`). SOPs and checklist items name roles, never people. */
export const RoleSchema = z.strictObject({
  /** Kebab-case id that SOPs use in `owner:`. */
  id: IdSchema,
  /** Human title shown on pages and in emails as `{{ owner.role }}`. */
  title: z.string().min(1),
  /** What this role is responsible for in an offboarding. */
  description: z.string().optional(),
  /** Code-owner handles (`@acme/finance`, `@jo`) who review changes to SOPs this role owns. */
  reviewers: z.array(z.string().regex(/^@[\w.-]+(\/[\w.-]+)?$/, 'expected a handle like @name or @org/team')).optional(),
});
export type Role = z.output<typeof RoleSchema>;

/** A person on the team, who can fill one or more roles on a client's team. */
export const PersonSchema = z.strictObject({
  /** Kebab-case id that client records use in `team:`. */
  id: IdSchema,
  /** Full name, as signed in emails. */
  name: z.string().min(1),
  /** Work email address. */
  email: EmailAddressSchema,
  /** Ids of the roles this person can fill. */
  roles: z.array(IdSchema).min(1),
  /**
   * Their handle in the issue tracker (`@theo-okafor`); a client's Markdown export assigns tasks to
   * `@handle` so GitHub or GitLab notifies them. Without one the export names them.
   */
  handle: z.string().regex(/^@[\w.-]+$/, 'expected a handle like @name').optional(),
});
export type Person = z.output<typeof PersonSchema>;

/** `content/team.yaml`: the roles that own offboarding work and the people who fill them. */
export const TeamSchema = z.strictObject({
  /** Every role an SOP or checklist item may name as its owner. */
  roles: z.array(RoleSchema).min(1),
  /** The people who staff client teams. */
  people: z.array(PersonSchema).min(1),
});
export type Team = z.output<typeof TeamSchema>;
