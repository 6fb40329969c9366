import { beforeAll, describe, expect, it } from 'vitest';
import { Window } from 'happy-dom';
import type { Library } from '../../src/lib/content/library';
import { validateProject } from '../../src/lib/check/validate';
import { renderRunHtml } from '../../src/lib/run/run-html';
import { clientRunHtmlOptions } from '../../src/lib/run/run-html-options';
import { renderExport } from '../../src/lib/exports';
import { formatDate } from '../../src/lib/run/dates';
import { sampleEmailRender } from '../../src/lib/email/sample-client';
import { fixtureProject } from '../fixture-project';
import { gitProject } from '../git-project';
import { diffProject } from '../../src/lib/history/versions';
import { formatDiffMarkdown } from '../../src/lib/diff';
import { buildRun } from '../../src/lib/run/build-run';
import { clientFromState, stateFromClient } from '../../src/lib/run/generator-form';
import { datedTasks } from '../../src/lib/run/dated-tasks';
import { templatedParts } from '../../src/lib/run/task-text';
import { clientRun, loadFixtureLibrary, XSS_PAYLOADS } from './helpers/fixture-library';

/**
 * Issue 14, item 6 (Liquid in `task:` and `evidence:`, with the email context) and item 8 (`dates`, the
 * run's due dates by global task id, in emails and task texts), on `test/fixtures/task-text`.
 */
