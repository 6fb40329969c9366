import { z } from 'astro/zod';
import { EmailAddressSchema, IdSchema, IsoDateSchema, VarValueSchema } from './common';
import { DoneRecordSchema } from './record';

/** Why a relationship ends; playbooks and emails may change tone with it. */
export const END_REASONS = ['completed', 'client-ended', 'we-ended', 'for-cause', 'mutual'] as const;

/** The contract dates every due date is computed from. */
export const ContractSchema = z.strictObject({
  /** First day of the contract. */
  start: IsoDateSchema,
  /** Last day of the contract: the anchor of every `-30d` / `+7d` offset. */
  end: IsoDateSchema,
  /** The day notice was given; defaults to `end` minus the company's `noticeDays`. */
  notice: IsoDateSchema.optional(),
  /** completed, client-ended, we-ended, for-cause or mutual. */
  reason: z.enum(END_REASONS).optional(),
});

/** A person at the client. */
export const ContactSchema = z.strictObject({
  /** Full name. */
  name: z.string().min(1),
  /** Email address emails are addressed to. */
  email: EmailAddressSchema,
  /** Job title. */
  title: z.string().optional(),
  /** The one contact emails are addressed to (`{{ contact.name }}`); exactly one per client. */
  primary: z.boolean().default(false),
  /**
   * What this contact is the one to write to for (`billing`, `privacy`): an email with
   * `to: client:billing` goes to the contact whose role is `billing`.
   */
  role: IdSchema.optional(),
});

/** An unpaid invoice. */
export const InvoiceSchema = z.strictObject({
  /** Invoice number as the client sees it. */
  number: z.string().min(1),
  /** Amount due, in the currency's main unit (1250.5). */
  amount: z.number().nonnegative(),
  /** ISO 4217 code (USD, EUR, GBP). */
  currency: z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 currency code like USD or EUR'),
  /** Date the invoice is due. */
  due: IsoDateSchema,
});

/** A deliverable still owed or in progress. */
export const DeliverableSchema = z.strictObject({
  /** What it is ("Brand guidelines PDF"). */
  name: z.string().min(1),
  /** delivered, in-progress or not-started. */
  status: z.enum(['delivered', 'in-progress', 'not-started']),
});

/** `content/clients/*.yaml`: a client that is leaving, and everything its checklist needs. */
export const ClientSchema = z.strictObject({
  /** Client name as used in emails (`{{ client.name }}`). */
  name: z.string().min(1),
  /** Id of the playbook to run (`templates/playbooks/<id>.yaml`). */
  playbook: IdSchema,
  /** Contract dates; see `ContractSchema`. */
  contract: ContractSchema,
  /** People at the client; exactly one is `primary: true`. */
  contacts: z.array(ContactSchema).min(1),
  /** Who fills each role for this client: role id → person id. */
  team: z.record(IdSchema, IdSchema),
  /** Money and work still open. */
  outstanding: z
    .strictObject({
      /** Unpaid invoices. */
      invoices: z.array(InvoiceSchema).default([]),
      /** Deliverables not yet accepted. */
      deliverables: z.array(DeliverableSchema).default([]),
    })
    .default({ invoices: [], deliverables: [] }),
  /** Answers to the playbook's `vars` questions. */
  vars: z.record(z.string(), VarValueSchema).default({}),
  /** Private notes for the team; never sent anywhere. */
  notes: z.string().optional(),
  /**
   * The shared record of the run: task global id → `{ on, by, note?, answer? }`. Written by hand, by
   * `npm run done`, or by ticking a task in `npm run dev`.
   */
  done: DoneRecordSchema.default({}),
});
export type Client = z.output<typeof ClientSchema>;
