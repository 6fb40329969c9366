import { h, type Child } from './h';
import type { Element, ElementContent } from 'hast';
import type { IsoDate } from '../../schemas/common';
import { formatDue } from '../../schemas/due';
import { businessDaysBetween, daysBetween, formatDate, type WorkCalendar } from './dates';
import { addressLabel, buildMailto, mailbox, MAILTO_SAFE_LENGTH } from '../email/mailto';
import { progressKey } from './progress-keys';
import { primaryContact } from '../email/render-context';
import type { RenderedEmail, Run, RunItem } from './build-run';
import { anchor } from '../routes';
import { writeHtml } from './write-html';
import { describeCondition, type ConditionQuestion } from '../email/condition-words';
import { formatAnswer, recordedBy, runProgress, type ItemRecord } from '../record/progress';

/**
 * One client's run as HTML: the same markup on `/clients/<id>/` (at build time) and on `/generate/`
 * (in the browser), so the checklist, the copy buttons and the printed document cannot drift apart.
 *
 * The HTML is built as a hast tree and serialised by `writeHtml` (hast-util-to-html's output, faster):
 * every client value is a text node or an attribute value, escaped by construction. The only markup
 * that enters as-is is an email body, which `renderMarkdown` has already sanitised.
 */

export interface ExportLink {
  /** `md`, `csv` or `ics`. */
  format: string;
  label: string;
  href: string;
  filename: string;
}

export interface RunHtmlOptions {
  locale: string;
  /** The day "working days left" counts from. */
  today: IsoDate;
  calendar: WorkCalendar;
  /** The company's time zone: the browser decides what is overdue by the team's date, not the reader's. */
  timeZone: string;
  /** localStorage key of this run's ticks (see `progressStorageKey`). */
  storageKey: string;
  /** Link to the SOP item a task comes from (none for a playbook's extra items). */
  itemHref: (globalId: string) => string;
  exports: readonly ExportLink[];
  /**
   * Show the client's record (who did what, recorded progress, overdue, next due). On for client pages;
   * off for the generator, whose runs have no record.
   */
  record?: boolean;
  /** Link to a person's "My tasks" page (client pages, when people pages are built). */
  personHref?: (personId: string) => string;
}

const REASONS = {
  completed: 'Project completed',
  'client-ended': 'Client ended the contract',
  'we-ended': 'We ended the contract',
  'for-cause': 'Ended for cause',
  mutual: 'Mutual decision',
} as const;

const RECIPIENTS = { internal: 'The internal team (choose recipients)', vendor: 'Each vendor (choose recipients)' } as const;

/** Who an email goes to, "Name <address>", or who to choose when it has no fixed recipient. */
function recipientLabel(email: RenderedEmail): string {
  return addressLabel(email) || (RECIPIENTS[email.audience as keyof typeof RECIPIENTS] ?? '');
}

/** The element id of an item, used by dependency links, the ICS export and the table of contents. */
export function itemAnchor(globalId: string): string {
  return `task-${globalId.replace(/[^a-z0-9-]+/g, '-')}`;
}

/** Renders the whole run document: header, people, toolbar, phases, sign-off and email appendix. */
export function renderRunHtml(run: Run, options: RunHtmlOptions): string {
  return writeHtml(runTree(run, options));
}

/** The run document as a hast tree, before it is written (the tests compare writers on it). */
export function renderRunTree(run: Run, options: RunHtmlOptions): Element {
  return runTree(run, options);
}

