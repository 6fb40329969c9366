import { describeAnswerSpec } from '../../schemas/record';
import { isDeepStrictEqual } from 'node:util';
import type { ChecklistItem, Company } from '../../schemas';
import { toGlobalId, type EmailEntry, type LibraryInput, type PlaybookEntry, type SopEntry } from '../content/library';
import { templateVariables } from '../email/template-variables';
import { describeCondition } from '../email/condition-words';
import { diffEntries, invertRenames, renameGlobalId } from './entries';
import { fieldChanges, type ObjectSpec } from './fields';
import { clientImpact } from './impact';
import { diffRecords } from './records';
import { labeller, type Labels } from './labels';
import {
  CLIENT_SPEC,
  COMPANY_SPEC,
  EMAIL_SPEC,
  EXTRA_ITEM_SPEC,
  ITEM_SPEC,
  PERSON_SPEC,
  PHASE_SPEC,
  PLAYBOOK_SPEC,
  ROLE_SPEC,
  SOP_SPEC,
  type ComparableItem,
} from './spec';
import { movedEntries, summarizeText } from './text';
import type { ChangeHead, DiffReport, EmailChange, FieldChange, ItemChange, PlaybookChange, Ref, SettingChange, SopChange, VersionLabel } from './types';

/** One version of the library, with what the diff needs beyond the validated data. */
export interface DiffSide extends LibraryInput {
  /** SOP page text (MDX body) by SOP id, when known: renames compare it and body changes are summarised. */
  sopBodies?: ReadonlyMap<string, string>;
  /** The file an entry came from (`sops/x.mdx` for folder `sops`, id `x`); default `<folder>/<id>` + the usual extension. */
  fileOf?: (folder: string, id: string) => string;
}

export interface DiffOptions {
  base: VersionLabel;
  head: VersionLabel;
  /** Compute the impact on clients whose contract ends on this date or later; no impact when absent. */
  today?: string;
}



/** Items in the shape `ITEM_SPEC` compares; `oldToNew` reads `after` references in the head's SOP ids. */
function comparableItems(items: readonly (ChecklistItem & { phase?: string })[], ownerId: string | null, scope: string, oldToNew: ReadonlyMap<string, string>): ComparableItem[] {
  return items.map((item) => ({
    id: item.id,
    task: item.task,
    owner: item.owner ?? ownerId ?? '',
    inheritsOwner: item.owner === undefined,
    due: item.due,
    required: item.required,
    after: item.after.map((ref) => renameGlobalId(toGlobalId(ref, scope), oldToNew)).sort(),
    email: item.email ?? null,
    when: item.when ?? null,
    each: item.each ?? null,
    evidence: item.evidence ?? null,
    answer: item.answer ? describeAnswerSpec(item.answer) : null,
    phase: item.phase ?? null,
  }));
}

const withoutId = <T extends { id: string }>({ id: _id, ...rest }: T) => rest;
const sameContent = <T extends { id: string }>(a: T, b: T) => isDeepStrictEqual(withoutId(a), withoutId(b));

/** Tasks of an SOP (`ITEM_SPEC`) or a playbook's extras (`EXTRA_ITEM_SPEC`). */
function itemChanges(before: readonly ComparableItem[], after: readonly ComparableItem[], spec: ObjectSpec<ComparableItem, unknown>, labels: Labels): ItemChange[] {
  return diffEntries<ComparableItem, ItemChange>(before, after, {
    rename: { same: sameContent, similar: (a, b) => a.task === b.task },
    added: (item) => ({ task: item.task, fields: fieldChanges(spec, null, item, labels).filter((f) => f.field !== 'task') }),
    removed: (item) => ({ task: item.task, fields: [] }),
    changed: (previous, item) => ({
      task: item.task,
      fields: fieldChanges(spec, previous, item, labels).filter(
        // An owner that only changed because the SOP's owner did is reported once, on the SOP.
        (field) => !(field.field === 'owner' && previous.inheritsOwner && item.inheritsOwner),
      ),
    }),
    isEmpty: (change) => change.fields.length === 0,
  }).changes;
}

