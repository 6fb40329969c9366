import { describe, expect, it } from 'vitest';
import { CompanySchema, PhasesSchema, PlaybookSchema, SopSchema, TeamSchema } from '../../src/schemas';
import { createLibrary, type Library } from '../../src/lib/content/library';
import { escapeMermaidLabel, playbookProcessMap, shortenTask, sopProcessMap, standardPlaybook } from '../../src/lib/maps/process-map';

/** A tiny library: two phases, three roles, three SOPs with same-SOP and cross-SOP dependencies. */
function fixture(overrides: { billingTitle?: string } = {}): Library {
  const sop = (id: string, data: unknown) => ({ ...SopSchema.parse(data), id });
  return createLibrary({
    company: CompanySchema.parse({ name: 'Acme' }),
    team: TeamSchema.parse({
      roles: [
        { id: 'lead', title: 'Account lead' },
        { id: 'finance', title: 'Finance' },
        { id: 'ops', title: 'Ops & IT' },
      ],
      people: [{ id: 'ann', name: 'Ann', email: 'ann@example.com', roles: ['lead', 'finance', 'ops'] }],
    }),
    phases: PhasesSchema.parse([
      { id: 'announce', title: 'Announce', description: 'Say it.' },
      { id: 'finance', title: 'Finance', description: 'Settle it.' },
    ]),
    sops: [
      sop('notice', {
        title: 'Confirm the end',
        summary: 'S.',
        phase: 'announce',
        owner: 'lead',
        checklist: [
          { id: 'confirm', task: 'Confirm the end date', due: 'notice+1d' },
          { id: 'tell-ops', task: 'Tell ops', due: 'notice+2d', owner: 'ops', after: ['confirm'], required: false },
        ],
      }),
      sop('billing', {
        title: overrides.billingTitle ?? 'Bill the client',
        summary: 'S.',
        phase: 'finance',
        owner: 'finance',
        checklist: [
          { id: 'invoice', task: 'Send the final invoice', due: '0d', after: ['notice#confirm'] },
          { id: 'chase', task: 'Chase payment', due: '+14d', after: ['invoice'], when: 'outstanding.invoices.size > 0' },
        ],
      }),
      sop('wrap', {
        title: 'Close the account',
        summary: 'S.',
        phase: 'announce',
        owner: 'ops',
        checklist: [{ id: 'close', task: 'Close the account', due: '+30d', after: ['billing#chase'] }],
      }),
    ],
    emails: [],
    playbooks: [
      { ...PlaybookSchema.parse({ title: 'Short', description: 'D.', sops: ['notice', 'billing', 'wrap'], skip: ['billing#chase'] }), id: 'short' },
      { ...PlaybookSchema.parse({ title: 'Full', description: 'D.', sops: ['notice', 'billing', 'wrap'] }), id: 'full' },
    ],
    clients: [],
  });
}

describe('escapeMermaidLabel', () => {
  it.each([
    ['plain words', 'Send the invoice', 'Send the invoice'],
    ['double quotes', 'Send "final" files', 'Send #34;final#34; files'],
    ['angle brackets', '<today>', '#60;today#62;'],
    ['hash', '#1', '#35;1'],
    ['semicolon', 'done; next', 'done#59; next'],
    ['square brackets', '[draft]', '#91;draft#93;'],
    ['round brackets', '(optional)', '#40;optional#41;'],
    ['curly brackets', '{x}', '#123;x#125;'],
    ['pipe', 'a|b', 'a#124;b'],
    ['ampersand (so &lt; stays literal)', 'Finance & billing &lt;', 'Finance #38; billing #38;lt#59;'],
    ['backtick (markdown strings)', '`code`', '#96;code#96;'],
    ['line breaks and runs of spaces', 'two\n lines\t here ', 'two lines here'],
    ['the title from the issue', 'Send "final" files <today> #1; done', 'Send #34;final#34; files #60;today#62; #35;1#59; done'],
  ])('%s', (_name, input, expected) => {
    expect(escapeMermaidLabel(input)).toBe(expected);
  });
});

