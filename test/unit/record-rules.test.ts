import { describe, expect, it } from 'vitest';
import { DoneEntrySchema } from '../../src/schemas';
import { validateProject } from '../../src/lib/check/validate';
import { fixtureProject } from '../fixture-project';

/** The fixture's "today": acme's entry on 2026-11-30 is in the future, zeta's sign-off on 2026-11-26 too. */
const TODAY = '2026-11-25';

async function check(scenario: string, today = TODAY) {
  return (await validateProject(await fixtureProject(scenario), { today, cache: false })).diagnostics;
}

describe('check: the record rule (done: in a client file, judged against its run)', () => {
  it('accepts a valid record: tasks of the run, known people, past dates, answers of the right type', async () => {
    expect(await check('record-valid')).toEqual([]);
  });

  it('reports each problem at the entry, with what was wrong and how to fix it', async () => {
    const diagnostics = await check('record');
    expect(diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.message} — ${d.hint}`)).toMatchInlineSnapshot(`
      [
        "content/clients/acme.yaml:8:51 error done.notify#tell.answer: "budget" is not one of the options of "Primary reason for leaving?" (Budget, Moved in-house) — did you mean "Budget"? write one of the options exactly: "Budget", "Moved in-house"",
        "content/clients/acme.yaml:9:25 error done.notify#confirm.on: the day it was done (2026-11-30) is after today (2026-11-25) — write the day the task was done; a future date is usually a typo in the month or the year (\`check\` takes today from --today or SENDOFF_TODAY when given)",
        "content/clients/acme.yaml:9:41 error done.notify#confirm.by: no person "anna" — did you mean "ana"? People are defined in content/team.yaml.",
        "content/clients/acme.yaml:9:55 error done.notify#confirm.answer: "Signed by" takes a sign-off (who signed and when), found "Cy Doe 2026-11-20" — write who signed and when: \`answer: { name: Ana Ruiz, title: Principal, on: 2026-11-30 }\` (title is optional)",
        "content/clients/acme.yaml:10:22 error done.notify#rate.on: the day it was done (2025-12-01) is before the contract start (2026-01-01) — check the year: the run of this client starts with its contract",
        "content/clients/acme.yaml:10:51 error done.notify#rate.answer: "How would you rate us?" takes a whole number from 1 to 10, found the number 11 — write a whole number from 1 to 10, without quotes (\`answer: 8\`)",
        "content/clients/acme.yaml:11:3 error done.notify#old: "Fax the contract" is not in this client's run: the playbook "basic" skips it (\`skip:\`) — remove this entry: nobody has to do a task the run leaves out",
        "content/clients/acme.yaml:12:3 error done.pay#remind: "Remind" is not in this client's run: its condition \`when: outstanding.invoices.size > 0\` is false for this client — remove this entry, or, if the task did apply, correct the client's answers the condition reads",
        "content/clients/acme.yaml:13:3 error done.pay#invoce: no task "pay#invoce" in this client's run (playbook "basic") — did you mean "pay#invoice"? A task is named by its global id, <sop-id>#<item-id>.",
        "content/clients/acme.yaml:14:43 error done.pay#invoice.answer: "Send the final invoice" asks for no answer — put it in \`note:\` instead, or give the checklist item an \`answer:\` in its SOP",
        "content/clients/zeta.yaml:8:3 warning done.notify#tell: "Tell the client" asks "Primary reason for leaving?" and the record has no answer — add \`answer:\` to the entry (\`npm run done -- <client> <task> --answer …\` rewrites it)",
        "content/clients/zeta.yaml:9:75 error done.notify#confirm.answer.on: the day it was signed (2026-11-26) is after today (2026-11-25) — write the day the task was done; a future date is usually a typo in the month or the year (\`check\` takes today from --today or SENDOFF_TODAY when given)",
      ]
    `);
    expect(diagnostics.every((d) => d.rule === 'record')).toBe(true);
  });

  it('judges "after today" by the day check is told is today', async () => {
    const later = await check('record', '2026-12-01');
    expect(later.some((d) => d.message.startsWith('done.notify#confirm.on'))).toBe(false);
    expect(later.some((d) => d.message.startsWith('done.notify#confirm.answer.on'))).toBe(false);
  });
});

describe('the shape of a recorded answer (the schema, before the run is known)', () => {
  const messages = (answer: unknown) =>
    (DoneEntrySchema.safeParse({ on: '2026-11-02', by: 'ana', answer }).error?.issues ?? []).map((issue) => `${issue.path.join('.')}: ${issue.message}`);

  it.each([
    [{ name: 'Cy Doe' }, ['answer: a sign-off is { name, title?, on }: on: expected a date written YYYY-MM-DD, found nothing']],
    [{ name: 'Cy Doe', on: '2026-02-30' }, ['answer: a sign-off is { name, title?, on }: on: "2026-02-30" is not a date: February 2026 has 28 days']],
    [true, ['answer: expected an answer: text, a whole number or a sign-off { name, on }, found true']],
    ['', ['answer: an answer cannot be empty: write it, or remove `answer:`']],
    [{ name: 'Cy Doe', title: 'Owner', on: '2026-11-02' }, []],
  ])('%j', (answer, expected) => {
    expect(messages(answer)).toEqual(expected);
  });
});