const defaultFile = (folder: string, id: string) =>
  `${folder}/${id}${{ sops: '.mdx', 'templates/emails': '.md', 'templates/playbooks': '.yaml', 'content/clients': '.yaml' }[folder] ?? ''}`;
const fileIn = (side: DiffSide, folder: string, id: string) => (side.fileOf ?? defaultFile)(folder, id);

/** SOPs, with the rename map (new id → old id) that playbooks, items and impact use too. */
function diffSops(base: DiffSide, head: DiffSide, labels: Labels): { changes: SopChange[]; renames: Map<string, string> } {
  const bodyOf = (side: DiffSide, id: string) => side.sopBodies?.get(id);
  const sameBody = (a: SopEntry, b: SopEntry) => bodyOf(base, a.id) === bodyOf(head, b.id);
  return diffEntries<SopEntry, SopChange>(base.sops, head.sops, {
    rename: { same: (a, b) => sameContent(a, b) && sameBody(a, b), similar: (a, b) => a.title === b.title },
    unchanged: (previous, sop) => previous === sop && sameBody(previous, sop),
    added: (sop) => ({
      title: sop.title,
      file: fileIn(head, 'sops', sop.id),
      fields: fieldChanges(SOP_SPEC, null, sop, labels).filter((f) => f.field === 'phase' || f.field === 'owner'),
      items: [],
      body: null,
      itemCount: sop.checklist.length,
    }),
    removed: (sop) => ({ title: sop.title, file: fileIn(base, 'sops', sop.id), fields: [], items: [], body: null, itemCount: sop.checklist.length }),
    changed: (previous, sop, renames) => {
      const beforeBody = bodyOf(base, previous.id);
      const afterBody = bodyOf(head, sop.id);
      return {
        title: sop.title,
        file: fileIn(head, 'sops', sop.id),
        fields: fieldChanges(SOP_SPEC, previous, sop, labels),
        items: itemChanges(
          comparableItems(previous.checklist, previous.owner, previous.id, invertRenames(renames)),
          comparableItems(sop.checklist, sop.owner, sop.id, new Map()),
          ITEM_SPEC,
          labels,
        ),
        body: beforeBody !== undefined && afterBody !== undefined ? summarizeText(beforeBody, afterBody) : null,
        itemCount: sop.checklist.length,
      };
    },
    isEmpty: (change) => change.fields.length === 0 && change.items.length === 0 && !change.body,
  });
}

function templateVariablesOf(email: { subject: string; body: string }): string[] {
  try {
    return templateVariables(`${email.subject}\n${email.body}`);
  } catch {
    return []; // a template that does not parse is `check`'s to report
  }
}

function diffEmails(base: DiffSide, head: DiffSide, labels: Labels): EmailChange[] {
  return diffEntries<EmailEntry, EmailChange>(base.emails, head.emails, {
    rename: { same: sameContent },
    added: (email) => ({
      title: email.title,
      file: fileIn(head, 'templates/emails', email.id),
      fields: fieldChanges(EMAIL_SPEC, null, email, labels).filter((f) => f.field === 'audience' || f.field === 'send'),
      body: null,
      variables: { added: templateVariablesOf(email), removed: [] },
    }),
    removed: (email) => ({ title: email.title, file: fileIn(base, 'templates/emails', email.id), fields: [], body: null, variables: { added: [], removed: [] } }),
    changed: (previous, email) => {
      const before = templateVariablesOf(previous);
      const after = templateVariablesOf(email);
      return {
        title: email.title,
        file: fileIn(head, 'templates/emails', email.id),
        fields: fieldChanges(EMAIL_SPEC, previous, email, labels),
        body: summarizeText(previous.body, email.body),
        variables: { added: after.filter((name) => !before.includes(name)), removed: before.filter((name) => !after.includes(name)) },
      };
    },
    isEmpty: (change) => change.fields.length === 0 && !change.body && change.variables.added.length + change.variables.removed.length === 0,
  }).changes;
}

