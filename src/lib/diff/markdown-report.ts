import type { ChangeKind, ClientImpact, DiffReport, FieldChange, FieldValue, ImpactItem, ItemChange, PlaybookChange, RecordChange, RecordedTask, Ref, SettingChange, TextChange } from './types';
import { isEmptyReport } from './compare';
import { wordingOf } from './fields';
import { CLIENT_SPEC, COMPANY_SPEC, EMAIL_SPEC, EXTRA_ITEM_SPEC, PERSON_SPEC, PHASE_SPEC, PLAYBOOK_SPEC, ROLE_SPEC, SOP_SPEC } from './spec';
import { href } from '../routes';
import { UNDATED } from '../../schemas/due';

/**
 * The diff as GitHub-flavoured Markdown: a count table, then one section per kind, then the impact on
 * active clients. Written for someone who has never seen the YAML: role titles, email titles and due
 * offsets in words, the raw values in code beside them for the author.
 */

export interface MarkdownOptions {
  /** Level of the section headings (`##` by default); the title is one level above, when shown. */
  headingLevel?: number;
  /** Print the title and the "comparing … with …" line (default true). */
  title?: boolean;
  /** Cut the report at a line boundary past this many characters (a PR comment holds 65,536). */
  maxLength?: number;
}

/** Escapes text so Markdown shows it as typed (a task with `*` or `|` stays a task). */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*_[\]<>|~]/g, (char) => `\\${char}`)
    .replace(/&(?=#?\w+;)/g, '\\&'); // only an `&` that would start an entity
}

/** A code span that survives backticks inside it. */
export function code(text: string): string {
  const value = text.replace(/\s+/g, ' ');
  return value.includes('`') ? `\`\` ${value} \`\`` : `\`${value}\``;
}

const quote = (text: string) => `“${escapeMarkdown(text)}”`;
const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;
const short = (commit: string | null) => (commit ? ` (${code(commit.slice(0, 7))})` : '');

/** Shortens a task at a word boundary for one-line sentences. */
function clip(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  return `${cut.slice(0, cut.lastIndexOf(' ') > max / 2 ? cut.lastIndexOf(' ') : max).replace(/[,;:.]$/, '')}…`;
}

/** How each kind's fields are named and printed, from the diff's spec of each schema. */
const WORDING = {
  sop: wordingOf(SOP_SPEC),
  task: wordingOf(EXTRA_ITEM_SPEC),
  email: wordingOf(EMAIL_SPEC),
  playbook: wordingOf(PLAYBOOK_SPEC),
  phase: wordingOf(PHASE_SPEC),
  role: wordingOf(ROLE_SPEC),
  person: wordingOf(PERSON_SPEC),
  client: wordingOf(CLIENT_SPEC),
  company: wordingOf(COMPANY_SPEC),
};
type Kind = keyof typeof WORDING;

/** The field as a reader says it ("Waits for"); a field without a label (`links.feedback`) as code. */
const fieldName = (kind: Kind, field: string) => WORDING[kind](field).label ?? code(field);

function formatValue(kind: Kind, field: string, value: FieldValue): string {
  if (value === null) return 'none';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.length ? value.map(code).join(', ') : 'none';
  return WORDING[kind](field).prose ? quote(value as string) : code(value as string);
}

/** "Account lead → Finance & billing (`account-lead` → `finance`)". */
function formatChange(kind: Kind, change: FieldChange): string {
  const from = change.fromLabel !== undefined ? escapeMarkdown(change.fromLabel) : formatValue(kind, change.field, change.from);
  const to = change.toLabel !== undefined ? escapeMarkdown(change.toLabel) : formatValue(kind, change.field, change.to);
  // An undated task has no `due:` to show as written: its value is the words "during the run".
  const raw = (value: FieldValue) => (value === null ? 'none' : change.field === 'due' && value === UNDATED ? `no ${code('due:')}` : code(String(value)));
  const showRaw = (change.fromLabel !== undefined || change.toLabel !== undefined) && [change.from, change.to].every((v) => v === null || typeof v === 'string');
  return `${from} → ${to}${showRaw ? ` (${raw(change.from)} → ${raw(change.to)})` : ''}`;
}

/** A new item in one line: owner, due, what it sends, when it applies. */
function describeNewItem(fields: readonly FieldChange[]): string {
  const get = (name: string) => fields.find((field) => field.field === name);
  const parts: string[] = [];
  const phase = get('phase');
  if (phase) parts.push(`in ${escapeMarkdown(phase.toLabel ?? String(phase.to))}`);
  const owner = get('owner');
  if (owner) parts.push(escapeMarkdown(owner.toLabel ?? String(owner.to)));
  const due = get('due');
  if (due) parts.push(due.to === UNDATED ? UNDATED : `due ${escapeMarkdown(due.toLabel ?? '')} (${code(String(due.to))})`);
  const required = get('required');
  if (required && required.to === false) parts.push('optional');
  const after = get('after');
  if (after) parts.push(`after ${escapeMarkdown(after.toLabel ?? '')}`);
  const email = get('email');
  if (email) parts.push(`sends ${quote(email.toLabel ?? String(email.to))}`);
  const when = get('when');
  if (when) parts.push(`only when ${code(String(when.to))}`);
  return parts.join(' · ');
}

function textLine(label: string, text: TextChange): string {
  const samples = [text.addedSample && `adds ${quote(text.addedSample)}`, text.removedSample && `removes ${quote(text.removedSample)}`].filter(Boolean);
  const counts = [text.wordsAdded && `+${plural(text.wordsAdded, 'word')}`, text.wordsRemoved && `−${plural(text.wordsRemoved, 'word')}`].filter(Boolean);
  return `- **${label}:** ${counts.join(', ')}${samples.length ? ` (${samples.join('; ')})` : ''}`;
}

function itemLines(items: readonly ItemChange[], noun: string): string[] {
  return items.flatMap((item) => {
    const fieldLines = item.fields.map((field) => `  - ${fieldName('task', field.field)}: ${formatChange('task', field)}`);
    switch (item.change) {
      case 'added':
        return [`- **New ${noun}:** ${quote(item.task)}${item.fields.length ? ` · ${describeNewItem(item.fields)}` : ''}`];
      case 'removed':
        return [`- **Removed ${noun}:** ${quote(item.task)}`];
      case 'renamed':
        return [`- **Renamed ${noun}:** ${quote(item.task)} (id ${code(item.previousId!)} → ${code(item.id)})`, ...fieldLines];
      default:
        return [`- **Changed ${noun}:** ${quote(item.task)}`, ...fieldLines];
    }
  });
}

const fieldLines = (kind: Kind, fields: readonly FieldChange[]) => fields.map((field) => `- **${fieldName(kind, field.field)}:** ${formatChange(kind, field)}`);

const STATUS: Record<ChangeKind, string> = { added: 'New', removed: 'Removed', renamed: 'Renamed', changed: 'Changed' };

function entryHeading(h: string, change: { change: ChangeKind; title: string; file: string; previousId?: string }, previousFile?: string): string[] {
  const where = change.change === 'renamed' && previousFile ? `${code(previousFile)} → ${code(change.file)}` : code(change.file);
  return [`${h} ${escapeMarkdown(change.title)}`, '', `${STATUS[change.change]} · ${where}`, ''];
}

/** SOPs by title; one a playbook runs only under a condition says so: “Title” (only when …, `vars.x`). */
const refList = (refs: readonly Ref[]) =>
  refs
    .map((ref) => {
      if (!ref.when) return quote(ref.title);
      const words = ref.when.words ? `${escapeMarkdown(ref.when.words)}, ` : '';
      return `${quote(ref.title)} (only when ${words}${code(ref.when.condition)})`;
    })
    .join(', ');

function playbookLines(change: PlaybookChange): string[] {
  if (change.change === 'removed') return [];
  if (change.change === 'added') {
    return [`- Runs ${plural(change.sops.added.length, 'SOP')}: ${refList(change.sops.added)}`, ...(change.skip.added.length ? [`- Skips: ${refList(change.skip.added)}`] : [])];
  }
  return [
    ...fieldLines('playbook', change.fields),
    ...(change.sops.added.length ? [`- **Adds ${change.sops.added.length === 1 ? 'SOP' : 'SOPs'}:** ${refList(change.sops.added)}`] : []),
    ...(change.sops.removed.length ? [`- **Drops ${change.sops.removed.length === 1 ? 'SOP' : 'SOPs'}:** ${refList(change.sops.removed)}`] : []),
    ...change.sops.moved.map((move) => `- **Moves** ${quote(move.title)} from step ${move.from} to step ${move.to}`),
    ...(change.skip.added.length ? [`- **Now skips:** ${refList(change.skip.added)}`] : []),
    ...(change.skip.removed.length ? [`- **No longer skips:** ${refList(change.skip.removed)}`] : []),
    ...itemLines(change.extra, 'extra task'),
  ];
}

function settingLines(noun: 'phase' | 'role' | 'person' | 'client', changes: readonly SettingChange[]): string[] {
  return changes.flatMap((change) => {
    if (change.change === 'added') return [`- **New ${noun}:** ${escapeMarkdown(change.title)} (${code(change.id)})`];
    if (change.change === 'removed') return [`- **Removed ${noun}:** ${escapeMarkdown(change.title)} (${code(change.id)})`];
    return [`- **${noun[0]!.toUpperCase()}${noun.slice(1)} ${escapeMarkdown(change.title)}:**`, ...change.fields.map((field) => `  - ${fieldName(noun, field.field)}: ${formatChange(noun, field)}`)];
  });
}

function impactSentence(item: ImpactItem): string {
  const task = quote(clip(item.task));
  const person = (slot: { person: string | null }) => slot.person ?? 'nobody on the client team yet';
  switch (item.change) {
    case 'added':
      return `${task} is new, due ${item.to!.dateLabel} (${escapeMarkdown(person(item.to!))})`;
    case 'removed':
      return `${task} no longer applies (was due ${item.from!.dateLabel})`;
    case 'moved':
      return `${task} moves from ${item.from!.dateLabel} to ${item.to!.dateLabel}${item.from!.person !== item.to!.person ? ` and falls to ${escapeMarkdown(person(item.to!))}` : ''}`;
    default:
      return `${task} falls to ${escapeMarkdown(person(item.to!))} instead of ${escapeMarkdown(person(item.from!))} (due ${item.to!.dateLabel})`;
  }
}

function impactLines(h: string, impact: NonNullable<DiffReport['impact']>): string[] {
  const { affected, activeClients, todayLabel } = impact;
  if (activeClients === 0) return [`No client has a contract ending on or after ${todayLabel}.`];
  const intro = affected.length === 0
    ? `No active client's checklist changes (${plural(activeClients, 'client has', 'clients have')} a contract ending on or after ${todayLabel}).`
    : `${affected.length} of ${plural(activeClients, 'active client')} (${activeClients === 1 ? 'contract' : 'contracts'} ending on or after ${todayLabel}) ${affected.length === 1 ? 'is' : 'are'} affected.`;
  return [intro, '', ...affected.flatMap((client: ClientImpact) => [
    `${h} ${escapeMarkdown(client.client.name)} (contract ends ${client.endLabel})`,
    '',
    ...(client.error ? [`- Could not compare: ${escapeMarkdown(client.error)}`] : []),
    ...client.items.map((item) => `- ${impactSentence(item)}`),
    '',
  ])];
}

/**
 * One line per kind of change, per person and client: "Theo Okafor recorded 3 tasks done for Northwind
 * Studio: “…”, “…”". Never a note or an answer: they are client data, and only their change is counted.
 */
function recordLines(changes: readonly RecordChange[]): string[] {
  const tasks = <T extends RecordedTask>(list: readonly T[], extra: (task: T) => string = () => '') => list.map((task) => `${quote(clip(task.task))}${extra(task)}`).join(', ');
  const some = <T,>(list: readonly T[], line: (n: number, one: boolean) => string) => (list.length ? [line(list.length, list.length === 1)] : []);
  return changes.flatMap(({ client, person, recorded, undone, redated, reassigned, details }) => {
    const [who, where] = [escapeMarkdown(person.name), escapeMarkdown(client.name)];
    return [
      ...some(recorded, (n) => `- ${who} recorded ${plural(n, 'task')} done for ${where}: ${tasks(recorded)}`),
      ...some(undone, (n, one) => `- ${who}’s ${one ? 'record' : 'records'} of ${plural(n, 'task')} for ${where} ${one ? 'is' : 'are'} removed: ${tasks(undone, (task) => ` (was ${escapeMarkdown(task.onLabel)})`)}`),
      ...some(redated, (n, one) => `- ${who}’s ${one ? 'record' : 'records'} of ${plural(n, 'task')} for ${where} ${one ? 'has' : 'have'} a new date: ${tasks(redated, (task) => ` (${escapeMarkdown(task.fromLabel)} → ${escapeMarkdown(task.onLabel)})`)}`),
      ...some(reassigned, (n, one) => `- ${plural(n, 'task')} for ${where} ${one ? 'is' : 'are'} now recorded as done by ${who}: ${tasks(reassigned, (task) => ` (was ${escapeMarkdown(task.fromPerson.name)})`)}`),
      ...some(details, (n) => `- The note or answer ${who} recorded for ${plural(n, 'task')} for ${where} changed (not shown): ${tasks(details)}`),
    ];
  });
}

/** Counts for the table at the top: rows of [label, new, removed, renamed, changed]. */
export function countChanges(report: DiffReport): [string, number, number, number, number][] {
  const count = (list: readonly { change: ChangeKind }[]) =>
    (['added', 'removed', 'renamed', 'changed'] as const).map((kind) => list.filter((entry) => entry.change === kind).length) as [number, number, number, number];
  const tasks = [...report.sops.flatMap((sop) => sop.items), ...report.playbooks.flatMap((playbook) => playbook.extra)];
  const rows: [string, readonly { change: ChangeKind }[]][] = [
    ['SOPs', report.sops], ['Tasks', tasks], ['Emails', report.emails], ['Playbooks', report.playbooks],
    ['Phases', report.phases], ['Roles', report.roles], ['People', report.people], ['Client records', report.clients],
    ['Recorded tasks', recordCounts(report.records)],
  ];
  return rows.map(([label, list]) => [label, ...count(list)] as [string, number, number, number, number]).filter(([, ...n]) => n.some(Boolean));
}

/** The record's changes as table rows: recorded (new), undone (removed), any other change to a record (changed). */
function recordCounts(records: readonly RecordChange[]): { change: ChangeKind }[] {
  return records.flatMap((record) => [
    ...record.recorded.map(() => ({ change: 'added' as const })),
    ...record.undone.map(() => ({ change: 'removed' as const })),
    ...[...new Set([...record.redated, ...record.reassigned, ...record.details].map((task) => task.globalId))].map(() => ({ change: 'changed' as const })),
  ]);
}

/** The whole report as Markdown. */
export function formatDiffMarkdown(report: DiffReport, options: MarkdownOptions = {}): string {
  const level = options.headingLevel ?? 2;
  const h2 = '#'.repeat(level + 1);
  const h3 = '#'.repeat(level + 2);
  const out: string[] = [];
  if (options.title !== false) {
    const head = report.head.commit ? `${code(report.head.ref)}${short(report.head.commit)}` : `the ${report.head.ref}`;
    out.push(`${'#'.repeat(level)} Offboarding changes`, '', `Comparing ${code(report.base.ref)}${short(report.base.commit)} with ${head}.`, '');
  }
  if (isEmptyReport(report)) {
    out.push('No content changes.');
    if (report.impact) out.push('', ...impactLines(h3, report.impact).slice(0, 1));
    return `${out.join('\n').trimEnd()}\n`;
  }
  const counts = countChanges(report);
  if (counts.length > 0) {
    // Only the columns that have something in them: "New | Changed" reads faster than four columns of 0.
    const columns = ['New', 'Removed', 'Renamed', 'Changed'].map((title, i) => ({ title, i })).filter(({ i }) => counts.some((row) => row[i + 1] !== 0));
    out.push(
      `| | ${columns.map((c) => c.title).join(' | ')} |`,
      `| --- | ${columns.map(() => '---:').join(' | ')} |`,
      ...counts.map((row) => `| ${row[0]} | ${columns.map((c) => row[c.i + 1]).join(' | ')} |`),
      '',
    );
  }
  const section = (title: string, lines: string[]) => {
    if (lines.length > 0) out.push(`${h2} ${title}`, '', ...lines, '');
  };
  const previousFile = (file: string, previousId: string | undefined, id: string) => (previousId ? file.replace(id, previousId) : undefined);
  section('SOPs', report.sops.flatMap((sop) => [
    ...entryHeading(h3, sop, previousFile(sop.file, sop.previousId, sop.id)),
    ...(sop.change === 'added' ? [`- ${plural(sop.itemCount, 'task')}${sop.fields.length ? ` · ${sop.fields.map((f) => `${fieldName('sop', f.field).toLowerCase()} ${escapeMarkdown(f.toLabel ?? String(f.to))}`).join(' · ')}` : ''}`] : []),
    ...(sop.change === 'removed' ? [`- Its ${plural(sop.itemCount, 'task')} leave every playbook that ran them`] : []),
    ...(sop.change === 'renamed' ? [`- Its page moves from ${code(href.sop(sop.previousId ?? sop.id))} to ${code(href.sop(sop.id))}`] : []),
    ...(sop.change === 'added' ? [] : fieldLines('sop', sop.fields)),
    ...itemLines(sop.items, 'task'),
    ...(sop.body ? [textLine('Page text', sop.body)] : []),
    '',
  ]));
  section('Emails', report.emails.flatMap((email) => [
    ...entryHeading(h3, email, previousFile(email.file, email.previousId, email.id)),
    ...(email.change === 'added' ? [`- ${email.fields.map((f) => `${fieldName('email', f.field)}: ${formatValue('email', f.field, f.to)}`).join(' · ') || 'New template'}`] : fieldLines('email', email.fields)),
    ...(email.change !== 'added' && email.variables.added.length ? [`- **Now uses:** ${email.variables.added.map(code).join(', ')}`] : []),
    ...(email.variables.removed.length ? [`- **No longer uses:** ${email.variables.removed.map(code).join(', ')}`] : []),
    ...(email.body ? [textLine('Body', email.body)] : []),
    '',
  ]));
  section('Playbooks', report.playbooks.flatMap((playbook) => [...entryHeading(h3, playbook), ...playbookLines(playbook), '']));
  section('Phases', [...(report.phaseOrder ? [`- **Order:** ${formatChange('phase', report.phaseOrder)}`] : []), ...settingLines('phase', report.phases)]);
  section('Team', [...settingLines('role', report.roles), ...settingLines('person', report.people)]);
  section('Company settings', fieldLines('company', report.company));
  section('Client records', settingLines('client', report.clients));
  section('Recorded progress', recordLines(report.records));
  if (report.impact) section('Impact on active clients', impactLines(h3, report.impact));
  return limit(`${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`, options.maxLength);
}

function limit(text: string, max: number | undefined): string {
  if (max === undefined || text.length <= max) return text;
  const note = `\n_The report is ${text.length.toLocaleString('en-US')} characters, more than fits here; it stops at this line. Run \`npm run diff\` for all of it._\n`;
  const cut = text.lastIndexOf('\n', max - note.length);
  return `${text.slice(0, cut)}\n${note}`;
}
