import didYouMean from 'didyoumean2';
import { reportAs, RULE_CATALOGUE } from '../catalogue';
import type { Diagnostic } from '../diagnostics';
import { toGlobalId } from '../../content/library';
import { parseRecipient } from '../../email/render-context';
import { atPath, fieldName, fileOf, type RuleContext } from './context';

/** How hints name each kind of id in the plural. */
const PLURAL: Record<string, string> = { person: 'People', role: 'Roles', phase: 'Phases', SOP: 'SOPs', 'checklist item': 'Checklist items', 'email template': 'Email templates', playbook: 'Playbooks' };

/** Which folder an id of each kind lives in, to recognise a target that exists but failed its schema. */
const FOLDER_OF = { SOP: 'sops', 'checklist item': 'sops', 'email template': 'templates/emails', playbook: 'templates/playbooks' } as const;

/**
 * Every id that one file uses to point at another must exist: phases, roles, people, email templates,
 * SOPs, checklist items, playbooks. Astro would only log a dangling reference and build a broken page.
 */
export function referenceRules(ctx: RuleContext): Diagnostic[] {
  const { library } = ctx;
  const found: Diagnostic[] = [];
  const check = (file: string, path: PropertyKey[], id: string, known: ReadonlySet<string> | ReadonlyMap<string, unknown>, what: string, where: string) => {
    if (known.has(id)) return;
    const ids = [...known.keys()];
    const folder = FOLDER_OF[what as keyof typeof FOLDER_OF];
    // The target exists but has its own errors, already reported: one mistake, one message.
    if (folder && ctx.invalid.has(`${folder}/${id.split('#')[0]}`)) return;
    const suggestion = didYouMean(id, ids);
    found.push(
      atPath(ctx, file, path, {
        ...reportAs('reference'),
        message: `${fieldName(path)}: no ${what} "${id}"`,
        hint: suggestion ? `did you mean "${suggestion}"? ${PLURAL[what] ?? `${what}s`} are defined in ${where}.` : `use one of: ${ids.slice(0, 12).join(', ')}${ids.length > 12 ? ', …' : ''} (${where})`,
      }),
    );
  };

  const roleIds = library.roleById;
  const phaseIds = library.phaseById;
  const emailIds = library.emailById;
  const itemIds = library.itemById;

  library.team.people.forEach((person, p) =>
    person.roles.forEach((role, r) => check('content/team.yaml', ['people', p, 'roles', r], role, roleIds, 'role', 'content/team.yaml')),
  );

  for (const sop of library.sops) {
    const file = fileOf(ctx, 'sops', sop.id);
    check(file, ['phase'], sop.phase, phaseIds, 'phase', 'content/phases.yaml');
    check(file, ['owner'], sop.owner, roleIds, 'role', 'content/team.yaml');
    sop.checklist.forEach((item, i) => {
      if (item.owner) check(file, ['checklist', i, 'owner'], item.owner, roleIds, 'role', 'content/team.yaml');
      if (item.email) check(file, ['checklist', i, 'email'], item.email, emailIds, 'email template', 'templates/emails/');
      item.after.forEach((ref, a) => check(file, ['checklist', i, 'after', a], toGlobalId(ref, sop.id), itemIds, 'checklist item', 'the SOPs (write <sop-id>#<item-id> for another SOP)'));
    });
  }

  for (const email of library.emails) {
    const ref = parseRecipient(email.to);
    if (ref.kind === 'team') check(fileOf(ctx, 'templates/emails', email.id), ['to'], ref.role, roleIds, 'role', 'content/team.yaml');
  }

  for (const playbook of library.playbooks) {
    const file = fileOf(ctx, 'templates/playbooks', playbook.id);
    playbook.sops.forEach((entry, s) => check(file, ['sops', s], entry.id, library.sopById, 'SOP', 'sops/'));
    playbook.skip.forEach((ref, s) => check(file, ['skip', s], ref, itemIds, 'checklist item', 'the SOPs (write <sop-id>#<item-id>)'));
    const withExtras = new Set([...itemIds.keys(), ...playbook.extra.map((item) => `${playbook.id}#${item.id}`)]);
    playbook.extra.forEach((item, e) => {
      check(file, ['extra', e, 'phase'], item.phase, phaseIds, 'phase', 'content/phases.yaml');
      check(file, ['extra', e, 'owner'], item.owner, roleIds, 'role', 'content/team.yaml');
      if (item.email) check(file, ['extra', e, 'email'], item.email, emailIds, 'email template', 'templates/emails/');
      item.after.forEach((ref, a) => check(file, ['extra', e, 'after', a], toGlobalId(ref, playbook.id), withExtras, 'checklist item', 'the SOPs'));
    });
  }

  for (const client of library.clients) {
    const file = fileOf(ctx, 'content/clients', client.id);
    check(file, ['playbook'], client.playbook, library.playbookById, 'playbook', 'templates/playbooks/');
    for (const [role, person] of Object.entries(client.team)) {
      check(file, ['team', role], role, roleIds, 'role', 'content/team.yaml');
      const member = library.personById.get(person);
      if (!member) {
        check(file, ['team', role], person, library.personById, 'person', 'content/team.yaml');
      } else if (roleIds.has(role) && !member.roles.includes(role)) {
        found.push(
          atPath(ctx, file, ['team', role], {
            rule: 'reference',
            severity: RULE_CATALOGUE.reference.also.severity,
            message: `team.${role}: ${member.name} does not hold the role "${role}" in content/team.yaml`,
            hint: `add "${role}" to ${member.id}'s roles, or pick someone who holds it`,
          }),
        );
      }
    }
  }
  return found;
}