function diffPlaybooks(base: DiffSide, head: DiffSide, labels: Labels, sopRenames: ReadonlyMap<string, string>): PlaybookChange[] {
  const oldToNew = invertRenames(sopRenames);
  const renameSop = (id: string) => oldToNew.get(id) ?? id;
  const ref = (id: string): Ref => ({ id, title: labels.sop(id) });
  /** An SOP the playbook runs, with the condition its `sops:` entry puts on it. */
  const sopRef = (playbook: PlaybookEntry, id: string): Ref => {
    const when = playbook.sops.find((entry) => entry.id === id)?.when;
    return when === undefined ? ref(id) : { ...ref(id), when: { condition: when, words: describeCondition(when, playbook.vars) } };
  };
  const itemRef = (globalId: string): Ref => ({ id: globalId, title: labels.task(globalId) });
  const file = (side: DiffSide, playbook: PlaybookEntry) => fileIn(side, 'templates/playbooks', playbook.id);
  return diffEntries<PlaybookEntry, PlaybookChange>(base.playbooks, head.playbooks, {
    // A renamed SOP changes every playbook that lists it, even when the playbook's file did not change.
    unchanged: (previous, playbook) => previous === playbook && sopRenames.size === 0,
    added: (playbook) => ({
      title: playbook.title,
      file: file(head, playbook),
      fields: [],
      sops: { added: playbook.sops.map(({ id }) => sopRef(playbook, id)), removed: [], moved: [] },
      skip: { added: playbook.skip.map(itemRef), removed: [] },
      extra: [],
    }),
    removed: (playbook) => ({ title: playbook.title, file: file(base, playbook), fields: [], sops: { added: [], removed: [], moved: [] }, skip: { added: [], removed: [] }, extra: [] }),
    changed: (previous, playbook) => {
      const before = previous.sops.map(({ id }) => renameSop(id));
      const after = playbook.sops.map(({ id }) => id);
      const moved = movedEntries(before, after).map((id) => ({ ...ref(id), from: before.indexOf(id) + 1, to: after.indexOf(id) + 1 }));
      const skipBefore = previous.skip.map((globalId) => renameGlobalId(globalId, oldToNew));
      return {
        title: playbook.title,
        file: file(head, playbook),
        fields: [...fieldChanges(PLAYBOOK_SPEC, previous, playbook, labels), ...sopConditionChanges(previous, playbook, renameSop)],
        sops: { added: after.filter((id) => !before.includes(id)).map((id) => sopRef(playbook, id)), removed: before.filter((id) => !after.includes(id)).map(ref), moved },
        skip: { added: playbook.skip.filter((id) => !skipBefore.includes(id)).map(itemRef), removed: skipBefore.filter((id) => !playbook.skip.includes(id)).map(itemRef) },
        extra: itemChanges(comparableItems(previous.extra, null, previous.id, oldToNew), comparableItems(playbook.extra, null, playbook.id, new Map()), EXTRA_ITEM_SPEC, labels),
      };
    },
    isEmpty: ({ fields, sops, skip, extra }) =>
      !fields.length && !extra.length && !sops.added.length && !sops.removed.length && !sops.moved.length && !skip.added.length && !skip.removed.length,
  }).changes;
}

/** Entries compared field by field and nothing else (roles, people, phases, client records). */
function diffSettings<T extends { id: string }>(
  base: DiffSide,
  head: DiffSide,
  entries: (side: DiffSide) => readonly T[],
  spec: ObjectSpec<T, unknown>,
  title: (entry: T) => string,
  file: (side: DiffSide, entry: T) => string,
  labels: Labels,
): SettingChange[] {
  return diffEntries<T, SettingChange>(entries(base), entries(head), {
    added: (entry) => ({ title: title(entry), file: file(head, entry), fields: fieldChanges(spec, null, entry, labels) }),
    removed: (entry) => ({ title: title(entry), file: file(base, entry), fields: [] }),
    changed: (previous, entry) => ({ title: title(entry), file: file(head, entry), fields: fieldChanges(spec, previous, entry, labels) }),
    isEmpty: (change) => change.fields.length === 0,
  }).changes;
}

