import didYouMean from 'didyoumean2';
import type { Diagnostic } from '../diagnostics';
import { toGlobalId, type Library } from '../library';
import { positionOf } from '../source-file';
import type { SourceRecord } from '../load-content';

/**
 * Every id that one file uses to point at another must exist: phases, roles, people, email templates,
 * SOPs, checklist items, playbooks. Astro would only log a dangling reference and build a broken page.
 */
export function referenceRules(library: Library, sources: Map<string, SourceRecord>, invalid: ReadonlySet<string> = new Set()): Diagnostic[] {
  const found: Diagnostic[] = [];
  const report = (file: string, path: PropertyKey[], message: string, hint: string) => {
    const source = sources.get(file)?.source;
    const position = source ? positionOf(source, path) : { line: 1, column: 1 };
    found.push({ file, ...position, rule: 'reference', severity: 'error', message, hint });
  };
  const check = (file: string, path: PropertyKey[], id: string, known: Iterable<string>, what: string, where: string) => {
    const ids = [...known];
    if (ids.includes(id)) return;
    // The target exists but has its own errors, already reported: one mistake, one message.
    const folder = { SOP: 'sops', 'checklist item': 'sops', 'email template': 'templates/emails', playbook: 'templates/playbooks' }[what];
    if (folder && invalid.has(`${folder}/${id.split('#')[0]}`)) return;
    const suggestion = didYouMean(id, ids);
    report(
      file,
      path,
      `${formatField(path)}: no ${what} "${id}"`,
      suggestion ? `did you mean "${suggestion}"? Known ${what}s are listed in ${where}.` : `use one of: ${ids.join(', ')} (${where})`,
    );
  };

  const roles = library.roleById.keys();
  const roleIds = [...roles];
  const phaseIds = [...library.phaseById.keys()];
  const emailIds = [...library.emailById.keys()];
  const itemIds = [...library.itemById.keys()];

  library.team.people.forEach((person, p) =>
    person.roles.forEach((role, r) => check('content/team.yaml', ['people', p, 'roles', r], role, roleIds, 'role', 'content/team.yaml')),
  );

  for (const sop of library.sops) {
    const file = fileOf(sources, 'sops', sop.id);
    check(file, ['phase'], sop.phase, phaseIds, 'phase', 'content/phases.yaml');
    check(file, ['owner'], sop.owner, roleIds, 'role', 'content/team.yaml');
    const seen = new Set<string>();
    sop.checklist.forEach((item, i) => {
      if (seen.has(item.id)) report(file, ['checklist', i, 'id'], `checklist[${i}].id: "${item.id}" is used twice in this SOP`, 'give each checklist item its own id');
      seen.add(item.id);
      if (item.owner) check(file, ['checklist', i, 'owner'], item.owner, roleIds, 'role', 'content/team.yaml');
      if (item.email) check(file, ['checklist', i, 'email'], item.email, emailIds, 'email template', 'templates/emails/');
      item.after.forEach((ref, a) =>
        check(file, ['checklist', i, 'after', a], toGlobalId(ref, sop.id), itemIds, 'checklist item', 'the SOPs (write <sop-id>#<item-id> for another SOP)'),
      );
    });
  }

  for (const playbook of library.playbooks) {
    const file = fileOf(sources, 'templates/playbooks', playbook.id);
    playbook.sops.forEach((sopId, s) => check(file, ['sops', s], sopId, library.sopById.keys(), 'SOP', 'sops/'));
    playbook.skip.forEach((ref, s) => check(file, ['skip', s], ref, itemIds, 'checklist item', 'the SOPs (write <sop-id>#<item-id>)'));
    const extraIds = playbook.extra.map((item) => `${playbook.id}#${item.id}`);
    playbook.extra.forEach((item, e) => {
      check(file, ['extra', e, 'phase'], item.phase, phaseIds, 'phase', 'content/phases.yaml');
      check(file, ['extra', e, 'owner'], item.owner, roleIds, 'role', 'content/team.yaml');
      if (item.email) check(file, ['extra', e, 'email'], item.email, emailIds, 'email template', 'templates/emails/');
      item.after.forEach((ref, a) => check(file, ['extra', e, 'after', a], toGlobalId(ref, playbook.id), [...itemIds, ...extraIds], 'checklist item', 'the SOPs'));
    });
  }

  for (const client of library.clients) {
    const file = fileOf(sources, 'content/clients', client.id);
    check(file, ['playbook'], client.playbook, library.playbookById.keys(), 'playbook', 'templates/playbooks/');
    for (const [role, person] of Object.entries(client.team)) {
      check(file, ['team', role], role, roleIds, 'role', 'content/team.yaml');
      check(file, ['team', role], person, library.personById.keys(), 'person', 'content/team.yaml');
    }
    const primaries = client.contacts.filter((contact) => contact.primary).length;
    if (primaries !== 1) {
      report(file, ['contacts'], `contacts: ${primaries === 0 ? 'no contact is' : `${primaries} contacts are`} marked primary`, 'mark exactly one contact with `primary: true`; emails are addressed to that person');
    }
  }
  return found;
}

function formatField(path: PropertyKey[]): string {
  return path.map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : `${index ? '.' : ''}${String(segment)}`)).join('');
}

/** The relative file of an entry, found among the loaded sources (`sops/x.mdx` or `sops/x.md`). */
export function fileOf(sources: Map<string, SourceRecord>, folder: string, id: string): string {
  for (const file of sources.keys()) {
    if (file.startsWith(`${folder}/${id}.`)) return file;
  }
  return `${folder}/${id}`;
}
