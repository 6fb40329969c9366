import { formatDate } from '../dates';
import { createLibrary, type LibraryInput } from '../library';
import { buildRun, type RunItem } from '../run';
import type { ClientImpact, DiffReport, ImpactItem } from './types';

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
  const oldToNew = new Map([...renames].map(([next, old]) => [old, next]));
  const renamed = (globalId: string) => {
    const [sop, item] = globalId.split('#') as [string, string];
    return oldToNew.has(sop) ? `${oldToNew.get(sop)}#${item}` : globalId;
  };
  const slot = (item: RunItem, dateLocale: string): Slot => ({ date: item.dueDate, dateLabel: formatDate(item.dueDate, 'weekday', dateLocale), person: item.person?.name ?? null });

  const active = after.clients.filter((client) => client.contract.end >= today && before.clientById.has(client.id));
  const affected: ClientImpact[] = [];
  for (const client of active) {
    const impact: ClientImpact = { client: { id: client.id, name: client.name }, end: client.contract.end, endLabel: formatDate(client.contract.end, 'weekday', locale), items: [] };
    try {
      const oldClient = before.clientById.get(client.id)!;
      const oldPlaybook = before.playbookById.get(oldClient.playbook);
      const newPlaybook = after.playbookById.get(client.playbook);
      const oldItems = new Map(oldPlaybook ? buildRun(oldClient, oldPlaybook, before).items.map((item) => [renamed(item.globalId), item]) : []);
      const newItems = newPlaybook ? buildRun(client, newPlaybook, after).items : [];
      for (const item of newItems) {
        const previous = oldItems.get(item.globalId);
        oldItems.delete(item.globalId);
        const to = slot(item, locale);
        if (!previous) {
          impact.items.push({ change: 'added', globalId: item.globalId, task: item.task, to });
          continue;
        }
        const from = slot(previous, locale);
        if (from.date !== to.date) impact.items.push({ change: 'moved', globalId: item.globalId, task: item.task, from, to });
        else if (from.person !== to.person) impact.items.push({ change: 'reassigned', globalId: item.globalId, task: item.task, from, to });
      }
      for (const [globalId, item] of oldItems) impact.items.push({ change: 'removed', globalId, task: item.task, from: slot(item, locale) });
    } catch (error) {
      impact.error = `its checklist could not be built (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`;
    }
    const when = (item: ImpactItem) => (item.to ?? item.from)!.date;
    impact.items.sort((a, b) => when(a).localeCompare(when(b)) || a.task.localeCompare(b.task));
    if (impact.items.length > 0 || impact.error) affected.push(impact);
  }
  return { today, todayLabel: formatDate(today, 'weekday', locale), activeClients: active.length, affected };
}
