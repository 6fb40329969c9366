import { beforeAll, describe, expect, it } from 'vitest';
import type { Library } from '../../src/lib/content/library';
import type { AnswerSpec, AnswerValue } from '../../src/schemas/record';
import { formatAnswer, formatDone, openTasksOf, runProgress } from '../../src/lib/record/progress';
import { clientRun, loadFixtureLibrary } from './helpers/fixture-library';

let library: Library;
beforeAll(async () => {
  library = await loadFixtureLibrary();
});

// acme (standard playbook, ends 2027-01-29): notify#tell 11-23 and notify#confirm 11-25 (Ana),
// handover#invite 2027-01-08 (Ana), handover#transfer-domains 01-22 (Dee), pay#invoice 01-29 (Ben),
// handover#revoke-access 01-29 (Dee, optional), follow-up#ask-testimonial 02-05 (Ana, optional),
// pay#remind 02-12 (Ben), follow-up#check-in 04-29 (Ana).
const TODAY = '2026-11-27';

describe('a client record merged into its run', () => {
  it('gives a recorded item who (the team member), when, note and answer, and leaves the others open', () => {
    const run = clientRun(library, 'acme', (client) => {
      client.done = { 'notify#tell': { on: '2026-11-23', by: 'ana', note: 'Told on a call' }, 'pay#invoice': { on: '2026-11-26', by: 'nobody' } };
    });
    const tell = run.items.find((item) => item.globalId === 'notify#tell')!;
    expect(tell.record).toEqual({ on: '2026-11-23', by: 'ana', person: library.personById.get('ana'), note: 'Told on a call', answer: null });
    expect(formatDone(tell.record!, 'en-US')).toBe('Done by Ana Lima on Mon, Nov 23, 2026');
    // An unknown id (check reports it) still shows who the record names.
    const invoice = run.items.find((item) => item.globalId === 'pay#invoice')!;
    expect(invoice.record?.person).toBeNull();
    expect(formatDone(invoice.record!, 'en-US')).toBe('Done by nobody on Thu, Nov 26, 2026');
    expect(run.items.filter((item) => item.record).map((item) => item.globalId)).toEqual(['notify#tell', 'pay#invoice']);
  });

  it('a run without a record (the generator, a client file with no done:) has every item open', () => {
    const run = clientRun(library, 'acme', (client) => {
      delete (client as { done?: unknown }).done;
    });
    expect(run.items.every((item) => item.record === null)).toBe(true);
  });
});

describe('recorded progress', () => {
  it('counts recorded and required recorded, overdue by the date given and the next task due', () => {
    const run = clientRun(library, 'acme', (client) => {
      client.done = { 'notify#tell': { on: '2026-11-23', by: 'ana' }, 'handover#revoke-access': { on: '2026-11-24', by: 'dee' } };
    });
    const progress = runProgress(run, TODAY);
    expect({ ...progress, nextDue: progress.nextDue?.globalId }).toEqual({
      recorded: 2,
      total: 9,
      requiredRecorded: 1,
      requiredTotal: 7,
      overdue: 1, // notify#confirm, due 11-25
      nextDue: 'handover#invite',
      completedOn: null,
    });
    // A task due today is not overdue yet, and is the next one due.
    const onTheDay = runProgress(run, '2026-11-25');
    expect([onTheDay.overdue, onTheDay.nextDue?.globalId]).toEqual([0, 'notify#confirm']);
  });

  it('completes on the date of the last required record, whatever optional tasks are left', () => {
    const required = ['notify#tell', 'notify#confirm', 'handover#invite', 'handover#transfer-domains', 'pay#invoice', 'pay#remind', 'follow-up#check-in'];
    const dates = ['2026-11-23', '2026-11-25', '2027-01-08', '2027-03-02', '2027-01-29', '2027-02-12', '2027-02-20'];
    const run = clientRun(library, 'acme', (client) => {
      client.done = Object.fromEntries(required.map((id, index) => [id, { on: dates[index]!, by: 'ana' }]));
    });
    const progress = runProgress(run, '2027-06-01');
    expect(progress.completedOn).toBe('2027-03-02');
    expect([progress.requiredRecorded, progress.requiredTotal, progress.recorded]).toEqual([7, 7, 7]);
    // The optional tasks are overdue, but the run is done.
    expect(progress.overdue).toBe(2);

    const missingOne = clientRun(library, 'acme', (client) => {
      client.done = Object.fromEntries(required.slice(1).map((id) => [id, { on: '2026-11-26', by: 'ana' }]));
    });
    expect(runProgress(missingOne, '2027-06-01').completedOn).toBeNull();
  });
});

