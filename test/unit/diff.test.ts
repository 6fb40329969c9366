import { describe, expect, it } from 'vitest';
import { DIFF_REPORTERS, formatDiffMarkdown } from '../../src/lib/diff';
import { diffProject } from '../../src/lib/history/versions';
import { gitProject, type GitProject } from '../git-project';

/** The fixture client (Acme) ends on Fri 29 Jan 2027: it is active on this day. */
const TODAY = '2026-11-25';

/** Commits the change, then diffs the commit against its parent as `npm run diff` would. */
async function diffAfter(project: GitProject, message: string, today = TODAY) {
  await project.commit(message);
  const { report } = await diffProject(project.dir, { base: 'HEAD~1', head: 'HEAD', today });
  return { report, markdown: formatDiffMarkdown(report) };
}

const ADDED_ITEM = `  - id: statement
    task: Send a statement of account
    due: +7d
    after: [invoice]
`;

describe('sendoff diff: the semantic diff of two commits (temporary git repositories)', () => {
  it('reports an added item, with when it falls for the active client', async () => {
    const project = await gitProject();
    await project.replace('sops/pay.mdx', '  - id: remind\n', `${ADDED_ITEM}  - id: remind\n`);
    const { report, markdown } = await diffAfter(project, 'Add a statement of account');
    expect(report.sops).toEqual([
      {
        change: 'changed',
        id: 'pay',
        title: 'Get paid',
        file: 'sops/pay.mdx',
        fields: [],
        items: [
          {
            change: 'added',
            id: 'statement',
            task: 'Send a statement of account',
            fields: [
              { field: 'owner', from: null, to: 'finance', toLabel: 'Finance' },
              { field: 'due', from: null, to: '+7d', toLabel: '7 days after the contract end' },
              { field: 'required', from: null, to: true, toLabel: 'required' },
              { field: 'after', from: null, to: ['pay#invoice'], toLabel: '“Send the final invoice”' },
            ],
          },
        ],
        body: null,
        itemCount: 3,
      },
    ]);
    expect(report.impact).toEqual({
      today: TODAY,
      todayLabel: 'Wed, Nov 25, 2026',
      activeClients: 1,
      affected: [
        {
          client: { id: 'acme', name: 'Acme' },
          end: '2027-01-29',
          endLabel: 'Fri, Jan 29, 2027',
          items: [{ change: 'added', globalId: 'pay#statement', task: 'Send a statement of account', to: { date: '2027-02-05', dateLabel: 'Fri, Feb 5, 2027', person: 'Ben Ode' } }],
        },
      ],
    });
    expect(markdown.replace(/`[0-9a-f]{7}`/g, '`sha`')).toMatchInlineSnapshot(`
      "## Offboarding changes

      Comparing \`HEAD~1\` (\`sha\`) with \`HEAD\` (\`sha\`).

      | | New | Changed |
      | --- | ---: | ---: |
      | SOPs | 0 | 1 |
      | Tasks | 1 | 0 |

      ### SOPs

      #### Get paid

      Changed · \`sops/pay.mdx\`

      - **New task:** “Send a statement of account” · Finance · due 7 days after the contract end (\`+7d\`) · after “Send the final invoice”

      ### Impact on active clients

      1 of 1 active client (contract ending on or after Wed, Nov 25, 2026) is affected.

      #### Acme (contract ends Fri, Jan 29, 2027)

      - “Send a statement of account” is new, due Fri, Feb 5, 2027 (Ben Ode)
      "
    `);
  });

  it('reports a moved due date in words and as shorthand, and moves the client date', async () => {
    const project = await gitProject();
    await project.replace('sops/pay.mdx', '    due: 0d\n', '    due: -5bd\n');
    const { report, markdown } = await diffAfter(project, 'Invoice a week earlier');
    expect(report.sops[0]!.items).toEqual([
      {
        change: 'changed',
        id: 'invoice',
        task: 'Send the final invoice',
        fields: [{ field: 'due', from: '0d', to: '-5bd', fromLabel: 'on the contract end date', toLabel: '5 working days before the contract end' }],
      },
    ]);
    expect(report.impact!.affected[0]!.items).toEqual([
      {
        change: 'moved',
        globalId: 'pay#invoice',
        task: 'Send the final invoice',
        from: { date: '2027-01-29', dateLabel: 'Fri, Jan 29, 2027', person: 'Ben Ode' },
        to: { date: '2027-01-22', dateLabel: 'Fri, Jan 22, 2027', person: 'Ben Ode' },
      },
    ]);
    expect(markdown.replace(/`[0-9a-f]{7}`/g, '`sha`')).toMatchInlineSnapshot(`
      "## Offboarding changes

      Comparing \`HEAD~1\` (\`sha\`) with \`HEAD\` (\`sha\`).

      | | Changed |
      | --- | ---: |
      | SOPs | 1 |
      | Tasks | 1 |

      ### SOPs

      #### Get paid

      Changed · \`sops/pay.mdx\`

      - **Changed task:** “Send the final invoice”
        - Due: on the contract end date → 5 working days before the contract end (\`0d\` → \`-5bd\`)

      ### Impact on active clients

      1 of 1 active client (contract ending on or after Wed, Nov 25, 2026) is affected.

      #### Acme (contract ends Fri, Jan 29, 2027)

      - “Send the final invoice” moves from Fri, Jan 29, 2027 to Fri, Jan 22, 2027
      "
    `);
  });

  it('reports an owner change with role titles, and who does the task for the client now', async () => {
    const project = await gitProject();
    await project.replace('sops/pay.mdx', '    due: 0d\n', '    due: 0d\n    owner: lead\n');
    const { report, markdown } = await diffAfter(project, 'The account lead invoices');
    expect(report.sops[0]!.items[0]!.fields).toEqual([{ field: 'owner', from: 'finance', to: 'lead', fromLabel: 'Finance', toLabel: 'Account lead' }]);
    expect(markdown).toContain('  - Owner: Finance → Account lead (`finance` → `lead`)\n');
    expect(markdown).toContain('- “Send the final invoice” falls to Ana Lima instead of Ben Ode (due Fri, Jan 29, 2027)\n');
  });

  it('recognises a renamed SOP (same content, new path) and does not call it removed and added', async () => {
    const project = await gitProject();
    await project.move('sops/pay.mdx', 'sops/finance/get-paid.mdx');
    await project.replace('templates/playbooks/basic.yaml', 'sops: [notify, pay]', 'sops: [notify, finance/get-paid]');
    const { report, markdown } = await diffAfter(project, 'File the payment SOP under finance');
    expect(report.sops).toEqual([
      { change: 'renamed', id: 'finance/get-paid', previousId: 'pay', title: 'Get paid', file: 'sops/finance/get-paid.mdx', fields: [], items: [], body: null, itemCount: 2 },
    ]);
    expect(report.playbooks).toEqual([]);
    expect(report.impact!.affected).toEqual([]);
    expect(markdown.replace(/`[0-9a-f]{7}`/g, '`sha`')).toMatchInlineSnapshot(`
      "## Offboarding changes

      Comparing \`HEAD~1\` (\`sha\`) with \`HEAD\` (\`sha\`).

      | | Renamed |
      | --- | ---: |
      | SOPs | 1 |

      ### SOPs

      #### Get paid

      Renamed · \`sops/pay.mdx\` → \`sops/finance/get-paid.mdx\`

      - Its page moves from \`/sops/pay/\` to \`/sops/finance/get-paid/\`

      ### Impact on active clients

      No active client's checklist changes (1 client has a contract ending on or after Wed, Nov 25, 2026).
      "
    `);
  });

  it('reports an email variable removed, with a word-level summary of the body', async () => {
    const project = await gitProject();
    await project.replace('templates/emails/hello.md', 'Tell us how we did: {{ links.feedback }}\n', '');
    const { report, markdown } = await diffAfter(project, 'Drop the feedback link from the first email');
    expect(report.emails).toEqual([
      {
        change: 'changed',
        id: 'hello',
        title: 'Hello',
        file: 'templates/emails/hello.md',
        fields: [],
        body: { wordsAdded: 0, wordsRemoved: 8, removedSample: 'Tell us how we did:' },
        variables: { added: [], removed: ['links.feedback'] },
      },
    ]);
    expect(markdown.replace(/`[0-9a-f]{7}`/g, '`sha`')).toMatchInlineSnapshot(`
      "## Offboarding changes

      Comparing \`HEAD~1\` (\`sha\`) with \`HEAD\` (\`sha\`).

      | | Changed |
      | --- | ---: |
      | Emails | 1 |

      ### Emails

      #### Hello

      Changed · \`templates/emails/hello.md\`

      - **No longer uses:** \`links.feedback\`
      - **Body:** −8 words (removes “Tell us how we did:”)

      ### Impact on active clients

      No active client's checklist changes (1 client has a contract ending on or after Wed, Nov 25, 2026).
      "
    `);
  });

  it('reports a playbook reorder as the SOP that moved, plus skips', async () => {
    const project = await gitProject();
    await project.replace('templates/playbooks/basic.yaml', 'sops: [notify, pay]', 'sops: [pay, notify]\nskip: [notify#confirm]');
    const { report, markdown } = await diffAfter(project, 'Payment first; no confirmation');
    expect(report.playbooks).toEqual([
      {
        change: 'changed',
        id: 'basic',
        title: 'Basic',
        file: 'templates/playbooks/basic.yaml',
        fields: [],
        sops: { added: [], removed: [], moved: [{ id: 'notify', title: 'Notify everyone', from: 1, to: 2 }] },
        skip: { added: [{ id: 'notify#confirm', title: 'Get a confirmation' }], removed: [] },
        extra: [],
      },
    ]);
    expect(markdown.replace(/`[0-9a-f]{7}`/g, '`sha`')).toMatchInlineSnapshot(`
      "## Offboarding changes

      Comparing \`HEAD~1\` (\`sha\`) with \`HEAD\` (\`sha\`).

      | | Changed |
      | --- | ---: |
      | Playbooks | 1 |

      ### Playbooks

      #### Basic

      Changed · \`templates/playbooks/basic.yaml\`

      - **Moves** “Notify everyone” from step 1 to step 2
      - **Now skips:** “Get a confirmation”

      ### Impact on active clients

      1 of 1 active client (contract ending on or after Wed, Nov 25, 2026) is affected.

      #### Acme (contract ends Fri, Jan 29, 2027)

      - “Get a confirmation” no longer applies (was due Tue, Jan 5, 2027)
      "
    `);
  });

  it('names the condition on an SOP a playbook adds, in words, and an undated task as "during the run" (issue 14, items 1 and 3)', async () => {
    const project = await gitProject();
    await project.write('sops/handover.mdx', '---\ntitle: Hand over the domains\nsummary: Move the domains.\nphase: end\nowner: lead\nchecklist:\n  - id: move\n    task: Move the domains\n    due: 0d\n---\n\nBody.\n');
    await project.commit('A handover SOP no playbook runs yet');
    await project.replace('templates/playbooks/basic.yaml', 'sops: [notify, pay]', 'sops: [notify, pay, { id: handover, when: vars.keepsDomains }]');
    await project.replace('sops/pay.mdx', '    due: +14d\n', '');
    await project.replace('sops/pay.mdx', '    email: invoice\n', '    email: invoice\n  - id: log-calls\n    task: Log every call about the invoice\n');
    const { report, markdown } = await diffAfter(project, 'Domains handed over when kept; reminders whenever needed');
    expect(report.playbooks[0]!.sops.added).toEqual([
      { id: 'handover', title: 'Hand over the domains', when: { condition: 'vars.keepsDomains', words: 'the answer to “Keeps domains?” is yes' } },
    ]);
    expect(markdown).toContain('- **Adds SOP:** “Hand over the domains” (only when the answer to “Keeps domains?” is yes, `vars.keepsDomains`)\n');
    expect(markdown).toContain('  - Due: 14 days after the contract end → during the run (`+14d` → no `due:`)\n');
    expect(markdown).toContain('- **New task:** “Log every call about the invoice” · Finance · during the run\n');
    expect(markdown).not.toContain('`during the run`');
  });

  it('counts only clients whose contract ends on or after today', async () => {
    const project = await gitProject();
    await project.replace('sops/pay.mdx', '    due: 0d\n', '    due: -5bd\n');
    const { report, markdown } = await diffAfter(project, 'Invoice a week earlier', '2027-01-30');
    expect(report.impact).toEqual({ today: '2027-01-30', todayLabel: 'Sat, Jan 30, 2027', activeClients: 0, affected: [] });
    expect(markdown).toMatch(/### Impact on active clients\n\nNo client has a contract ending on or after Sat, Jan 30, 2027\.\n$/);
  });

  it('never prints client contact data, only that other details changed', async () => {
    const project = await gitProject();
    await project.replace('content/clients/acme.yaml', 'cy@acme.example.com', 'cy.doe@acme.example.com');
    const { report, markdown } = await diffAfter(project, 'New contact address');
    expect(report.clients).toEqual([
      { change: 'changed', id: 'acme', title: 'Acme', file: 'content/clients/acme.yaml', fields: [{ field: 'details', from: null, to: 'contacts, outstanding work, answers or notes changed (not shown)' }] },
    ]);
    expect(JSON.stringify(report)).not.toContain('acme.example.com');
    expect(markdown).not.toContain('acme.example.com');
    expect(markdown).not.toContain('Cy Doe');
  });

  it("reports a person's new handle and address under the person's name, in the Markdown and the JSON", async () => {
    const project = await gitProject();
    await project.replace('content/team.yaml', '    roles: [lead]\n', '    roles: [lead]\n    handle: "@ana"\n');
    await project.commit('Ana has a handle');
    await project.replace('content/team.yaml', 'handle: "@ana"', 'handle: "@ana-lima"');
    await project.replace('content/team.yaml', 'ben@example.com', 'ben.ode@example.com');
    const { report, markdown } = await diffAfter(project, 'New handle for Ana, new address for Ben');
    const people = [
      { change: 'changed', id: 'ana', title: 'Ana Lima', file: 'content/team.yaml', fields: [{ field: 'handle', from: '@ana', to: '@ana-lima' }] },
      { change: 'changed', id: 'ben', title: 'Ben Ode', file: 'content/team.yaml', fields: [{ field: 'email', from: 'ben@example.com', to: 'ben.ode@example.com' }] },
    ];
    expect(report.people).toEqual(people);
    expect(JSON.parse(DIFF_REPORTERS.json(report)).people).toEqual(people);
    expect(markdown.replace(/`[0-9a-f]{7}`/g, '`sha`')).toMatchInlineSnapshot(`
      "## Offboarding changes

      Comparing \`HEAD~1\` (\`sha\`) with \`HEAD\` (\`sha\`).

      | | Changed |
      | --- | ---: |
      | People | 2 |

      ### Team

      - **Person Ana Lima:**
        - Handle: \`@ana\` → \`@ana-lima\`
      - **Person Ben Ode:**
        - Email: \`ben@example.com\` → \`ben.ode@example.com\`

      ### Impact on active clients

      No active client's checklist changes (1 client has a contract ending on or after Wed, Nov 25, 2026).
      "
    `);
  });

  it("reports the company's site address among the company settings", async () => {
    const project = await gitProject();
    await project.replace('content/company.yaml', 'timezone: UTC\n', 'timezone: UTC\nsite: https://offboarding.example.com\n');
    const { report, markdown } = await diffAfter(project, 'Publish the site');
    expect(report.company).toEqual([{ field: 'site', from: null, to: 'https://offboarding.example.com' }]);
    expect(JSON.parse(DIFF_REPORTERS.json(report)).company).toEqual(report.company);
    expect(markdown).toContain('### Company settings\n\n- **Site address:** none → `https://offboarding.example.com`\n');
  });

  it('says "No content changes." when nothing changed', async () => {
    const project = await gitProject();
    await project.write('README.md', 'Not content.\n');
    const { markdown } = await diffAfter(project, 'Docs only');
    expect(markdown.replace(/`[0-9a-f]{7}`/g, '`sha`')).toBe(
      '## Offboarding changes\n\nComparing `HEAD~1` (`sha`) with `HEAD` (`sha`).\n\nNo content changes.\n\nNo active client\'s checklist changes (1 client has a contract ending on or after Wed, Nov 25, 2026).\n',
    );
  });
});
