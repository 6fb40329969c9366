import type { IsoDate, Phase, Role } from '../../schemas';
import { businessDaysBetween, daysBetween } from '../run/dates';
import { formatDue } from '../../schemas/due';
import { allPlaybookItems, type Library, type LibraryItem, type PlaybookEntry, type SopEntry } from '../content/library';
import { clientNoticeDate } from '../run/notice';

/**
 * Page view models: plain data derived from the library (the process at a glance, clients ending
 * soonest, a playbook's rows), so the .astro files only lay it out.
 */

export interface PhaseOverview {
  phase: Phase;
  sops: { sop: SopEntry; owner: Role | undefined; items: number }[];
}

/** The process at a glance: phases in order, each with its SOPs and their owners. */
export function processOverview(library: Library): PhaseOverview[] {
  return library.phases.map((phase) => ({
    phase,
    sops: library.sops
      .filter((sop) => sop.phase === phase.id)
      .map((sop) => ({ sop, owner: library.roleById.get(sop.owner), items: sop.checklist.length })),
  }));
}

/** Clients whose contract has not ended yet (or ended within `graceDays`), soonest end first. */
export function upcomingClients(library: Library, on: IsoDate, graceDays = 30) {
  return library.clients
    .filter((client) => daysBetween(client.contract.end, on) >= -graceDays)
    .map((client) => ({
      client,
      daysLeft: daysBetween(client.contract.end, on),
      workingDaysLeft: businessDaysBetween(on, client.contract.end, library.company),
      notice: clientNoticeDate(library, client),
      playbook: library.playbookById.get(client.playbook),
    }));
}

export interface PlaybookRow {
  item: LibraryItem;
  due: string;
  role: Role | undefined;
  sop: SopEntry | undefined;
  skipped: boolean;
}

/** A playbook's items in phase order (skipped items marked, extras included), with due offsets. */
export function playbookRows(library: Library, playbook: PlaybookEntry): { phase: Phase; rows: PlaybookRow[] }[] {
  const skip = new Set(playbook.skip);
  const items = allPlaybookItems(library, playbook);
  return library.phases
    .map((phase) => ({
      phase,
      rows: items
        .filter((item) => item.phase === phase.id)
        .map((item) => ({
          item,
          due: formatDue(item.due),
          role: library.roleById.get(item.owner),
          sop: library.sopById.get(item.sopId),
          skipped: skip.has(item.globalId),
        })),
    }))
    .filter((group) => group.rows.length > 0);
}