/** The company settings: one entry, so only ever changed. */
function diffCompany(base: DiffSide, head: DiffSide, labels: Labels): FieldChange[] {
  const none = () => ({ fields: [] });
  const { changes } = diffEntries<Company, ChangeHead & { fields: FieldChange[] }>([base.company], [head.company], {
    key: () => 'company',
    added: none,
    removed: none,
    changed: (previous, company) => ({ fields: fieldChanges(COMPANY_SPEC, previous, company, labels) }),
    isEmpty: (change) => change.fields.length === 0,
  });
  return changes[0]?.fields ?? [];
}

/**
 * The semantic diff of two versions of a library: what changes for the team (SOPs, tasks, emails,
 * playbooks, settings) and, with `today`, for every client whose contract ends today or later.
 * Pure: both versions are plain data; reading them from git is the caller's job.
 */
export function diffLibraries(base: DiffSide, head: DiffSide, options: DiffOptions): DiffReport {
  const labels = labeller(base, head);
  const { changes: sops, renames } = diffSops(base, head, labels);
  const commonPhases = (side: DiffSide, other: DiffSide) => side.phases.map((phase) => phase.id).filter((id) => other.phases.some((phase) => phase.id === id));
  const [orderBefore, orderAfter] = [commonPhases(base, head), commonPhases(head, base)];
  const phaseOrder: FieldChange | null = isDeepStrictEqual(orderBefore, orderAfter)
    ? null
    : { field: 'order', from: orderBefore, to: orderAfter, fromLabel: orderBefore.map(labels.phase).join(' → '), toLabel: orderAfter.map(labels.phase).join(' → ') };
  return {
    base: options.base,
    head: options.head,
    sops,
    emails: diffEmails(base, head, labels),
    playbooks: diffPlaybooks(base, head, labels, renames),
    company: diffCompany(base, head, labels),
    roles: diffSettings(base, head, (side) => side.team.roles, ROLE_SPEC, (role) => role.title, () => 'content/team.yaml', labels),
    people: diffSettings(base, head, (side) => side.team.people, PERSON_SPEC, (person) => person.name, () => 'content/team.yaml', labels),
    phases: diffSettings(base, head, (side) => side.phases, PHASE_SPEC, (phase) => phase.title, () => 'content/phases.yaml', labels),
    phaseOrder,
    clients: diffSettings(base, head, (side) => side.clients, CLIENT_SPEC, (client) => client.name, (side, client) => fileIn(side, 'content/clients', client.id), labels),
    records: diffRecords(base, head, labels),
    impact: options.today ? clientImpact(base, head, renames, options.today) : null,
  };
}

/** Whether a report holds no change at all. */
export function isEmptyReport(report: DiffReport): boolean {
  const lists = [report.sops, report.emails, report.playbooks, report.company, report.roles, report.people, report.phases, report.clients, report.records];
  return lists.every((list) => list.length === 0) && !report.phaseOrder && (report.impact?.affected.length ?? 0) === 0;
}

/** A kept SOP whose condition in the playbook's `sops:` changed, as `sops.<id>.when` ("always runs" → "only when vars.keepsDomains"). */
function sopConditionChanges(previous: PlaybookEntry, playbook: PlaybookEntry, renameSop: (id: string) => string): FieldChange[] {
  const before = new Map(previous.sops.map((entry) => [renameSop(entry.id), entry.when ?? null]));
  // In words where the describer knows the shape ("runs only when the answer to “Keeps domains?” is yes"); the Liquid is shown beside it.
  const words = (when: string | null, vars: PlaybookEntry['vars']) => (when === null ? 'always runs' : `runs only when ${describeCondition(when, vars) ?? when}`);
  return playbook.sops.flatMap(({ id, when = null }) => {
    if (!before.has(id) || before.get(id) === when) return [];
    const from = before.get(id)!;
    return [{ field: `sops.${id}.when`, from, to: when, fromLabel: words(from, previous.vars), toLabel: words(when, playbook.vars) }];
  });
}