describe("a person's open tasks", () => {
  it('lists the tasks the person owns and nobody recorded, across runs, overdue first and then by date', () => {
    const runs = [
      clientRun(library, 'acme', (client) => {
        client.done = { 'notify#tell': { on: '2026-11-23', by: 'ana' } };
      }),
      clientRun(library, 'birch'),
      clientRun(library, 'cobalt'),
    ];
    const dee = openTasksOf('dee', runs, TODAY).map((task) => [task.run.client.id, task.item.globalId, task.overdue]);
    expect(dee).toEqual([
      ['birch', 'notify#tell', true],
      ['birch', 'notify#confirm', true],
      ['cobalt', 'notify#tell', true], // same day: in run order
      ['cobalt', 'early#legal-review', true],
      ['birch', 'handover#invite', true],
      ['cobalt', 'notify#confirm', false],
      ['birch', 'handover#transfer-domains', false],
      ['birch', 'handover#revoke-access', false],
      ['acme', 'handover#transfer-domains', false],
      ['acme', 'handover#revoke-access', false],
      ['cobalt', 'handover#revoke-access', false],
      ['birch', 'follow-up#check-in', false],
    ]);
    // Ana's recorded task is gone from her list; her overdue one comes first.
    const ana = openTasksOf('ana', runs, TODAY).map((task) => task.item.globalId);
    expect(ana[0]).toBe('notify#confirm');
    expect(ana).not.toContain('notify#tell');
  });

  it('leaves out every task of a completed run', () => {
    const required = ['notify#tell', 'notify#confirm', 'handover#invite', 'handover#transfer-domains', 'pay#invoice', 'follow-up#check-in'];
    const birch = clientRun(library, 'birch', (client) => {
      client.done = Object.fromEntries(required.map((id) => [id, { on: '2026-11-26', by: 'dee' }]));
    });
    expect(runProgress(birch, TODAY).completedOn).toBe('2026-11-26');
    // handover#revoke-access (optional) is still open, but the run is complete.
    expect(openTasksOf('dee', [birch], TODAY)).toEqual([]);
  });
});

describe('answers in words', () => {
  it.each([
    [{ type: 'choice', question: 'Primary reason for leaving?', options: ['Budget', 'Moved in-house'] }, 'Budget', 'Primary reason for leaving: Budget'],
    [{ type: 'rating', question: 'How would you rate us (1–10)?', scale: 10 }, 8, 'How would you rate us (1–10): 8 / 10'],
    [{ type: 'text', question: 'What would have kept you' }, 'Faster reports', 'What would have kept you: Faster reports'],
    [{ type: 'signoff', question: 'Principal signs the certificate' }, { name: 'Dana Cho', title: 'Principal', on: '2026-11-30' }, 'Signed by Dana Cho (Principal) on Mon, Nov 30, 2026'],
    [{ type: 'signoff', question: 'Signed' }, { name: 'Dana Cho', on: '2026-11-30' }, 'Signed by Dana Cho on Mon, Nov 30, 2026'],
    [null, 'Budget', 'Answer: Budget'],
  ] as [AnswerSpec | null, AnswerValue, string][])('%j answered %j reads "%s"', (spec, value, words) => {
    expect(formatAnswer(spec, value, 'en-US')).toBe(words);
  });
});
