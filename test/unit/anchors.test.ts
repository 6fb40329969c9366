import { beforeAll, describe, expect, it } from 'vitest';
import { validateProject } from '../../src/lib/check/validate';
import type { Library } from '../../src/lib/content/library';
import { runToCsv } from '../../src/lib/exports/csv';
import { runToIcs } from '../../src/lib/exports/ics';
import { runToMarkdown } from '../../src/lib/exports/issue-markdown';
import { openTasksOf, runProgress } from '../../src/lib/record/progress';
import { anchorCycles, resolveAnchoredDates, type AnchorNode } from '../../src/lib/run/anchors';
import type { Run } from '../../src/lib/run/build-run';
import { renderRunHtml } from '../../src/lib/run/run-html';
import { clientRunHtmlOptions } from '../../src/lib/run/run-html-options';
import { summarizeProgress } from '../../src/lib/run/ticks';
import { describeDue, formatDue, parseDue, type Due } from '../../src/schemas/due';
import { fixtureProject } from '../fixture-project';
import { clientRun, loadFixtureLibrary } from './helpers/fixture-library';

const due = (text: string): Due => {
  const parsed = parseDue(text);
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed;
};

describe('due offsets from another task or a date var (issue 14, item 2)', () => {
  it('reads item and var anchors and keeps the v1 forms', () => {
    expect(parseDue('send-final-invoice+15d')).toEqual({ anchor: 'item', from: 'send-final-invoice', days: 15, unit: 'calendar' });
    expect(parseDue('collect-final-payment#send-final-invoice-2bd')).toEqual({ anchor: 'item', from: 'collect-final-payment#send-final-invoice', days: -2, unit: 'business' });
    expect(parseDue('vars.requestDate+10bd')).toEqual({ anchor: 'var', from: 'requestDate', days: 10, unit: 'business' });
    expect(parseDue('notice+3d')).toEqual({ anchor: 'notice', days: 3, unit: 'calendar' });
    expect(parseDue('-10bd')).toEqual({ anchor: 'end', days: -10, unit: 'business' });
    for (const text of ['send-final-invoice+15d', 'a#b+0d', 'vars.x-3bd', 'notice+2bd', '-30d', '0d']) expect(formatDue(due(text))).toBe(text);
    expect(describeDue(due('send-final-invoice+15d'))).toBe('15 days after “send-final-invoice” is due');
    expect(describeDue(due('vars.requestDate+10bd'))).toBe('10 working days after the date in vars.requestDate');
    expect(parseDue('send-final-invoice15d')).toHaveProperty('error');
    expect(parseDue('vars.requestDate')).toHaveProperty('error');
  });

  it('names each cycle of anchors once, in order', () => {
    const nodes: AnchorNode[] = [
      { id: 's#a', due: due('b+1d') },
      { id: 's#b', due: due('c+1d') },
      { id: 's#c', due: due('a+1d') },
      { id: 's#d', due: due('a+1d') },
      { id: 's#e', due: due('-3d') },
      { id: 't#f', due: due('s#e+2d') },
    ];
    expect(anchorCycles(nodes)).toEqual([['s#a', 's#b', 's#c']]);
    expect(anchorCycles(nodes.slice(3))).toEqual([]);
  });

  it('dates each task after the one it counts from, whatever the order they are written in', () => {
    const nodes: AnchorNode[] = [
      { id: 's#c', due: due('b+1d') },
      { id: 's#b', due: due('a+10d') },
      { id: 's#a', due: due('0d') },
      { id: 's#u', due: null },
      { id: 's#v', due: due('u+1d') },
      { id: 's#x', due: due('y+1d') },
      { id: 's#y', due: due('x+1d') },
      { id: 's#gone', due: due('missing+1d') },
    ];
    const calls: [Due, string | null][] = [];
    const dates = resolveAnchoredDates(nodes, (offset, from) => {
      calls.push([offset, from]);
      const start = from ?? '2027-01-29';
      const day = new Date(`${start}T00:00:00Z`);
      day.setUTCDate(day.getUTCDate() + offset.days);
      const iso = day.toISOString().slice(0, 10);
      return { scheduled: iso, dueDate: iso };
    });
    expect(dates.get('s#a')?.dueDate).toBe('2027-01-29');
    expect(dates.get('s#b')?.dueDate).toBe('2027-02-08');
    expect(dates.get('s#c')?.dueDate).toBe('2027-02-09');
    // Undated, counting from an undated task, in a cycle, or from a task not in the run: no date.
    for (const id of ['s#u', 's#v', 's#x', 's#y', 's#gone']) expect(dates.get(id)).toBeNull();
    expect(calls).toHaveLength(3); // each dated task once
  });
});

