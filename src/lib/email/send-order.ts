import type { Due, IsoDate } from '../../schemas';
import { itemsBy, NO_ITEMS, perLibrary, playbookRunItems, type EmailEntry, type Library, type LibraryItem } from '../content/library';
import { resolveDue, toWorkingDay } from '../run/dates';
import { anchorItemId, resolveAnchoredDates, type AnchorNode } from '../run/anchors';
import { sampleClient } from './sample-client';
import { clientNoticeDate } from '../run/notice';

/** An email with when a run sends it. */
export interface ScheduledEmail {
  email: EmailEntry;
  /** Its `send:`, else the due of the first task that sends it; null when neither says. */
  due: Due | null;
}

/**
 * The tasks that send an email: every playbook's run items in playbook order (extras included), then
 * SOP items no playbook runs. The first of them is the one a run reaches first in the playbooks.
 * Worked out for every email at once, once per library (`perLibrary`): a check and the email pages ask
 * for each email, and each asking went through every playbook's items.
 */
export function emailSendingItems(library: Library, emailId: string): LibraryItem[] {
  return sendingByEmail(library).get(emailId) ?? NO_ITEMS;
}

const sendingByEmail = perLibrary((library) => {
  const seen = new Set<string>();
  const items = [...library.playbooks.flatMap((playbook) => playbookRunItems(library, playbook)), ...library.itemById.values()];
  return itemsBy(
    items.filter((item) => {
      const key = `${item.email}\0${item.globalId}`;
      if (!item.email || seen.has(key)) return false;
      seen.add(key);
      return true;
    }),
    (item) => item.email,
  );
});

/**
 * Emails in the order a run sends them: each dated with the sample client's contract (notice and end
 * dates, the company's calendar), since a `notice+2bd` and a `-21d` only compare on real dates. A date
 * that counts from another task (`send-final-invoice+15d`) counts from that task's date, as in a run
 * (anchors.ts); in an email's `send:`, a task named without its SOP is one of the SOP of the first task
 * that sends the email. Emails no task sends and with no `send:` come last, by title, and so do those
 * whose anchor gives no date (a date var the sample client does not answer).
 */
export function emailsInSendOrder(library: Library): ScheduledEmail[] {
  const client = sampleClient(library);
  const anchors = { end: client.contract.end, notice: clientNoticeDate(library, client) };
  const { company } = library;
  const taskDates = resolveAnchoredDates(libraryNodes(library), (due, from) => {
    const scheduled = resolveDue(due, anchors, company, from);
    return scheduled === null ? null : { scheduled, dueDate: toWorkingDay(scheduled, company.dueOnDayOff, company) };
  });
  const dated = library.emails.map((email) => {
    const sender = emailSendingItems(library, email.id)[0];
    const due = email.send ?? sender?.due ?? null;
    let date: IsoDate | null = null;
    if (!email.send) date = sender ? (taskDates.get(sender.globalId)?.dueDate ?? null) : null;
    else {
      const scope = sender ? sender.globalId.slice(0, sender.globalId.lastIndexOf('#')) : '';
      const target = anchorItemId(email.send, scope);
      date = resolveDue(email.send, anchors, company, target ? (taskDates.get(target)?.dueDate ?? null) : null);
    }
    return { email, due, date };
  });
  return dated
    .sort((a, b) => (a.date ?? '9999').localeCompare(b.date ?? '9999') || a.email.title.localeCompare(b.email.title))
    .map(({ email, due }) => ({ email, due }));
}

/** Every task of the library once (SOP items, then each playbook's extras), as anchor resolution sees it. */
function libraryNodes(library: Library): AnchorNode[] {
  const nodes = new Map<string, AnchorNode>();
  for (const item of library.itemById.values()) nodes.set(item.globalId, { id: item.globalId, due: item.due ?? null });
  for (const playbook of library.playbooks) {
    for (const item of playbookRunItems(library, playbook)) if (!nodes.has(item.globalId)) nodes.set(item.globalId, { id: item.globalId, due: item.due ?? null });
  }
  return [...nodes.values()];
}
