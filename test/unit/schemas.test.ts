import { describe, expect, it } from 'vitest';
import { ClientSchema, CompanySchema, EmailSchema, PlaybookSchema, SopSchema, TeamSchema } from '../../src/schemas';
import { loadContent } from '../../src/lib/content/load';
import { schemaDiagnostics } from '../../src/lib/content/schema-diagnostics';
import { parseYamlSource } from '../../src/lib/content/yaml-positions';
import type { z } from 'astro/zod';
import { fixtureProject } from '../fixture-project';

/** Validates YAML text against a schema the way `check` does, returning `line:column message` strings. */
function problems(schema: z.ZodType, yaml: string): string[] {
  const source = parseYamlSource('fixture.yaml', yaml);
  const result = schema.safeParse(source.value, { reportInput: true });
  if (result.success) return [];
  return schemaDiagnostics(source, schema, result.error.issues, 'the fixture').map(
    (d) => `${d.line}:${d.column} ${d.message}${d.hint ? ` | ${d.hint}` : ''}`,
  );
}

const sop = (extra: string) => `title: T\nsummary: S\nphase: announce\nowner: account-lead\n${extra}`;

describe('a valid library (the runs fixture)', () => {
  it('passes the schemas with no diagnostics, every file of each kind loaded', async () => {
    const { diagnostics, input } = await loadContent(await fixtureProject('runs'));
    expect(diagnostics).toEqual([]);
    expect(input?.sops.map((s) => s.id).sort()).toEqual(['follow-up', 'handover', 'notify', 'pay']);
    expect(input?.emails.map((e) => e.id).sort()).toEqual(['check-in', 'hello', 'invoice', 'meeting']);
    expect(input?.playbooks.map((p) => p.id).sort()).toEqual(['basic', 'completion', 'early', 'standard']);
    expect(input?.phases.map((p) => p.id)).toEqual(['start', 'end', 'after']);
    expect(input?.team.roles).toHaveLength(3);
    expect(new Set(input?.clients.map((c) => c.contract.end.slice(0, 7))).size).toBe(3);
  });
});

describe('malformed content is rejected with the field named', () => {
  it('a misspelt key, with a suggestion', () => {
    expect(problems(SopSchema, 'title: T\nsumary: S\nphase: announce\nowner: account-lead\n')).toEqual([
      '2:1 sumary: unknown field in the fixture | did you mean `summary`? Rename the field (fields are case-sensitive).',
    ]);
  });

  it('SOP aliases: a list of words, an empty one pointed at; none is an empty list', () => {
    expect(problems(SopSchema, sop('aliases: keys\n'))).toEqual(['5:10 aliases: expected a list, found string "keys"']);
    expect(problems(SopSchema, sop('aliases: [keys, " "]\n'))).toEqual(['5:17 aliases[1]: must not be empty']);
    expect(SopSchema.parse({ title: 'T', summary: 'S', phase: 'announce', owner: 'account-lead' }).aliases).toEqual([]);
  });

  it('a wrong type inside a checklist item', () => {
    expect(problems(SopSchema, sop('checklist:\n  - id: a\n    task: Do it\n    due: -3d\n    required: "yes"\n'))).toEqual([
      '9:15 checklist[0].required: expected a boolean, found string "yes"',
    ]);
  });

  it('a bad due offset, pointing at its value', () => {
    expect(problems(SopSchema, sop('checklist:\n  - id: a\n    task: Do it\n    due: 30d\n'))).toEqual([
      '8:10 checklist[0].due: "30d" needs a sign: write -30d (before the contract end) or +30d (after it)',
    ]);
  });

  it('a non-kebab-case id', () => {
    expect(problems(SopSchema, sop('checklist:\n  - id: Send_Invoice\n    task: Do it\n    due: 0d\n'))[0]).toBe(
      '6:9 checklist[0].id: expected a kebab-case id (lower-case letters, digits and hyphens, like "account-lead"), found "Send_Invoice"',
    );
  });

  it('an unknown key in a nested review block', () => {
    expect(problems(SopSchema, sop('review: { lastReviewed: 2026-10-01, every: 6 months, owner: x }\n'))).toEqual([
      '5:54 review.owner: unknown field in the fixture | remove it; allowed fields here: lastReviewed, every',
    ]);
  });

  it('an impossible date in a client record', () => {
    const client = 'name: A\nplaybook: p\ncontract: { start: 2026-01-01, end: 2026-02-30 }\ncontacts: [{ name: B, email: b@example.com, primary: true }]\nteam: {}\n';
    expect(problems(ClientSchema, client)).toEqual([
      '3:37 contract.end: "2026-02-30" is not a date: February 2026 has 28 days',
    ]);
  });

  it('an email audience outside the list', () => {
    expect(problems(EmailSchema, 'title: T\nsubject: S\naudience: customer\n')).toEqual([
      '3:11 audience: expected one of "client", "internal", "vendor", found "customer"',
    ]);
  });

  it('a playbook variable of an unknown type', () => {
    expect(problems(PlaybookSchema, 'title: T\ndescription: D\nsops: [a]\nvars:\n  keepsDomains: { type: bool, description: Q }\n')).toEqual([
      '5:25 vars.keepsDomains.type: expected one of "boolean", "string", "number", "date", "choice", "list", found "bool"',
    ]);
  });

  it('a person with an invalid email and the company with an unknown time zone', () => {
    expect(problems(TeamSchema, 'roles: [{ id: a, title: A }]\npeople: [{ id: p, name: P, email: nope, roles: [a] }]\n')).toEqual([
      '2:35 people[0].email: expected an email address like name@example.com, found "nope"',
    ]);
    expect(problems(CompanySchema, 'name: C\ntimezone: Mars/Olympus\n')).toEqual([
      '2:11 timezone: expected an IANA time zone like Europe/London, found "Mars/Olympus"',
    ]);
  });

  it('fills defaults for optional fields', () => {
    const parsed = CompanySchema.parse({ name: 'C' });
    expect(parsed).toMatchObject({ locale: 'en-US', noticeDays: 30, workweek: ['mon', 'tue', 'wed', 'thu', 'fri'], holidays: [] });
    const item = SopSchema.parse({ title: 'T', summary: 'S', phase: 'a', owner: 'b', checklist: [{ id: 'x', task: 'X', due: '0d' }] }).checklist[0];
    expect(item).toMatchObject({ required: true, after: [] });
  });
});