describe('check on anchors and undated tasks (test/fixtures/anchor, anchors-valid)', () => {
  it('accepts undated tasks and anchors on tasks, other SOPs, extras and date vars', async () => {
    const { diagnostics } = await validateProject(await fixtureProject('anchors-valid'), { today: '2026-11-25', cache: false });
    expect(diagnostics).toEqual([]);
  });

  it('reports each broken anchor at its line, with what to do', async () => {
    const { diagnostics } = await validateProject(await fixtureProject('anchor'), { today: '2026-11-25', cache: false });
    const found = diagnostics.filter((d) => d.rule === 'anchor').map((d) => [d.file, d.line, d.severity, d.message]);
    expect(found).toEqual([
      ['sops/pay.mdx', 14, 'error', expect.stringContaining('counts from "invoise", and there is no such task')],
      ['sops/pay.mdx', 20, 'error', expect.stringContaining('"log-calls", which has no due date')],
      ['sops/pay.mdx', 23, 'error', expect.stringContaining('in a circle: loop-a → loop-b → loop-a')],
      ['sops/pay.mdx', 35, 'error', expect.stringContaining('vars.requestDat, which playbook "basic" does not ask')],
      ['sops/pay.mdx', 42, 'warning', expect.stringContaining('only runs when vars.keepsDomains')],
      ['templates/playbooks/basic.yaml', 4, 'error', 'skip: pay#chase is left out, but pay#thank (due: chase+1bd) counts from it'],
    ]);
    const hints = diagnostics.map((d) => d.hint ?? '');
    expect(hints[0]).toContain('did you mean "invoice"?');
    expect(hints[3]).toContain('did you mean vars.requestDate?');
    // survey shares the condition of the task it counts from: no warning at line 38.
    expect(diagnostics.some((d) => d.line === 38)).toBe(false);
  });
});

describe('an anchor in an SOP the playbook runs only when: (test/fixtures/anchor-sop-when)', () => {
  it('warns at the task that would be left undated, not at the one sharing the condition', async () => {
    const { diagnostics } = await validateProject(await fixtureProject('anchor-sop-when'), { today: '2026-11-25', cache: false });
    expect(diagnostics.map((d) => [d.file, d.line, d.rule, d.severity])).toEqual([['sops/pay.mdx', 17, 'anchor', 'warning']]);
    expect(diagnostics[0]!.message).toContain('whose SOP playbook "basic" only runs when vars.keepsDomains');
  });

  it('leaves that task undated for a client the condition leaves out', async () => {
    const library = await loadFixtureLibrary('anchor-sop-when');
    const run = clientRun(library, 'acme', (client) => {
      client.vars = { ...client.vars, keepsDomains: false };
    });
    const followUp = run.items.find((entry) => entry.globalId === 'pay#survey-follow-up')!;
    expect(followUp.dueDate).toBeNull();
    expect(run.items.some((entry) => entry.globalId === 'notify#tell')).toBe(false);
    const kept = clientRun(library, 'acme').items.find((entry) => entry.globalId === 'pay#survey-follow-up')!;
    expect(kept.dueDate).not.toBeNull();
  });
});