function runTree(run: Run, options: RunHtmlOptions): Element {
  const appendix = new Map(run.items.filter((item) => item.email).map((item, index) => [item.globalId, `A${index + 1}`]));
  const taskOf = new Map(run.items.map((item) => [item.globalId, item.task]));
  return h(
    'div.run-doc',
    {
      dataRun: '',
      dataStorageKey: options.storageKey,
      dataTimeZone: options.timeZone,
      dataLocale: options.locale,
      dataPrintEmails: 'on',
    },
    header(run, options),
    people(run, options),
    toolbar(run, options),
    run.phases.map((group) =>
      h(
        'section.run-phase',
        { ariaLabelledBy: anchor.runPhase(group.phase.id), dataPhase: group.phase.id },
        h('h2', { id: anchor.runPhase(group.phase.id) }, group.phase.title, ' ', h('span.run-phase-count', { dataPhaseCount: '' }, `${group.items.length} tasks`)),
        h('p.run-phase-description', group.phase.description),
        h('ol.run-items', group.items.map((item) => itemTree(item, run, options, taskOf, appendix))),
      ),
    ),
    run.excluded.length > 0
      ? h(
          'p.run-excluded.small.muted',
          'Not in this run for this client: ',
          excludedGroups(run.excluded).flatMap((group, index) => [
            index > 0 ? '; ' : '',
            ...('count' in group
              ? [h('span.run-excluded-sop', group.sop.title), ` (${group.count === 1 ? 'its task' : `all ${group.count} tasks`}, `, ...conditionWords(group.when, run.playbook.vars), ')']
              : [
                  group.task,
                  ' (',
                  ...('when' in group ? conditionWords(group.when, run.playbook.vars) : eachWords(group.each, run.playbook.vars)),
                  ')',
                ]),
          ]),
          '.',
        )
      : null,
    h(
      'section.run-completion.print-only',
      { ariaLabel: 'Completion sign-off', dataPagefindIgnore: 'all' },
      h('h2', 'Offboarding complete'),
      h('p', `Every required task above is done and its evidence is on file for ${run.client.name}.`),
      completionRecord(run, options),
      signoff(['Signed (account lead)', 'Date']),
    ),
    appendixTree(run, options, appendix),
  );
}

/** A `when:` condition as the reader reads it ("only when the client keeps its domains"), or itself in code. */
function conditionWords(when: string, questions: Readonly<Record<string, ConditionQuestion>>): (string | Element)[] {
  const words = describeCondition(when, questions);
  return words ? [h('span', { title: when }, `only when ${words}`)] : ['only when ', h('code', when)];
}

type Excluded = Run['excluded'][number];
/** A whole SOP the playbook left out by its condition, named once. */
interface ExcludedSop {
  sop: { id: string; title: string };
  when: string;
  count: number;
}

/** The left-out tasks as the page lists them: a whole SOP's tasks (one condition on the playbook's `sops:` entry) as one entry. */
function excludedGroups(excluded: readonly Excluded[]): (Excluded | ExcludedSop)[] {
  const groups: (Excluded | ExcludedSop)[] = [];
  for (const item of excluded) {
    const last = groups.at(-1);
    if ('when' in item && item.sop) {
      if (last && 'count' in last && last.sop.id === item.sop.id) last.count += 1;
      else groups.push({ sop: item.sop, when: item.when, count: 1 });
    } else groups.push(item);
  }
  return groups;
}

/** Why a task repeated per list entry is missing: "one per entry of “Projects to archive”, and there are none". */
function eachWords(name: string, questions: Readonly<Record<string, ConditionQuestion>>): (string | Element)[] {
  const question = Object.hasOwn(questions, name) ? questions[name]!.description : null;
  return [h('span', { title: `each: vars.${name}` }, question ? `one per entry of “${question}”, and this client has none` : `one per entry of vars.${name}, and this client has none`)];
}

function header(run: Run, options: RunHtmlOptions): Element {
  const { client } = run;
  const { locale } = options;
  const daysLeft = daysBetween(run.end, options.today);
  const workingDays = businessDaysBetween(options.today, run.end, options.calendar);
  const facts: [string, Child][] = [
    ['Contract end', h('time', { dateTime: run.end }, formatDate(run.end, 'long', locale))],
    ['Notice given', h('time', { dateTime: run.notice }, formatDate(run.notice, 'medium', locale))],
    ['Contract start', h('time', { dateTime: client.contract.start }, formatDate(client.contract.start, 'medium', locale))],
    ['Working days left', daysLeft < 0 ? `Ended ${-daysLeft} days ago` : `${workingDays} (as of ${formatDate(options.today, 'short', locale)})`],
    ...(client.contract.reason ? [['Reason', REASONS[client.contract.reason]] as [string, string]] : []),
    ['Playbook', run.playbook.title],
    ...(options.record ? recordFacts(run, options) : []),
  ];
  return h(
    'header.run-head',
    h('p.run-kind', 'Client offboarding checklist'),
    h('h1', client.name),
    h('dl.meta.run-meta', facts.map(([label, value]) => h('div', h('dt', label), h('dd', value)))),
  );
}

/**
 * The recorded progress in the header: "Completed on …" once every required task is recorded, else how
 * many are recorded, how many are overdue and which task is due next.
 */