describe('shortenTask (boxes of a whole run)', () => {
  it.each([
    ['short enough', 'Send the final invoice', 30, 'Send the final invoice'],
    ['cut at a word', 'Reconcile deposits, retainer balances and prepaid hours', 30, 'Reconcile deposits, retainer…'],
    ['no trailing comma', 'Reconcile deposits, retainer balances', 20, 'Reconcile deposits…'],
    ['one long word', 'Supercalifragilisticexpialidocious', 12, 'Supercalifr…'],
  ])('%s', (_name, text, max, expected) => {
    expect(shortenTask(text, max)).toBe(expected);
    expect(shortenTask(text, max).length).toBeLessThanOrEqual(max);
  });
});

describe('the process map of one SOP', () => {
  it('draws its tasks with owner and due, its dependencies, and the other SOPs it connects to', () => {
    const library = fixture();
    const map = sopProcessMap(library, library.sopById.get('billing')!);
    expect(map.mermaid).toBe(
      [
        'flowchart TD',
        '  subgraph s1["Confirm the end"]',
        '    n3["Confirm the end date<br/>Account lead · notice+1d"]',
        '  end',
        '  subgraph s2["Close the account"]',
        '    n4["Close the account<br/>Ops #38; IT · +30d"]',
        '  end',
        '  n1["Send the final invoice<br/>Finance · 0d"]',
        '  n2("Chase payment<br/>Finance · +14d · conditional")',
        '  n3 -.-> n1',
        '  n1 --> n2',
        '  n2 -.-> n4',
        '  class n3,n4 external',
        '  class n3 owner0',
        '  class n1,n2 owner1',
        '  class n4 owner2',
        '',
      ].join('\n'),
    );
    expect(map.links).toEqual({
      n1: '/sops/billing/#item-invoice',
      n2: '/sops/billing/#item-chase',
      n3: '/sops/notice/#item-confirm',
      n4: '/sops/wrap/#item-close',
    });
    expect(map.legend).toEqual([
      { role: 'lead', title: 'Account lead', className: 'owner0' },
      { role: 'finance', title: 'Finance', className: 'owner1' },
      { role: 'ops', title: 'Ops & IT', className: 'owner2' },
    ]);
    expect(map.tasks).toBe(2);
  });

  it('writes a hostile SOP title literally: no broken diagram, no markup', () => {
    const library = fixture({ billingTitle: 'Send "final" files <today> #1; done' });
    const map = sopProcessMap(library, library.sopById.get('wrap')!);
    expect(map.mermaid).toContain('  subgraph s1["Send #34;final#34; files #60;today#62; #35;1#59; done"]\n');
    expect(map.mermaid).not.toMatch(/<today>|"final"/);
  });
});

describe('the process map of a playbook', () => {
  it('groups tasks by phase (in phase order) and SOP, keeps cross-SOP edges, and carries skipped tasks through', () => {
    const library = fixture();
    const map = playbookProcessMap(library, library.playbookById.get('short')!);
    expect(map.mermaid).toBe(
      [
        'flowchart TD',
        '  subgraph p1["1. Announce"]',
        '    subgraph g1["Confirm the end"]',
        '      n1["Confirm the end date<br/>Account lead · notice+1d"]',
        '      n2("Tell ops<br/>Ops #38; IT · notice+2d · optional")',
        '    end',
        '    subgraph g2["Close the account"]',
        '      n3["Close the account<br/>Ops #38; IT · +30d"]',
        '    end',
        '  end',
        '  subgraph p2["2. Finance"]',
        '    subgraph g3["Bill the client"]',
        '      n4["Send the final invoice<br/>Finance · 0d"]',
        '    end',
        '  end',
        '  n1 --> n2',
        '  n1 -.-> n4',
        // "Close the account" waited for the skipped "Chase payment", which waited for the invoice; the
        // invoice is in a later group, so the edge is written target-first to keep the phases in order.
        '  n3 <-.- n4',
        '  n2 ~~~ n3',
        '  n3 ~~~ n4',
        '  class n1 owner0',
        '  class n4 owner1',
        '  class n2,n3 owner2',
        '',
      ].join('\n'),
    );
    expect(map.tasks).toBe(4);
    expect(Object.keys(map.links)).toEqual(['n1', 'n2', 'n3', 'n4']);
  });

  it('picks the playbook that runs everything for /process/', () => {
    const library = fixture();
    expect(standardPlaybook(library)?.id).toBe('full');
  });
});