describe('a run with undated and anchored tasks (issue 14, items 1 and 2)', () => {
  let library: Library;
  let run: Run;
  beforeAll(async () => {
    library = await loadFixtureLibrary('anchors-valid');
    run = clientRun(library, 'acme'); // contract ends Fri 29 Jan 2027; dueOnDayOff: earlier
  });
  const item = (id: string) => run.items.find((entry) => entry.globalId === id)!;

  it('counts from the anchor task’s due date, then moves off a day off', () => {
    expect(item('pay#invoice').dueDate).toBe('2027-01-29');
    expect(item('pay#collect').dueDate).toBe('2027-02-12'); // +15d is Sat 13 Feb: moved to Fri 12
    expect(item('pay#collect').dueMovedFrom).toBe('2027-02-13');
    expect(item('pay#thank').dueDate).toBe('2027-02-15'); // collect (Fri 12) + 1 working day
    expect(item('basic#archive').dueDate).toBe('2027-02-12'); // collect + 2d = Sun 14, moved back
    expect(item('pay#request').dueDate).toBe('2027-01-18'); // vars.requestDate (Mon 4 Jan) + 10 working days
    const later = clientRun(library, 'acme', (client) => {
      client.vars = { ...client.vars, requestDate: '2027-01-11' };
    });
    expect(later.items.find((entry) => entry.globalId === 'pay#request')!.dueDate).toBe('2027-01-25');
  });

  it('keeps an undated task in its phase and its place, with no date', () => {
    const log = item('pay#log-calls');
    expect(log.due).toBeNull();
    expect(log.dueDate).toBeNull();
    const ids = run.items.map((entry) => entry.globalId);
    expect(ids.indexOf('pay#log-calls')).toBe(ids.indexOf('pay#invoice') + 1);
    expect(run.phases.find((group) => group.phase.id === 'start')!.items.map((entry) => entry.globalId)).toContain('basic#tidy');
  });

  it('shows "during the run" on the page and in print, and is never overdue', () => {
    const html = renderRunHtml(run, clientRunHtmlOptions(library, 'acme', '2027-06-01'));
    const li = html.slice(html.indexOf('data-item="pay#log-calls"'));
    const own = li.slice(0, li.indexOf('</li>'));
    expect(own).toContain('During the run');
    expect(own).not.toContain('data-due');
    expect(own).toMatch(/run-due-print[^>]*>During the run/);
    // Long after every date: every dated open task is overdue, the undated ones are not.
    const dated = run.items.filter((entry) => entry.dueDate !== null).length;
    expect(runProgress(run, '2027-06-01').overdue).toBe(dated);
    expect(summarizeProgress(run.items.map((entry) => ({ key: entry.globalId, required: true, dueDate: entry.dueDate })), {}, '2027-06-01').overdue).toBe(dated);
    expect(runProgress(run, '2027-06-01').nextDue).toBeNull();
  });

  it('has no calendar entry and says "during the run" in the Markdown and CSV exports', () => {
    const options = { locale: 'en-US', runUrl: 'https://example.com/clients/acme/', timestamp: 0 };
    const ics = runToIcs(run, options);
    expect(ics).not.toContain('pay.log-calls');
    expect(ics).toContain('pay.collect');
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(run.items.filter((entry) => entry.dueDate !== null).length);
    expect(runToMarkdown(run, options)).toMatch(/Log every call about the invoice — .* — \*\*during the run\*\*/);
    const csvRow = runToCsv(run).split('\r\n').find((row) => row.startsWith('Log every call'))!;
    expect(csvRow.split(',')[5]).toBe('during the run');
  });

  it('can be recorded in the client’s done: like a dated task', () => {
    const recorded = clientRun(library, 'acme', (client) => {
      client.done = { 'pay#log-calls': { on: '2027-02-01', by: 'ben', note: 'Three calls logged' } };
    });
    const log = recorded.items.find((entry) => entry.globalId === 'pay#log-calls')!;
    expect(log.record).toMatchObject({ on: '2027-02-01', note: 'Three calls logged' });
    expect(runProgress(recorded, '2027-06-01').recorded).toBe(1);
    const html = renderRunHtml(recorded, clientRunHtmlOptions(library, 'acme', '2027-06-01'));
    expect(html).toMatch(/data-item="pay#log-calls"[^>]*data-recorded="2027-02-01"/);
  });

  it('lists undated open tasks on a person’s page after the dated ones, never overdue', () => {
    const lead = run.items.find((entry) => entry.globalId === 'basic#tidy')!.person!;
    const tasks = openTasksOf(lead.id, [run], '2027-06-01');
    const tidy = tasks.find((task) => task.item.globalId === 'basic#tidy')!;
    expect(tidy.overdue).toBe(false);
    expect(tasks.at(-1)!.item.globalId).toBe('basic#tidy');
  });
});
