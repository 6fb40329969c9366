import { formatDate } from '../run/dates';
import { createLibrary, type LibraryInput } from '../content/library';
import { buildRun, type RunItem } from '../run/build-run';
import { invertRenames, renameGlobalId } from './entries';
import type { ClientImpact, DiffReport, ImpactItem } from './types';
import { UNDATED } from '../../schemas/due';

type Slot = NonNullable<ImpactItem['from']>;

/**
 * What a change does to the checklists of clients still being offboarded (contract end `today` or
 * later, present in both versions): tasks that appear, disappear, move to another date or fall to
 * another person. Each side's run is built exactly as the client's page builds it. Only client names
 * are reported, never contact data.
 */
export function clientImpact(
  base: LibraryInput,
  head: LibraryInput,
  /** SOP renames, new id → old id, so a renamed SOP's tasks are matched, not dropped and re-added. */
  renames: ReadonlyMap<string, string>,
  today: string,
): NonNullable<DiffReport['impact']> {
  const before = createLibrary(base);
  const after = createLibrary(head);
  const locale = head.company.locale;
  const oldToNew = invertRenames(renames);
  const renamed = (globalId: string) => renameGlobalId(globalId, oldToNew);
  // Formatting a date is the slow part of a big diff: only reported dates are formatted, each once.
  const labels = new Map<string, string>();
  const label = (date: string) => {
    let text = labels.get(date);
    if (text === undefined) labels.set(date, (text = formatDate(date, 'weekday', locale)));
    return text;
  };
  // An undated task (done during the run) has no date: '' and "during the run".
  const slot = (item: RunItem): Slot => ({ date: item.dueDate ?? '', dateLabel: item.dueDate ? label(item.dueDate) : UNDATED, person: item.person?.name ?? null });

  const active = after.clients.filter((client) => client.contract.end >= today && before.clientById.has(client.id));
  // A run depends on the calendar, the team, the client, its playbook and the playbook's SOPs. When
  // every one of them is the very same parsed object on both sides (the loader shares unchanged files),
  // the run cannot differ: most clients of a big library are skipped without building anything.
  const settingsSame = base.company === head.company && base.team === head.team;
  const unchanged = (client: (typeof active)[number]) => {
    const oldClient = before.clientById.get(client.id);
    const playbook = after.playbookById.get(client.playbook);
    return (
      settingsSame &&
      oldClient === client &&
      playbook !== undefined &&
      before.playbookById.get(client.playbook) === playbook &&
      playbook.sops.every(({ id }) => before.sopById.get(renames.get(id) ?? id) === after.sopById.get(id))
    );
  };
  const affected: ClientImpact[] = [];
  for (const client of active) {
    const impact: ClientImpact = { client: { id: client.id, name: client.name }, end: client.contract.end, endLabel: label(client.contract.end), items: [] };
    if (unchanged(client)) continue;
    try {
      const oldClient = before.clientById.get(client.id)!;
      const oldPlaybook = before.playbookById.get(oldClient.playbook);
      const newPlaybook = after.playbookById.get(client.playbook);
      const oldItems = new Map(oldPlaybook ? buildRun(oldClient, oldPlaybook, before, { emails: false, texts: false }).items.map((item) => [renamed(item.globalId), item]) : []);
      const newItems = newPlaybook ? buildRun(client, newPlaybook, after, { emails: false, texts: false }).items : [];
      for (const item of newItems) {
        const previous = oldItems.get(item.globalId);
        oldItems.delete(item.globalId);
        if (!previous) {
          impact.items.push({ change: 'added', globalId: item.globalId, task: item.task, to: slot(item) });
          continue;
        }
        const samePerson = (previous.person?.id ?? null) === (item.person?.id ?? null);
        if (previous.dueDate !== item.dueDate) impact.items.push({ change: 'moved', globalId: item.globalId, task: item.task, from: slot(previous), to: slot(item) });
        else if (!samePerson) impact.items.push({ change: 'reassigned', globalId: item.globalId, task: item.task, from: slot(previous), to: slot(item) });
      }
      for (const [globalId, item] of oldItems) impact.items.push({ change: 'removed', globalId, task: item.task, from: slot(item) });
    } catch (error) {
      impact.error = `its checklist could not be built (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`;
    }
    const when = (item: ImpactItem) => (item.to ?? item.from)!.date;
    impact.items.sort((a, b) => when(a).localeCompare(when(b)) || a.task.localeCompare(b.task));
    if (impact.items.length > 0 || impact.error) affected.push(impact);
  }
  return { today, todayLabel: label(today), activeClients: active.length, affected };
}
