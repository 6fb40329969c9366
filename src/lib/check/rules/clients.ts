import didYouMean from 'didyoumean2';
import { dateProblem, type VarType } from '../../../schemas';
import { daysBetween, noticeDate } from '../../run/dates';
import { reportAs } from '../catalogue';
import type { Diagnostic } from '../diagnostics';
import { playbookRunItems } from '../../content/library';
import { atPath, fileOf, type RuleContext } from './context';

/** How each declared variable type is recognised in a client's answers. */
const VAR_TYPE_CHECK: Record<VarType, (value: unknown) => boolean> = {
  boolean: (value) => typeof value === 'boolean',
  string: (value) => typeof value === 'string',
  number: (value) => typeof value === 'number',
  date: (value) => typeof value === 'string' && dateProblem(value) === null,
};

/** A client record must be runnable: staffed roles, one primary contact, sane dates, typed answers. */
export function clientRules(ctx: RuleContext): Diagnostic[] {
  const { library } = ctx;
  const found: Diagnostic[] = [];
  for (const client of library.clients) {
    const file = fileOf(ctx, 'content/clients', client.id);
    const at = (path: PropertyKey[], message: string, hint: string, key?: string) =>
      found.push(atPath(ctx, file, path, { ...reportAs('client'), message, hint }, key));

    const primaries = client.contacts.filter((contact) => contact.primary).length;
    if (primaries !== 1) {
      at(['contacts'], `contacts: ${primaries === 0 ? 'no contact is' : `${primaries} contacts are`} marked primary`, 'mark exactly one contact with `primary: true`; client emails are addressed to that person');
    }
    if (daysBetween(client.contract.end, client.contract.start) <= 0) {
      at(['contract', 'end'], `contract.end (${client.contract.end}) is not after contract.start (${client.contract.start})`, 'check the two dates; the end is the last day of the contract');
    }
    const notice = noticeDate(client.contract, library.company.noticeDays);
    if (client.contract.notice && daysBetween(client.contract.end, notice) < 0) {
      at(['contract', 'notice'], `contract.notice (${notice}) is after contract.end (${client.contract.end})`, 'notice is the day the ending was announced, before the end date');
    }

    const playbook = library.playbookById.get(client.playbook);
    if (!playbook) continue; // reported by the reference rule
    const roles = new Set(playbookRunItems(library, playbook).map((item) => item.owner));
    for (const role of roles) {
      if (client.team[role] || !library.roleById.has(role)) continue;
      const candidates = library.team.people.filter((person) => person.roles.includes(role)).map((person) => person.id);
      at(['team'], `team: nobody is assigned the role "${role}", which the playbook "${playbook.id}" needs`, `add \`${role}: ${candidates[0] ?? '<person-id>'}\` under team${candidates.length > 1 ? ` (people who hold it: ${candidates.join(', ')})` : ''}`);
    }

    for (const [name, spec] of Object.entries(playbook.vars)) {
      if (!(name in client.vars)) {
        if (spec.default === undefined) at(['vars'], `vars.${name}: the playbook "${playbook.id}" asks "${spec.description}" and this client does not answer`, `add \`${name}:\` (a ${spec.type}) under vars`);
        continue;
      }
      if (!VAR_TYPE_CHECK[spec.type](client.vars[name])) {
        at(['vars', name], `vars.${name}: expected a ${spec.type}, found ${JSON.stringify(client.vars[name])}`, `the playbook "${playbook.id}" declares ${name} as a ${spec.type}`);
      }
    }
    for (const name of Object.keys(client.vars)) {
      if (name in playbook.vars) continue;
      const suggestion = didYouMean(name, Object.keys(playbook.vars));
      at(['vars'], `vars.${name}: the playbook "${playbook.id}" does not ask this`, suggestion ? `did you mean \`${suggestion}\`?` : `remove it, or declare it under vars in templates/playbooks/${playbook.id}.yaml`, name);
    }
  }
  return found;
}
