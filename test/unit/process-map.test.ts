import { describe, expect, it } from 'vitest';
import { CompanySchema, PhasesSchema, PlaybookSchema, SopSchema, TeamSchema } from '../../src/schemas';
import { createLibrary, type Library } from '../../src/lib/content/library';
import { readFileSync } from 'node:fs';
import { escapeMermaidLabel, OWNER_COLOURS, phaseProcessMaps, shortenTask, sopProcessMap } from '../../src/lib/maps/process-map';
import { processOverviewMap } from '../../src/lib/maps/overview-map';

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
      {
        ...PlaybookSchema.parse({
          title: 'Careful',
          description: 'D.',
          sops: ['notice', 'billing'],
          extra: [{ id: 'legal', phase: 'finance', task: 'Legal reviews the invoice', owner: 'lead', due: '0d', after: ['notice#confirm', 'billing#invoice'] }],
        }),
        id: 'careful',
      },
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
    expect(map.external).toBe(2); // the dashed boxes: what it waits for and what waits for it
  });

  it('writes a hostile SOP title literally: no broken diagram, no markup', () => {
    const library = fixture({ billingTitle: 'Send "final" files <today> #1; done' });
    const map = sopProcessMap(library, library.sopById.get('wrap')!);
    expect(map.mermaid).toContain('  subgraph s1["Send #34;final#34; files #60;today#62; #35;1#59; done"]\n');
    expect(map.mermaid).not.toMatch(/<today>|"final"/);
  });
});

describe('the task maps, one per phase', () => {
  it('draws each phase as one diagram per SOP, arrows within the SOP, and names what a task waits for elsewhere', () => {
    const library = fixture();
    const maps = phaseProcessMaps(library, library.playbookById.get('short')!);
    expect(maps.map((map) => [map.number, map.phase.id, map.parts.map((part) => part.sopId), map.tasks])).toEqual([
      [1, 'announce', ['notice', 'wrap'], 3],
      [2, 'finance', ['billing'], 1],
    ]);
    const [announce, finance] = maps;
    expect(announce!.parts.map((part) => [part.title, part.href])).toEqual([
      ['Confirm the end', '/sops/notice/'],
      ['Close the account', '/sops/wrap/'],
    ]);
    expect(announce!.parts[0]!.map.mermaid).toBe(
      [
        'flowchart TD',
        '  n1["Confirm the end date<br/>Account lead · notice+1d"]',
        '  n2("Tell ops<br/>Ops #38; IT · notice+2d · optional")',
        '  n1 --> n2',
        '  class n1 owner0',
        '  class n2 owner2',
        '',
      ].join('\n'),
    );
    // "Close the account" waited for the skipped "Chase payment", which waited for the invoice: the map
    // names the invoice, in another phase, inside the box instead of drawing an arrow across the page.
    expect(announce!.parts[1]!.map.mermaid).toContain('  n1["Close the account<br/>Ops #38; IT · +30d<br/>after: Send the final invoice"]\n');
    expect(finance!.parts[0]!.map.mermaid).toContain('after: Confirm the end date"]');
    expect(finance!.parts[0]!.map.mermaid).not.toContain('Chase payment');
    expect(announce!.legend.map((entry) => [entry.title, entry.className])).toEqual([
      ['Account lead', 'owner0'],
      ['Ops & IT', 'owner2'],
    ]);
    expect(announce!.parts[0]!.map.links).toEqual({ n1: '/sops/notice/#item-confirm', n2: '/sops/notice/#item-tell-ops' });
  });

  it("draws a playbook's own tasks in a part of their own, without a link", () => {
    const library = fixture();
    const finance = phaseProcessMaps(library, library.playbookById.get('careful')!).find((map) => map.phase.id === 'finance')!;
    expect(finance.parts.map((part) => [part.title, part.href])).toEqual([
      ['Bill the client', '/sops/billing/'],
      ['Only in this playbook', undefined],
    ]);
    expect(finance.parts[1]!.map.mermaid).toContain('n1["Legal reviews the invoice<br/>Account lead · 0d<br/>after: Confirm the end date<br/>after: Send the final invoice"]');
    expect(finance.parts[1]!.map.links).toEqual({});
  });

  it('without a playbook, draws every SOP in full', () => {
    const library = fixture();
    const finance = phaseProcessMaps(library).find((map) => map.phase.id === 'finance')!;
    expect(finance.parts[0]!.map.mermaid).toContain('n2("Chase payment<br/>Finance · +14d · conditional")');
    expect(finance.parts[0]!.map.mermaid).toContain('  n1 --> n2\n');
  });

  it('escapes task text from content', () => {
    const library = fixture({ billingTitle: 'Send "final" files <today> #1; done' });
    const finance = phaseProcessMaps(library).find((map) => map.phase.id === 'finance')!;
    expect(finance.parts[0]!.title).toBe('Send "final" files <today> #1; done'); // HTML text: Astro escapes it
    const hostile = fixture();
    hostile.sopById.get('billing')!.checklist[0]!.task = 'Pay <b>"now"</b>; #1';
    const escaped = phaseProcessMaps(hostile).find((map) => map.phase.id === 'finance')!.parts[0]!.map.mermaid;
    expect(escaped).toContain('Pay #60;b#62;#34;now#34;#60;/b#62;#59; #35;1');
    expect(escaped).not.toContain('<b>');
  });
});