/** Ids that must be unique within a file: roles, people, phases, checklist items, playbook extras. */
export function duplicateIdRules(ctx: RuleContext): Diagnostic[] {
  const found: Diagnostic[] = [];
  const scan = (file: string, list: readonly { id: string }[], path: PropertyKey[], what: string) => {
    const first = new Map<string, number>();
    list.forEach((entry, index) => {
      const earlier = first.get(entry.id);
      if (earlier === undefined) first.set(entry.id, index);
      else
        found.push(
          atPath(ctx, file, [...path, index, 'id'], {
            ...reportAs('duplicate-id'),
            message: `${fieldName([...path, index, 'id'])}: the ${what} id "${entry.id}" is already used by ${fieldName([...path, earlier])}`,
            hint: 'give each one its own id; ids are how other files refer to it',
          }),
        );
    });
  };
  const { library } = ctx;
  scan('content/team.yaml', library.team.roles, ['roles'], 'role');
  scan('content/team.yaml', library.team.people, ['people'], 'person');
  scan('content/phases.yaml', library.phases, [], 'phase');
  for (const sop of library.sops) scan(fileOf(ctx, 'sops', sop.id), sop.checklist, ['checklist'], 'checklist item');
  for (const playbook of library.playbooks) scan(fileOf(ctx, 'templates/playbooks', playbook.id), playbook.extra, ['extra'], 'extra item');
  found.push(...varTypeConflicts(ctx));
  return found;
}

/**
 * A question asked by a playbook and declared twice with two types (by the playbook and one of its
 * SOPs, or by two of its SOPs) is an error at both declarations: one client answer cannot be both.
 */
function varTypeConflicts(ctx: RuleContext): Diagnostic[] {
  const { library } = ctx;
  const found = new Map<string, Diagnostic>();
  for (const playbook of library.playbooks) {
    const own = library.playbookById.get(playbook.id);
    const declarations = new Map<string, { file: string; where: string; type: string }[]>();
    const declare = (file: string, where: string, vars: Record<string, { type: string }>) => {
      for (const [name, spec] of Object.entries(vars)) {
        const list = declarations.get(name) ?? [];
        list.push({ file, where, type: spec.type });
        declarations.set(name, list);
      }
    };
    // The playbook's own declarations: the merged `vars` minus those its SOPs brought.
    const sopVars = playbook.sops.map(({ id }) => library.sopById.get(id)).filter((sop) => sop !== undefined);
    const fromSops = new Set(sopVars.flatMap((sop) => Object.keys(sop.vars)));
    const ownVars = Object.fromEntries(Object.entries(own?.vars ?? {}).filter(([name, spec]) => !fromSops.has(name) || !sopVars.some((sop) => sop.vars[name] === spec)));
    declare(fileOf(ctx, 'templates/playbooks', playbook.id), `the playbook "${playbook.id}"`, ownVars);
    for (const sop of sopVars) declare(fileOf(ctx, 'sops', sop.id), `the SOP "${sop.id}"`, sop.vars);
    for (const [name, list] of declarations) {
      const types = new Set(list.map((declaration) => declaration.type));
      if (types.size < 2) continue;
      for (const declaration of list) {
        const others = list.filter((other) => other.type !== declaration.type).map((other) => `${other.where} declares it as a ${other.type}`);
        const key = `${declaration.file} ${name}`;
        if (found.has(key)) continue;
        found.set(
          key,
          atPath(ctx, declaration.file, ['vars', name, 'type'], {
            ...reportAs('duplicate-id'),
            message: `vars.${name}: declared as a ${declaration.type} here, but ${others.join(' and ')} (the playbook "${playbook.id}" asks both)`,
            hint: `declare ${name} with one type everywhere, or rename one of the questions`,
          }),
        );
      }
    }
  }
  return [...found.values()];
}