function recordFacts(run: Run, options: RunHtmlOptions): [string, Child][] {
  const progress = runProgress(run, options.today);
  const { locale } = options;
  const status: [string, Child] = progress.completedOn
    ? ['Status', h('span.pill.ok', { dataRecordCompleted: progress.completedOn }, 'Completed on ', h('time', { dateTime: progress.completedOn }, formatDate(progress.completedOn, 'medium', locale)))]
    : ['Recorded', h('span', { dataRecordProgress: '' }, `${progress.recorded} of ${progress.total} tasks (${progress.requiredRecorded} of ${progress.requiredTotal} required)`)];
  const facts: [string, Child][] = [status];
  if (progress.completedOn) return facts;
  if (progress.overdue > 0) facts.push(['Overdue', h('span.pill.danger', { dataRecordOverdue: String(progress.overdue) }, `${progress.overdue} not recorded`)]);
  const next = progress.nextDue;
  if (next?.dueDate) {
    facts.push([
      'Next due',
      h('span', { dataRecordNext: next.globalId }, h('time', { dateTime: next.dueDate }, formatDate(next.dueDate, 'medium', locale)), ': ', h('a', { href: `#${itemAnchor(next.globalId)}` }, next.task)),
    ]);
  }
  return facts;
}

function people(run: Run, options: RunHtmlOptions): Element {
  const { client } = run;
  const contact = primaryContact(client);
  const team = [...new Map(run.items.filter((item) => item.person).map((item) => [item.role.id, item])).values()];
  return h(
    'div.run-people',
    h(
      'section.card',
      { ariaLabelledBy: 'client-contacts' },
      h('h2#client-contacts.card-title', 'Client contacts'),
      h(
        'ul.plain',
        client.contacts.map((person) =>
          h(
            'li',
            h('strong', person.name),
            person === contact ? [' ', h('span.pill.ok', 'primary')] : null,
            person.title ? h('span.muted', `, ${person.title}`) : null,
            person.role ? h('span.muted', ` (${person.role} contact)`) : null,
            h('br'),
            h('a', { href: buildMailto({ to: [person.email], subject: '', body: '' }) }, person.email),
          ),
        ),
      ),
    ),
    h(
      'section.card',
      { ariaLabelledBy: 'client-team' },
      h('h2#client-team.card-title', 'Our team'),
      h(
        'ul.plain',
        team.map((item) =>
          h(
            'li',
            h('span.muted', `${item.role.title}: `),
            options.personHref ? h('a', { href: options.personHref(item.person!.id), title: `${item.person!.name}'s open tasks` }, item.person!.name) : item.person!.name,
          ),
        ),
      ),
    ),
    client.notes ? h('p.run-notes.small', h('strong', 'Notes: '), client.notes) : null,
  );
}

function toolbar(run: Run, options: RunHtmlOptions): Element {
  const total = run.items.length;
  return h(
    'div.run-toolbar.no-print',
    { role: 'region', ariaLabel: 'Progress and actions', dataPagefindIgnore: '' },
    h(
      'div.run-progress',
      h('progress', { max: total, value: 0, ariaLabel: 'Tasks done', dataProgressBar: '' }),
      h('p.run-progress-text', { dataProgressText: '' }, `0 of ${total} tasks done`),
    ),
    h(
      'div.run-actions',
      h('button', { type: 'button', dataAction: 'print' }, 'Print'),
      h('label.run-toggle', h('input', { type: 'checkbox', checked: true, dataPrintEmailsToggle: '' }), ' Emails in the printout'),
      h('button', { type: 'button', dataAction: 'reset' }, 'Reset ticks'),
    ),
    options.exports.length > 0
      ? h(
          'p.run-exports',
          h('span.muted', 'Export: '),
          options.exports.flatMap((link, index) => [
            index > 0 ? h('span.muted', { ariaHidden: 'true' }, ' · ') : '',
            h('a', { href: link.href, download: link.filename, dataExport: link.format }, link.label),
          ]),
        )
      : null,
    h('p.visually-hidden', { ariaLive: 'polite', dataRunStatus: '' }),
  );
}

