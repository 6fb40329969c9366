import type { DoneEntry } from '../../schemas';
import type { ClientEntry, LibraryInput } from '../content/library';
import { formatDate } from '../run/dates';
import { fieldChanges, PRIVATE_FIELD } from './fields';
import type { Labels } from './labels';
import { DONE_ENTRY_SPEC } from './spec';
import type { RecordChange, RecordedTask } from './types';

/**
 * What a change does to the clients' shared records (`done:`), gathered per person and client so the
 * report can say "Theo Okafor recorded 3 tasks done for Northwind Studio". Each entry is compared by
 * `DONE_ENTRY_SPEC`: the day and the person are shown; a note or an answer is client data, so a change
 * to one is only counted. A client that is new brings its records with it; a removed client's records
 * go with it (the client section says so) and are not listed as undone.
 */
export function diffRecords(base: LibraryInput, head: LibraryInput, labels: Labels): RecordChange[] {
  const locale = head.company.locale;
  const before = new Map(base.clients.map((client) => [client.id, client]));
  const changes = new Map<string, RecordChange>();
  const changeFor = (client: ClientEntry, personId: string) => {
    const key = `${client.id}\0${personId}`;
    let change = changes.get(key);
    if (!change) {
      changes.set(key, (change = { client: { id: client.id, name: client.name }, person: { id: personId, name: labels.person(personId) }, recorded: [], undone: [], redated: [], reassigned: [], details: [] }));
    }
    return change;
  };
  const task = (globalId: string, on: string): RecordedTask => ({ globalId, task: labels.task(globalId), on, onLabel: formatDate(on, 'day', locale) });
  // Own keys only: a task id is data, and `done` is a plain object.
  const own = (done: Record<string, DoneEntry>, id: string) => (Object.hasOwn(done, id) ? done[id] : undefined);

  for (const client of head.clients) {
    const was = before.get(client.id)?.done ?? {};
    const is = client.done;
    for (const id of new Set([...Object.keys(is), ...Object.keys(was)])) {
      const [from, to] = [own(was, id), own(is, id)];
      if (!from && to) changeFor(client, to.by).recorded.push(task(id, to.on));
      else if (from && !to) changeFor(client, from.by).undone.push(task(id, from.on));
      else if (from && to) {
        const fields = fieldChanges(DONE_ENTRY_SPEC, from, to, labels);
        const change = changeFor(client, to.by);
        if (from.by !== to.by) change.reassigned.push({ ...task(id, to.on), fromPerson: { id: from.by, name: labels.person(from.by) } });
        else if (from.on !== to.on) change.redated.push({ ...task(id, to.on), from: from.on, fromLabel: formatDate(from.on, 'day', locale) });
        if (fields.some((field) => field.field === PRIVATE_FIELD.field)) change.details.push(task(id, to.on));
      }
    }
  }
  const isEmpty = (change: RecordChange) => [change.recorded, change.undone, change.redated, change.reassigned, change.details].every((list) => list.length === 0);
  return [...changes.values()]
    .filter((change) => !isEmpty(change))
    .sort((a, b) => a.client.name.localeCompare(b.client.name) || a.person.name.localeCompare(b.person.name));
}
