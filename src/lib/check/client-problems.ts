import didYouMean from 'didyoumean2';
import { choiceProblem, dateProblem, VAR_TYPE_CHECK } from '../../schemas';
import { dayOfWeek, daysBetween, isWorkingDay, toWorkingDay } from '../run/dates';
import { playbookRunItems, type ClientEntry, type Library, type PlaybookEntry } from '../content/library';
import { reportAs, type RuleId, type Severity } from './catalogue';
import { clientNoticeDate } from '../run/notice';
import { parseRecipient } from '../email/render-context';

/**
 * What makes a client record unrunnable, or runnable with a catch, judged by one pure function for
 * both `sendoff check` (which positions each problem at its YAML path in `content/clients/<id>.yaml`)
 * and `/generate/` (which shows it next to the form field for that path). No file, no position, no
 * DOM: plain data in, plain data out, so the two can never judge a client differently.
 */
export interface ClientProblem {
  rule: RuleId;
  severity: Severity;
  /** The field in the client record (`['contract', 'end']`, `['team', 'finance']`). */
  path: PropertyKey[];
  /** For a key that should not be there (an answer to no question): the key, to point at it. */
  key?: string;
  /** What is wrong, with the field path, as `check` prints it. */
  message: string;
  /** How to fix it in the client file. */
  hint: string;
}

/** The roles a playbook's items are owned by, worked out once per library and playbook (every client of it asks). */
const rolesOf = new WeakMap<Library, WeakMap<PlaybookEntry, Set<string>>>();
function playbookRoles(library: Library, playbook: PlaybookEntry): Set<string> {
  let byPlaybook = rolesOf.get(library);
  if (!byPlaybook) rolesOf.set(library, (byPlaybook = new WeakMap()));
  let roles = byPlaybook.get(playbook);
  if (!roles) byPlaybook.set(playbook, (roles = new Set(playbookRunItems(library, playbook).map((item) => item.owner))));
  return roles;
}

