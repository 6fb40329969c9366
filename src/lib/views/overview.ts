import type { IsoDate, Phase, Role } from '../../schemas';
import { addDuration, businessDaysBetween, daysBetween, noticeDate, today } from '../run/dates';
import { formatDue } from '../../schemas/due';
import { allPlaybookItems, type ClientEntry, type Library, type LibraryItem, type PlaybookEntry, type SopEntry } from '../content/library';

/** View models for pages: plain data derived from the library, so the .astro files only lay it out. */

/** Today in the company's time zone, or a fixed date for reproducible builds (`SENDOFF_TODAY=2026-11-25`). */
export function siteToday(library: Library, override = process.env.SENDOFF_TODAY): IsoDate {
  return override && /^\d{4}-\d{2}-\d{2}$/.test(override) ? override : today(library.company.timezone);
}

export type ReviewState = { state: 'none' } | { state: 'ok' | 'due-soon' | 'overdue'; next: IsoDate; lastReviewed: IsoDate };

/** Whether an SOP's review is current, due within 30 days, or overdue. */
export function reviewStatus(sop: SopEntry, on: IsoDate): ReviewState {
  if (!sop.review) return { state: 'none' };
  const next = addDuration(sop.review.lastReviewed, sop.review.every);
  const left = daysBetween(next, on);
  return { state: left < 0 ? 'overdue' : left <= 30 ? 'due-soon' : 'ok', next, lastReviewed: sop.review.lastReviewed };
}

/** SOPs whose review is overdue or due within 30 days, most urgent first. */
export function reviewsDue(library: Library, on: IsoDate) {
  return library.sops
    .map((sop) => ({ sop, review: reviewStatus(sop, on) }))
    .filter((entry): entry is { sop: SopEntry; review: Extract<ReviewState, { next: IsoDate }> } => entry.review.state === 'overdue' || entry.review.state === 'due-soon')
    .sort((a, b) => a.review.next.localeCompare(b.review.next));
}

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
      notice: noticeDate(client.contract, library.company.noticeDays),
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

/** The client record's people for display: role title → person name. */
export function clientTeam(library: Library, client: ClientEntry) {
  return Object.entries(client.team).map(([role, person]) => ({
    role: library.roleById.get(role)?.title ?? role,
    person: library.personById.get(person),
  }));
}

/** Page URL helpers: one place that knows the site's routes. */
export const href = {
  home: () => '/',
  sops: () => '/sops/',
  sop: (id: string) => `/sops/${id}/`,
  item: (globalId: string) => {
    const [sop, item] = globalId.split('#');
    return `/sops/${sop}/#item-${item}`;
  },
  emails: () => '/emails/',
  email: (id: string) => `/emails/${id}/`,
  playbooks: () => '/playbooks/',
  playbook: (id: string) => `/playbooks/${id}/`,
  clients: () => '/clients/',
  client: (id: string) => `/clients/${id}/`,
  phase: (id: string) => `/sops/#phase-${id}`,
};