const TODAY = '2026-11-25';
const check = async (scenario: string) =>
  (await validateProject(await fixtureProject(scenario), { today: TODAY, cache: false })).diagnostics.map(
    (d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.rule} ${d.message}${d.hint ? ` (${d.hint})` : ''}`,
  );

let library: Library;
beforeAll(async () => {
  library = await loadFixtureLibrary('task-text');
});

const byId = (run: ReturnType<typeof clientRun>) => new Map(run.items.map((item) => [item.globalId, item]));
const long = (date: string | null) => formatDate(date!, 'long', 'en-US');

describe('task and evidence texts with Liquid', () => {
  it('accepts the valid fixture without a finding', async () => {
    expect(await check('task-text')).toEqual([]);
  });

  it('reports each invalid text at its file, line and column, as emails are checked', async () => {
    // Unknown variable (did you mean), `entry` off a repeated task, an optional field unguarded, a
    // render-time error, a syntax error, a condition reading dates, in an SOP and a playbook's extra
    // item; in an email, an unknown or undated task's date, one a playbook lacks or some runs leave out.
    expect(await check('task-text-invalid')).toMatchInlineSnapshot(`
      [
        "sops/pay.mdx:8:40 error template-variable checklist[0].task: unknown variable \`client.nme\` (did you mean \`client.name\`?)",
        "sops/pay.mdx:12:30 error template-variable checklist[0].evidence: unknown variable \`entry\`: only the task and evidence of a task that repeats (\`each: vars.<list>\`) read one (repeat the task with \`each:\`, or print a variable such as \`{{ client.name }}\`)",
        "sops/pay.mdx:14:19 warning optional-field checklist[1].task: \`contact.title\` is optional: where the client's record has none, this prints nothing and leaves a gap (print it inside \`{% if contact.title %}…{% endif %}\`, or give a default: \`{{ contact.title | default: "…" }}\`)",
        "sops/pay.mdx:14:46 error template checklist[1].task: unknown date format "longest"; use one of long, medium, short, weekday, day, iso (the text parses but fails when rendered with a sample client)",
        "sops/pay.mdx:19:24 error template checklist[2].task: output "{{ client.name }" not closed",
        "sops/pay.mdx:23:11 error when checklist[3].when: a \`when:\` condition is decided before the run is dated: it cannot read \`dates["pay#invoice"]\` (compare \`contract.end\`, \`contract.notice\` or a date question (\`vars.<name>\`) instead)",
        "templates/emails/invoice.md:6:18 error template-variable unknown task date \`dates["pay#pay-bye"]\`: no dated task of the playbooks "basic", "short" has that id (did you mean \`dates["pay#pay-by"]\`?)",
        "templates/emails/invoice.md:7:18 warning optional-field \`dates["pay#remind"]\` is absent from the runs of the playbook "basic" that leave the task out (it runs only when \`outstanding.invoices.size > 0\`): those clients would read a gap (print it inside \`{% if dates["pay#remind"] %}…{% endif %}\`)",
        "templates/emails/invoice.md:8:12 error template-variable \`dates["pay#chase"]\`: that task has no due date in the playbooks "basic", "short" (it is done during the run, or counts from a task that has none), so no run has a date for it (give the task a \`due:\`, or leave its date out of the text)",
        "templates/emails/invoice.md:9:7 error template-variable unknown task date \`dates["pay#invoce"]\`: no dated task of the playbooks "basic", "short" has that id (did you mean \`dates["pay#invoice"]\`?)",
        "templates/emails/invoice.md:10:5 error template-variable \`dates["pay#pay-by"]\` has no date in the playbook "short" (no dated task of its run has that id): its clients would read a gap (print it inside \`{% if dates["pay#pay-by"] %}…{% endif %}\`)",
        "templates/playbooks/short.yaml:7:20 error template-variable extra[0].task: unknown variable \`contact.nam\` (did you mean \`contact.name\`?)",
      ]
    `);
  });

  it("fills each task's text with the client's values, its email's recipient, its entry and the run's dates", () => {
    const run = clientRun(library, 'acme');
    const items = byId(run);
    expect(items.get('pay#invoice')!.task).toBe('Send the final invoice to Cy Doe');
    expect(items.get('pay#invoice')!.evidence).toBe(`Invoice PDF for Acme, sent ${long(items.get('pay#invoice')!.dueDate)}`);
    expect(items.get('pay#pay-by')!.task).toBe('Acme pays the final invoice');
    expect(items.get('handoff#archive/1')!.task).toBe('Archive the website repository of Acme');
    expect(items.get('handoff#archive/2')!.evidence).toBe('Link to the archived MOBILE APP repository');
    expect(items.get('handoff#announce')!.task).toBe('Tell Ana Lima the code is handed over');
    expect(items.get('basic#thank')!.task).toBe('Thank Cy Doe for working with us since Thursday, January 1, 2026');
  });

  it('prints an optional field under its guard only when the client has it', () => {
    const titled = clientRun(library, 'acme', (client) => void (client.contacts[0]!.title = 'CFO'));
    expect(byId(titled).get('pay#pay-by')!.task).toBe('Acme pays the final invoice (CFO)');
  });

  it('shows a left-out task with its text filled in, a repeated one with "…" for its entry', () => {
    const run = clientRun(library, 'acme');
    expect(run.excluded.map((item) => item.task)).toEqual([`Remind Cy that the invoice was due ${formatDate(byId(run).get('pay#pay-by')!.dueDate!, 'medium', 'en-US')}`]);
  });

  it('escapes every value in the page and carries the rendered text into every export', () => {
    const run = clientRun(library, 'acme', (client) => void (client.name = XSS_PAYLOADS[0]));
    const window = new Window();
    window.document.body.innerHTML = renderRunHtml(run, clientRunHtmlOptions(library, 'acme', TODAY));
    expect(window.document.querySelector('img')).toBeNull();
    const task = `Archive the website repository of ${XSS_PAYLOADS[0]}`;
    expect(window.document.body.textContent).toContain(task);
    const options = { locale: 'en-US', runUrl: 'https://example.com/clients/acme/', timestamp: 0 };
    for (const format of ['md', 'csv', 'ics'] as const) {
      const output = renderExport(run, format, options);
      expect(output, format).not.toContain('{{');
      expect(output, format).toContain('Archive the website repository of');
    }
    expect(renderExport(run, 'csv', options)).toContain(task);
  });
});

describe("the run's dates in emails", () => {
  it('renders emails after the run is dated: a date read by id is the due date the page shows', () => {
    const run = clientRun(library, 'acme', (client) => void client.outstanding.invoices.push({ number: 'INV-1', amount: 10, currency: 'USD', due: '2027-02-01' }));
    const items = byId(run);
    const email = items.get('pay#invoice')!.email!;
    expect(email.subject).toBe(`Final invoice, due ${long(items.get('pay#pay-by')!.dueDate)}`);
    expect(email.text).toContain(`Please pay by ${long(items.get('pay#pay-by')!.dueDate)}.`);
    // `pay#remind` runs for this client (an invoice is outstanding): its guarded sentence shows.
    expect(email.text).toContain(`We will remind you on ${long(items.get('pay#remind')!.dueDate)}.`);
    expect(email.text).toContain(`The second repository is archived on ${items.get('handoff#archive/2')!.dueDate}.`);
  });

  it('leaves a guarded sentence out when the task is not in the run', () => {
    const run = clientRun(library, 'acme', (client) => void (client.vars.projects = ['website']));
    const email = byId(run).get('pay#invoice')!.email!;
    expect(email.text).not.toContain('remind you');
    expect(email.text).not.toContain('second repository');
    expect(email.text).toContain('Please pay by');
  });

  it('shows the sample client real dates on the email page', () => {
    const { email } = sampleEmailRender(library, library.emailById.get('invoice')!);
    // The sample contract ends on Wednesday 2027-03-31: the invoice goes out that day, payment is due 15 days later.
    expect(email.subject).toBe('Final invoice, due Thursday, April 15, 2027');
    expect(email.text).toContain('Please pay by Thursday, April 15, 2027.');
  });
});

