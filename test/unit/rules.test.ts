import { describe, expect, it } from 'vitest';
import { validateProject } from '../../src/lib/check/validate';
import { fixtureProject } from '../fixture-project';

/** [file, line, rule] of every diagnostic for a fixture scenario, judged as of a fixed day. */
async function tuples(scenario: string) {
  const { diagnostics } = await validateProject(await fixtureProject(scenario), { today: '2026-11-25', cache: false });
  return diagnostics.map((d) => [d.file, d.line, d.rule]);
}

describe('validation rules, one fixture each (test/fixtures/<rule>, laid over _base)', () => {
  it('accepts the base fixture with no diagnostics', async () => {
    expect(await tuples('_base')).toEqual([]);
  });

  it.each([
    ['schema', [
      ['content/clients/acme.yaml', 3, 'schema'], // reason: budget
      ['content/clients/acme.yaml', 8, 'schema'], // amount: "12"
      ['content/clients/acme.yaml', 8, 'schema'], // currency: usd
      ['sops/notify.mdx', 3, 'schema'], // sumary
      ['sops/notify.mdx', 14, 'schema'], // due: 3 days
    ]],
    ['yaml', [['content/company.yaml', 4, 'yaml']]],
    ['duplicate-id', [['content/team.yaml', 6, 'duplicate-id']]],
    ['reference', [
      ['content/clients/acme.yaml', 6, 'reference'], // person anna
      ['sops/pay.mdx', 4, 'reference'], // phase ending
      ['sops/pay.mdx', 10, 'reference'], // after notify#confirmation
      ['sops/pay.mdx', 11, 'reference'], // email invoices
      ['templates/emails/invoice.md', 1, 'unused-email'], // a consequence: nothing sends "invoice" now
      ['templates/playbooks/basic.yaml', 3, 'reference'], // SOP archive
      ['templates/playbooks/basic.yaml', 4, 'reference'], // skip pay#remindr
    ]],
    ['cycle', [['sops/notify.mdx', 11, 'cycle']]],
    ['client', [
      ['content/clients/acme.yaml', 3, 'client'], // end before start
      ['content/clients/acme.yaml', 5, 'client'], // no primary contact
      ['content/clients/acme.yaml', 6, 'unstaffed-role'], // finance not staffed: a warning
      ['content/clients/acme.yaml', 7, 'client'], // undeclared var
    ]],
    ['template', [
      ['templates/emails/filter.md', 1, 'unused-email'],
      ['templates/emails/filter.md', 6, 'template'], // unknown filter
      ['templates/emails/hello.md', 3, 'template-variable'], // subject: contract.ends
      ['templates/emails/hello.md', 6, 'template-variable'], // contact.nme
      ['templates/emails/hello.md', 9, 'template-variable'], // links.survey
      ['templates/emails/invoice.md', 6, 'template'], // date format at render
      ['templates/emails/syntax.md', 1, 'unused-email'],
      ['templates/emails/syntax.md', 6, 'template'], // unclosed if
    ]],
    ['end-day-off', [['content/clients/acme.yaml', 3, 'end-day-off']]], // ends on a Sunday: a warning
    // contact.title printed bare in the subject, on line 6 and in an else branch; guarded (if, unless) or with a default it passes
    ['optional-field', [
      ['templates/emails/hello.md', 3, 'optional-field'],
      ['templates/emails/hello.md', 6, 'optional-field'],
      ['templates/emails/hello.md', 10, 'optional-field'],
    ]],
    // hello says notice+2bd, its task notice+1bd; invoice says 0d, one of its two tasks (0d, +14d) agrees
    ['send-time', [['templates/emails/hello.md', 5, 'send-time']]],
    ['when', [['sops/pay.mdx', 16, 'when']]],
    ['mermaid', [['sops/notify.mdx', 26, 'mermaid']]],
    ['link', [['sops/notify.mdx', 20, 'link']]],
    ['hygiene', [
      ['sops/notify.mdx', 6, 'review-overdue'],
      ['sops/notify.mdx', 14, 'due-range'],
      ['templates/emails/unused.md', 1, 'unused-email'],
    ]],
  ])('%s', async (scenario, expected) => {
    expect(await tuples(scenario)).toEqual(expected);
  });

  it('says what was wrong and how to fix it', async () => {
    const messages = async (scenario: string) =>
      (await validateProject(await fixtureProject(scenario), { today: '2026-11-25', cache: false })).diagnostics.map(
        (d) => `${d.file}:${d.line}:${d.column} ${d.message}${d.hint ? ` — ${d.hint}` : ''}`,
      );
    expect(await messages('cycle')).toMatchInlineSnapshot(`
      [
        "sops/notify.mdx:11:12 dependency cycle: tell → pay#invoice → confirm → tell — remove one \`after\` in the cycle; a task cannot wait for itself",
      ]
    `);
    expect(await messages('client')).toMatchInlineSnapshot(`
      [
        "content/clients/acme.yaml:3:37 contract.end (2027-01-29) is not after contract.start (2027-02-01) — check the two dates; the end is the last day of the contract",
        "content/clients/acme.yaml:5:3 contacts: no contact is marked primary — mark exactly one contact with \`primary: true\`; client emails are addressed to that person",
        "content/clients/acme.yaml:6:1 team: nobody is assigned the role "finance", which the playbook "basic" needs — add \`finance: ben\` under team",
        "content/clients/acme.yaml:7:9 vars.keepsDomain: the playbook "basic" does not ask this — did you mean \`keepsDomains\`?",
      ]
    `);
    expect(await messages('end-day-off')).toMatchInlineSnapshot(`
      [
        "content/clients/acme.yaml:3:37 contract.end (2027-01-31) is a Sunday, not a working day — if the last working day is another day, write that; tasks due on the end date move to 2027-01-29 (\`dueOnDayOff: earlier\` in content/company.yaml)",
      ]
    `);
    expect(await messages('template')).toMatchInlineSnapshot(`
      [
        "templates/emails/filter.md:1:1 no SOP or playbook sends the email "filter" — add \`email: filter\` to the checklist item that sends it, or delete the template",
        "templates/emails/filter.md:6:6 unknown filter "upcas" — did you mean \`upcase\`?",
        "templates/emails/hello.md:3:24 subject: unknown variable \`contract.ends\` — did you mean \`contract.end\`?",
        "templates/emails/hello.md:6:7 unknown variable \`contact.nme\` — did you mean \`contact.name\`?",
        "templates/emails/hello.md:9:13 unknown variable \`links.survey\` — did you mean \`links.feedback\`?",
        "templates/emails/invoice.md:6:11 unknown date format "fortnight"; use one of long, medium, short, weekday, day, iso — the template parses but fails when rendered with a sample client",
        "templates/emails/syntax.md:1:1 no SOP or playbook sends the email "syntax" — add \`email: syntax\` to the checklist item that sends it, or delete the template",
        "templates/emails/syntax.md:6:1 tag {% if outstanding.invoices.size > 0 %} not closed — close it with {% endif %}",
      ]
    `);
    expect(await messages('optional-field')).toMatchInlineSnapshot(`
      [
        "templates/emails/hello.md:3:15 subject: \`contact.title\` is optional: where the client's record has none, this prints nothing and leaves a gap — print it inside \`{% if contact.title %}…{% endif %}\`, or give a default: \`{{ contact.title | default: "…" }}\`",
        "templates/emails/hello.md:6:29 \`contact.title\` is optional: where the client's record has none, this prints nothing and leaves a gap — print it inside \`{% if contact.title %}…{% endif %}\`, or give a default: \`{{ contact.title | default: "…" }}\`",
        "templates/emails/hello.md:10:47 \`contact.title\` is optional: where the client's record has none, this prints nothing and leaves a gap — print it inside \`{% if contact.title %}…{% endif %}\`, or give a default: \`{{ contact.title | default: "…" }}\`",
      ]
    `);
    expect(await messages('send-time')).toMatchInlineSnapshot(`
      [
        "templates/emails/hello.md:5:7 send: notice+2bd, but the task that sends it, “Tell the client” (notify#tell), is due notice+1bd — write \`send: notice+1bd\` (runs go by the task's due), or change the task's \`due:\` if the email is right",
      ]
    `);
    expect(await messages('when')).toMatchInlineSnapshot(`
      [
        "sops/pay.mdx:16:11 checklist[1].when: unknown variable \`vars.keepDomains\` — did you mean \`vars.keepsDomains\`?",
      ]
    `);
    expect(await messages('mermaid')).toMatchInlineSnapshot(`
      [
        "sops/notify.mdx:26:1 the diagram does not parse: unexpected STR (expected SQE, DOUBLECIRCLEEND, PE, -), …) — check the line against https://mermaid.js.org/syntax/flowchart.html; quote labels that contain brackets, quotes or #",
      ]
    `);
    expect(await messages('link')).toMatchInlineSnapshot(`
      [
        "sops/notify.mdx:20:5 the link to /sops/payment/ points to no page — did you mean /sops/pay/?",
      ]
    `);
    expect(await messages('reference')).toMatchInlineSnapshot(`
      [
        "content/clients/acme.yaml:6:15 team.lead: no person "anna" — did you mean "ana"? People are defined in content/team.yaml.",
        "sops/pay.mdx:4:8 phase: no phase "ending" — did you mean "end"? Phases are defined in content/phases.yaml.",
        "sops/pay.mdx:10:13 checklist[0].after[0]: no checklist item "notify#confirmation" — did you mean "notify#confirm"? Checklist items are defined in the SOPs (write <sop-id>#<item-id> for another SOP).",
        "sops/pay.mdx:11:12 checklist[0].email: no email template "invoices" — did you mean "invoice"? Email templates are defined in templates/emails/.",
        "templates/emails/invoice.md:1:1 no SOP or playbook sends the email "invoice" — add \`email: invoice\` to the checklist item that sends it, or delete the template",
        "templates/playbooks/basic.yaml:3:21 sops[2]: no SOP "archive" — use one of: notify, pay (sops/)",
        "templates/playbooks/basic.yaml:4:8 skip[0]: no checklist item "pay#remindr" — did you mean "pay#remind"? Checklist items are defined in the SOPs (write <sop-id>#<item-id>).",
      ]
    `);
  });
});