describe('the process overview', () => {
  it('puts one card per SOP under its phase, coloured by its owner, linking to it, with what it starts after', () => {
    const library = fixture();
    const overview = processOverviewMap(library);
    expect(
      overview.phases.map((group) => [group.number, group.phase.id, group.tasks, group.cards.map((card) => [card.title, card.href, card.roleTitle, card.className, card.tasks, card.after.map((dep) => dep.title)])]),
    ).toEqual([
      [1, 'announce', 3, [
        ['Confirm the end', '/sops/notice/', 'Account lead', 'owner0', 2, []],
        // Waits for "Chase payment", a later phase: that is not where it starts.
        ['Close the account', '/sops/wrap/', 'Ops & IT', 'owner2', 1, []],
      ]],
      [2, 'finance', 2, [['Bill the client', '/sops/billing/', 'Finance', 'owner1', 2, ['Confirm the end']]]],
    ]);
    expect(overview.legend.map((entry) => entry.title)).toEqual(['Account lead', 'Finance', 'Ops & IT']);
  });

  it("of a playbook: its SOPs minus its skips (counted), plus its own tasks, and only the phases it runs", () => {
    const library = fixture();
    const short = processOverviewMap(library, library.playbookById.get('short')!);
    const billing = short.phases[1]!.cards[0]!;
    expect([billing.tasks, billing.skipped]).toEqual([1, 1]);

    const careful = processOverviewMap(library, library.playbookById.get('careful')!);
    expect(careful.phases.map((group) => group.cards.map((card) => card.title))).toEqual([['Confirm the end'], ['Bill the client', 'Legal reviews the invoice']]);
    const legal = careful.phases[1]!.cards[1]!;
    expect(legal).toMatchObject({ extra: true, href: '#phase-finance', roleTitle: 'Account lead', className: 'owner0', tasks: 1 });
    // It waits for both SOPs; billing already starts after "Confirm the end", so only billing is named.
    expect(legal.after.map((dep) => dep.title)).toEqual(['Bill the client']);
  });

  it('within a phase, names only SOPs that come before: two that wait for each other read in order', () => {
    const library = fixture();
    // Each SOP now waits for a task of the other: "Tell ops" for "Close the account", which waits for "Confirm the end date".
    library.sopById.get('wrap')!.checklist[0]!.after = ['notice#confirm'];
    library.sopById.get('notice')!.checklist[1]!.after = ['confirm', 'wrap#close'];
    const [announce] = processOverviewMap(library).phases;
    expect(announce!.cards.map((card) => [card.title, card.after.map((dep) => dep.title)])).toEqual([
      ['Confirm the end', []],
      ['Close the account', ['Confirm the end']],
    ]);
  });

  it('keeps a phase without SOPs in the whole-process overview, so the phases read in order', () => {
    const library = fixture();
    library.phases.push({ id: 'farewell', title: 'Farewell', description: 'Bye.' });
    expect(processOverviewMap(library).phases.map((group) => [group.phase.id, group.cards.length])).toEqual([
      ['announce', 2],
      ['finance', 1],
      ['farewell', 0],
    ]);
  });
});

/** WCAG relative luminance and contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe('owner colours', () => {
  const css = readFileSync('src/styles/process-map.css', 'utf8');
  const block = (selector: string) => css.slice(css.indexOf(`${selector} {`), css.indexOf('}', css.indexOf(`${selector} {`)));
  const tokens = (text: string) => Object.fromEntries([...text.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})/gi)].map((match) => [match[1]!, match[2]!]));
  it.each([
    ['light', tokens(block(':root'))],
    ['dark', tokens(block(":root[data-theme='dark']"))],
  ])('text on every owner colour meets AA (4.5:1), and the card edge stands out from the fill (3:1), in %s', (_theme, colours) => {
    for (let index = 0; index < OWNER_COLOURS; index++) {
      expect(contrast(colours['map-text']!, colours[`map-owner-${index}`]!), `owner${index} text`).toBeGreaterThanOrEqual(4.5);
      expect(contrast(colours[`map-owner-${index}-line`]!, colours[`map-owner-${index}`]!), `owner${index} edge`).toBeGreaterThanOrEqual(3);
    }
  });
});