const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** A client record must be runnable: staffed roles, one primary contact, sane dates, typed answers. */
export function clientProblems(library: Library, client: ClientEntry): ClientProblem[] {
  const found: ClientProblem[] = [];
  const add = (rule: RuleId, path: PropertyKey[], message: string, hint: string, key?: string) =>
    found.push({ ...reportAs(rule), path, message, hint, ...(key === undefined ? {} : { key }) });
  const { company } = library;
  const { contract } = client;

  const primaries = client.contacts.filter((contact) => contact.primary).length;
  if (primaries !== 1) {
    add('client', ['contacts'], `contacts: ${primaries === 0 ? 'no contact is' : `${primaries} contacts are`} marked primary`, 'mark exactly one contact with `primary: true`; client emails are addressed to that person');
  }
  if (daysBetween(contract.end, contract.start) <= 0) {
    add('client', ['contract', 'end'], `contract.end (${contract.end}) is not after contract.start (${contract.start})`, 'check the two dates; the end is the last day of the contract');
  }
  const notice = clientNoticeDate(library, client);
  if (contract.notice && daysBetween(contract.end, notice) < 0) {
    add('client', ['contract', 'notice'], `contract.notice (${notice}) is after contract.end (${contract.end})`, 'notice is the day the ending was announced, before the end date');
  }
  if (!isWorkingDay(contract.end, company)) {
    const why = company.holidays.includes(contract.end) ? 'a holiday in content/company.yaml' : `a ${WEEKDAY_NAMES[dayOfWeek(contract.end) - 1]}`;
    const moved = toWorkingDay(contract.end, company.dueOnDayOff, company);
    const tasks = moved === contract.end ? 'tasks due on the end date stay on it' : `tasks due on the end date move to ${moved}`;
    add('end-day-off', ['contract', 'end'], `contract.end (${contract.end}) is ${why}, not a working day`, `if the last working day is another day, write that; ${tasks} (\`dueOnDayOff: ${company.dueOnDayOff}\` in content/company.yaml)`);
  }

  const playbook = library.playbookById.get(client.playbook);
  if (!playbook) return found; // reported by the reference rule
  const roles = playbookRoles(library, playbook);
  for (const role of roles) {
    if (Object.hasOwn(client.team, role) || !library.roleById.has(role)) continue;
    const candidates = library.team.people.filter((person) => person.roles.includes(role)).map((person) => person.id);
    add('unstaffed-role', ['team', role], `team: nobody is assigned the role "${role}", which the playbook "${playbook.id}" needs`, `add \`${role}: ${candidates[0] ?? '<person-id>'}\` under team${candidates.length > 1 ? ` (people who hold it: ${candidates.join(', ')})` : ''}`);
  }

  // Each email the run sends must reach someone: a contact with the role its `to:` names, a team member.
  const addressed = new Set<string>();
  for (const item of playbookRunItems(library, playbook)) {
    const email = item.email ? library.emailById.get(item.email) : undefined;
    if (!email?.to || addressed.has(email.to)) continue;
    addressed.add(email.to);
    const ref = parseRecipient(email.to);
    if (ref.kind === 'client' && ref.role !== null && !client.contacts.some((contact) => contact.role === ref.role)) {
      add('client', ['contacts'], `contacts: no contact has \`role: ${ref.role}\`, and the email "${email.id}" goes to \`${email.to}\``, `add \`role: ${ref.role}\` to the contact who receives it (or a new contact with name, email and \`role: ${ref.role}\`)`);
    } else if (ref.kind === 'team' && !Object.hasOwn(client.team, ref.role) && library.roleById.has(ref.role) && !roles.has(ref.role)) {
      const candidates = library.team.people.filter((person) => person.roles.includes(ref.role)).map((person) => person.id);
      add('unstaffed-role', ['team', ref.role], `team: nobody is assigned the role "${ref.role}", and the email "${email.id}" goes to \`${email.to}\``, `add \`${ref.role}: ${candidates[0] ?? '<person-id>'}\` under team`);
    }
  }

  // Own keys only: a question or answer may be called `constructor` or `toString` like any other.
  for (const [name, spec] of Object.entries(playbook.vars)) {
    if (!Object.hasOwn(client.vars, name)) {
      if (spec.default === undefined) add('client', ['vars', name], `vars.${name}: the playbook "${playbook.id}" asks "${spec.description}" and this client does not answer`, `add \`${name}:\` (${spec.type === 'choice' && spec.options ? `one of ${spec.options.join(', ')}` : spec.type === 'list' ? 'a list such as [first, second]' : `a ${spec.type}`}) under vars; it has no default, so every client of the playbook must answer it`);
      continue;
    }
    const answer = client.vars[name]!;
    if (spec.type === 'choice' && spec.options && typeof answer === 'string' && !spec.options.includes(answer)) {
      add('client', ['vars', name], `vars.${name}: ${choiceProblem(answer, spec.options)}`, `the playbook "${playbook.id}" declares ${name} as a choice of ${spec.options.join(', ')}`);
    } else if (!VAR_TYPE_CHECK[spec.type](answer)) {
      // A date that is not one says why ("February 2027 has 28 days"), as the schemas' dates do.
      const why = spec.type === 'date' && typeof answer === 'string' ? dateProblem(answer) : null;
      add('client', ['vars', name], `vars.${name}: ${why ?? `expected a ${spec.type}, found ${JSON.stringify(answer)}`}`, `the playbook "${playbook.id}" declares ${name} as a ${spec.type}`);
    }
  }
  for (const name of Object.keys(client.vars)) {
    if (Object.hasOwn(playbook.vars, name)) continue;
    const suggestion = didYouMean(name, Object.keys(playbook.vars));
    add('client', ['vars'], `vars.${name}: the playbook "${playbook.id}" does not ask this`, suggestion ? `did you mean \`${suggestion}\`?` : `remove it, or declare it under vars in templates/playbooks/${playbook.id}.yaml`, name);
  }
  return found;
}