function itemTree(item: RunItem, run: Run, options: RunHtmlOptions, taskOf: Map<string, string>, appendix: Map<string, string>): Element {
  const anchor = itemAnchor(item.globalId);
  const check = `check-${anchor.slice('task-'.length)}`;
  const facts: [string, Child][] = [
    ['Owner', item.person ? [item.person.name, ' ', h('span.muted', `(${item.role.title})`)] : h('span.pill.danger', `No ${item.role.title} on this client's team`)],
    [
      'Due',
      item.dueDate === null
        ? h('span.run-undated', { dataUndated: '' }, item.due ? `No date for this client (${formatDue(item.due)})` : 'During the run')
        : [h('time', { dateTime: item.dueDate }, formatDate(item.dueDate, 'weekday', options.locale)), ' ', h('code.run-offset', formatDue(item.due)), ...movedNote(item, options.locale)],
    ],
  ];
  if (item.after.length > 0) {
    facts.push(['After', item.after.flatMap((id, index) => [index > 0 ? '; ' : '', h('a', { href: `#${itemAnchor(id)}` }, taskOf.get(id) ?? id)])]);
  }
  if (item.evidence) facts.push(['Evidence', item.evidence]);
  const record = options.record ? item.record : null;
  if (record) facts.push(...recordedFacts(item, record, options));
  else if (item.answer) facts.push(['Asks', item.answer.question]);
  return h(
    'li.run-item',
    {
      id: anchor,
      dataItem: item.globalId,
      dataKey: progressKey(item),
      // No data-due for an undated task: the page's script never marks it overdue.
      ...(item.dueDate === null ? {} : { dataDue: item.dueDate }),
      dataRequired: String(item.required),
      // A recorded task is done for everyone: the page's script leaves its box alone (not a browser tick).
      ...(record ? { dataRecorded: record.on, dataDone: 'true', dataStatus: 'done' } : {}),
    },
    record
      ? h('input.run-check', { type: 'checkbox', id: check, checked: true, disabled: true, title: `Recorded in the client file: ${recordedBy(record)}, ${record.on}` })
      : h('input.run-check', { type: 'checkbox', id: check }),
    h('span.run-box', { ariaHidden: 'true' }),
    h(
      'div.run-main',
      h(
        'p.run-task',
        h('label', { htmlFor: check }, item.task),
        item.required ? null : [' ', h('span.pill', 'optional')],
        ' ',
        record
          ? h('span.run-state.pill.ok', { dataState: '' }, `Done ${formatDate(record.on, 'short', options.locale)}`)
          : h('span.run-state', { dataState: '' }),
        h('span.run-due-print.print-only', item.dueDate === null ? 'During the run' : formatDate(item.dueDate, 'weekday', options.locale)),
      ),
      h('p.run-source.small.muted', item.sopId ? h('a', { href: options.itemHref(item.globalId) }, item.sopTitle) : `${run.playbook.title} playbook`),
      h('dl.run-facts', facts.map(([label, value]) => h('div', { dataFact: label.toLowerCase() }, h('dt', label), h('dd', value)))),
      item.email ? emailTree(item, appendix.get(item.globalId)!) : null,
      // An answer still to give gets its own write-in line (not the tick's date line the script fills).
      item.answer && !record
        ? h('p.run-signoff.print-only', h('span.label', item.answer.type === 'signoff' ? 'Signed by (name, title, date)' : 'Answer'), h('span.fill.fill-answer'))
        : null,
      signoff([...(item.evidence ? ['Evidence at'] : []), 'Done by', 'Date'], record ? [recordedBy(record), formatDate(record.on, 'day', options.locale)] : []),
    ),
  );
}

/** Who recorded the task done and when, with the note and the answer in words. */
function recordedFacts(item: RunItem, record: ItemRecord, options: RunHtmlOptions): [string, Child][] {
  const { locale } = options;
  const who: Child = record.person && options.personHref ? h('a', { href: options.personHref(record.person.id) }, record.person.name) : recordedBy(record);
  const facts: [string, Child][] = [['Done', [who, ' on ', h('time', { dateTime: record.on }, formatDate(record.on, 'weekday', locale))]]];
  if (record.note) facts.push(['Note', record.note]);
  if (record.answer !== null) facts.push(['Answer', formatAnswer(item.answer, record.answer, locale)]);
  return facts;
}

/** " moved from Sun, Feb 28, 2027" when the offset fell on a day off (see `company.dueOnDayOff`). */
function movedNote(item: RunItem, locale: string): (string | Element)[] {
  if (!item.dueMovedFrom) return [];
  return [' ', h('span.run-moved', 'moved from ', h('time', { dateTime: item.dueMovedFrom }, formatDate(item.dueMovedFrom, 'weekday', locale)))];
}