describe('a templated text in the semantic diff', () => {
  it('names the change to the text as written, and keeps client contact data out of the impact', async () => {
    const project = await gitProject();
    await project.commit('Start');
    await project.replace('sops/pay.mdx', '    task: Send the final invoice\n', '    task: Send the final invoice to {{ contact.name }}\n    due: -2d\n');
    await project.replace('sops/pay.mdx', '    due: 0d\n', '');
    await project.commit('Name the contact, two days earlier');
    const { report } = await diffProject(project.dir, { base: 'HEAD~1', head: 'HEAD', today: TODAY });
    const markdown = formatDiffMarkdown(report);
    expect(report.sops[0]!.items[0]!.fields).toContainEqual(expect.objectContaining({ field: 'task', from: 'Send the final invoice', to: 'Send the final invoice to {{ contact.name }}' }));
    expect(markdown).toContain('Send the final invoice to {{ contact.name }}');
    // The impact names the task as written: the contact's name stays out of a pull-request comment.
    expect(report.impact!.affected[0]!.items[0]).toMatchObject({ change: 'moved', task: 'Send the final invoice to {{ contact.name }}' });
    expect(markdown).not.toContain('Cy Doe');
  });
});

describe('the generator and pages without a client', () => {
  it('builds the same filled-in texts and dated emails from the form as from the client record', () => {
    const record = library.clientById.get('acme')!;
    const { client, problems } = clientFromState(stateFromClient(record, library), library);
    expect(problems).toEqual([]);
    const playbook = library.playbookById.get('basic')!;
    const generated = buildRun(client!, playbook, library);
    expect(generated.items).toEqual(buildRun(record, playbook, library).items);
    expect(generated.items.find((item) => item.globalId === 'handoff#archive/2')!.task).toBe('Archive the mobile app repository of Acme');
  });

  it.each([
    ['Send the invoice', [['Send the invoice', false]]],
    ['Call {{ contact.name }} today', [['Call ', false], ['{{ contact.name }}', true], [' today', false]]],
    ['{% if contact.title %}({{ contact.title }}){% endif %}', [['{% if contact.title %}', true], ['(', false], ['{{ contact.title }}', true], [')', false], ['{% endif %}', true]]],
    ['A lone {{ brace', [['A lone {{ brace', false]]],
  ])('cuts %j into prose and Liquid for the SOP page', (text, parts) => {
    expect(templatedParts(text).map((part) => [part.text, part.liquid])).toEqual(parts);
  });
});

describe('which tasks every run dates', () => {
  it('says why some runs lack a date: a when:, an each:, or an anchor task that is left out', () => {
    const tasks = datedTasks(library, library.playbookById.get('basic')!);
    expect(tasks.get('pay#invoice')).toEqual({ gap: null, each: false });
    expect(tasks.get('pay#remind')!.gap).toBe('it runs only when `outstanding.invoices.size > 0`');
    expect(tasks.get('handoff#archive')).toMatchObject({ each: true });
    expect(tasks.has('handoff#announce')).toBe(false); // undated
    // Counts from pay#pay-by, which counts from pay#invoice: dated in every run.
    expect(tasks.get('basic#thank')).toEqual({ gap: null, each: false });
  });
});
