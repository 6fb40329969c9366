import { describeDue, parseDue, UNDATED } from '../../schemas/due';
import type { LibraryInput } from '../content/library';
import type { FieldValue } from './types';

/** Look-ups for labels, preferring the head version's names. */
export function labeller(base: LibraryInput, head: LibraryInput) {
  const roles = new Map([...base.team.roles, ...head.team.roles].map((role) => [role.id, role.title]));
  const people = new Map([...base.team.people, ...head.team.people].map((person) => [person.id, person.name]));
  const phases = new Map([...base.phases, ...head.phases].map((phase) => [phase.id, phase.title]));
  const emails = new Map([...base.emails, ...head.emails].map((email) => [email.id, email.title]));
  const sops = new Map([...base.sops, ...head.sops].map((sop) => [sop.id, sop.title]));
  let tasks: Map<string, string> | undefined; // built on first use: most diffs never name a dependency
  const taskMap = () => {
    if (tasks) return tasks;
    tasks = new Map();
    for (const side of [base, head]) {
      for (const sop of side.sops) for (const item of sop.checklist) tasks.set(`${sop.id}#${item.id}`, item.task);
      for (const playbook of side.playbooks) for (const item of playbook.extra) tasks.set(`${playbook.id}#${item.id}`, item.task);
    }
    return tasks;
  };
  return {
    role: (id: string) => roles.get(id) ?? id,
    person: (id: string) => people.get(id) ?? id,
    phase: (id: string) => phases.get(id) ?? id,
    email: (id: string) => emails.get(id) ?? id,
    sop: (id: string) => sops.get(id) ?? id,
    task: (globalId: string) => taskMap().get(globalId) ?? globalId,
  };
}
export type Labels = ReturnType<typeof labeller>;

const list = (value: FieldValue) => (Array.isArray(value) ? (value as string[]) : []);
const text = (say: (id: string) => string) => (value: FieldValue) => (typeof value === 'string' ? say(value) : undefined);

/**
 * How a value reads in words beside its raw form, by name: a field spec says `words: 'role'` and the
 * report shows "Account lead" for `lead`. `means` is what the spec table says about it.
 */
export const WORDS = {
  role: { means: "the role's title", say: (value: FieldValue, l: Labels) => text(l.role)(value) },
  roles: { means: 'the roles’ titles, or “none”', say: (value: FieldValue, l: Labels) => list(value).map(l.role).join(', ') || 'none' },
  person: { means: "the person's name", say: (value: FieldValue, l: Labels) => text(l.person)(value) },
  phase: { means: "the phase's title", say: (value: FieldValue, l: Labels) => text(l.phase)(value) },
  email: { means: "the email template's title", say: (value: FieldValue, l: Labels) => text(l.email)(value) },
  due: {
    means: 'the offset in words (“14 days before the contract end”), “during the run” for an undated task',
    say: (value: FieldValue) => {
      // An undated task's value is already words: "during the run", not an offset to parse.
      if (value === UNDATED) return UNDATED;
      const due = typeof value === 'string' ? parseDue(value) : null;
      return due && !('error' in due) ? describeDue(due) : undefined;
    },
  },
  required: { means: '“required” or “optional”', say: (value: FieldValue) => (value ? 'required' : 'optional') },
  tasks: { means: 'the tasks’ text, quoted, or “nothing”', say: (value: FieldValue, l: Labels) => list(value).map((id) => `“${l.task(id)}”`).join(', ') || 'nothing' },
  team: {
    means: 'role title: person’s name, for each role',
    say: (value: FieldValue, l: Labels) =>
      list(value)
        .map((entry) => {
          const [role, person] = entry.split(': ') as [string, string];
          return `${l.role(role)}: ${l.person(person)}`;
        })
        .join(', '),
  },
} as const satisfies Record<string, { means: string; say: (value: FieldValue, labels: Labels) => string | undefined }>;
export type Words = keyof typeof WORDS;