function emailTree(item: RunItem, reference: string): ElementContent[] {
  const email = item.email!;
  const mailto = buildMailto({ to: [email.to], subject: email.subject, body: email.text });
  const to = recipientLabel(email);
  return [
    h(
      'details.run-email',
      { dataEmail: '', dataSubject: email.subject, dataText: email.text, ...(email.to ? { dataTo: mailbox(email) } : {}) },
      h('summary', h('span.run-email-label', 'Email'), ' ', h('span.run-email-subject', email.subject)),
      h(
        'div.run-email-panel',
        h('dl.run-email-head', h('div', h('dt', 'To'), h('dd', to)), h('div', h('dt', 'Subject'), h('dd', email.subject))),
        h(
          'div.run-email-actions',
          { role: 'group', ariaLabel: `Email actions: ${email.title}` },
          email.to ? h('button', { type: 'button', dataCopy: 'to' }, 'Copy recipient') : null,
          h('button', { type: 'button', dataCopy: 'subject' }, 'Copy subject'),
          h('button', { type: 'button', dataCopy: 'text' }, 'Copy as plain text'),
          h('button', { type: 'button', dataCopy: 'html' }, 'Copy as rich text'),
          h('a.button', { href: mailto, dataMailto: '' }, 'Open in mail app'),
        ),
        mailto.length > MAILTO_SAFE_LENGTH
          ? h('p.small.muted', 'A long email: some mail apps cut links like this short. If it arrives incomplete, paste the copied text instead.')
          : null,
        h('div.email-body', { dataEmailBody: '' }, { type: 'raw', value: email.html }),
      ),
    ),
    h('p.run-email-ref.print-only', h('span.run-email-label', 'Email'), ' ', h('span.appendix-ref', `${reference}: `), `“${email.subject}”`, email.to ? ` to ${recipientLabel(email)}` : ''),
  ];
}

/**
 * Write-in lines for the printout. `filled` writes the last lines from the record ("Done by", "Date");
 * without a record the last one is the date, filled in from a browser tick when there is one.
 */
function signoff(labels: string[], filled: string[] = []): Element {
  const offset = labels.length - filled.length;
  return h(
    'p.run-signoff.print-only',
    labels.flatMap((label, index) => [
      h('span.label', label),
      filled.length > 0
        ? h(`span.fill.fill-${label.split(' ')[0]!.toLowerCase()}`, index >= offset ? { dataRecordFill: '' } : {}, index >= offset ? filled[index - offset] : '')
        : h(`span.fill.fill-${label.split(' ')[0]!.toLowerCase()}`, index === labels.length - 1 ? { dataTickedOn: '' } : {}),
    ]),
  );
}

/**
 * The completion box of the printout: the sign-offs the record holds (a principal's signature on a
 * certificate), and the day the last required task was recorded when the run is complete.
 */
function completionRecord(run: Run, options: RunHtmlOptions): Child {
  if (!options.record) return null;
  const signed = run.items.filter((item) => item.record?.answer !== null && typeof item.record?.answer === 'object');
  const completedOn = runProgress(run, options.today).completedOn;
  return [
    signed.length > 0
      ? h(
          'ul.run-completion-signoffs',
          signed.map((item) => h('li', { dataSignoff: item.globalId }, h('strong', `${item.task}: `), formatAnswer(item.answer, item.record!.answer!, options.locale))),
        )
      : null,
    completedOn ? h('p.run-completed-on', `Every required task recorded done; the last on ${formatDate(completedOn, 'weekday', options.locale)}.`) : null,
  ];
}

function appendixTree(run: Run, options: RunHtmlOptions, appendix: Map<string, string>): Element | null {
  const withEmail = run.items.filter((item) => item.email);
  if (withEmail.length === 0) return null;
  return h(
    'section.run-appendix',
    // A printed copy of the emails above: left out of search, should client pages ever be indexed.
    { ariaLabelledBy: 'emails-appendix', dataPagefindIgnore: 'all' },
    h('h2#emails-appendix', 'Appendix: emails'),
    h('p.small', `Every email in this checklist, filled in for ${run.client.name}, in the order the tasks are due.`),
    withEmail.map((item) => {
      const email = item.email!;
      const reference = appendix.get(item.globalId)!;
      return h(
        'article.run-appendix-email',
        { id: `appendix-${reference}` },
        h('h3', `${reference} · ${email.title}`),
        h(
          'dl.run-email-head',
          h('div', h('dt', 'For'), h('dd', `${item.task} (${item.dueDate === null ? 'during the run' : `due ${formatDate(item.dueDate, 'weekday', options.locale)}`}${item.person ? `, ${item.person.name}` : ''})`)),
          h('div', h('dt', 'To'), h('dd', recipientLabel(email))),
          h('div', h('dt', 'Subject'), h('dd', email.subject)),
        ),
        h('div.email-body', {}, { type: 'raw', value: email.html }),
      );
    }),
  );
}
