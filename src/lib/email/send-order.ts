import type { Due, IsoDate } from '../../schemas';
import { emailSenders, playbookRunItems, type EmailEntry, type Library, type LibraryItem } from '../content/library';
import { resolveDue } from '../run/dates';
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
 */
export function emailSendingItems(library: Library, emailId: string): LibraryItem[] {
  const seen = new Set<string>();
  const items: LibraryItem[] = [];
  const add = (item: LibraryItem) => {
    if (item.email === emailId && !seen.has(item.globalId)) {
      seen.add(item.globalId);
      items.push(item);
    }
  };
  for (const playbook of library.playbooks) playbookRunItems(library, playbook).forEach(add);
  emailSenders(library, emailId).forEach(add);
  return items;
}

/**
 * Emails in the order a run sends them: each dated with the sample client's contract (notice and end
 * dates, the company's calendar), since a `notice+2bd` and a `-21d` only compare on real dates. Emails
 * no task sends and with no `send:` come last, by title.
 */
export function emailsInSendOrder(library: Library): ScheduledEmail[] {
  const client = sampleClient(library);
  const anchors = { end: client.contract.end, notice: clientNoticeDate(library, client) };
  const dated = library.emails.map((email) => {
    const due = email.send ?? emailSendingItems(library, email.id)[0]?.due ?? null;
    const date: IsoDate | null = due ? resolveDue(due, anchors, library.company) : null;
    return { email, due, date };
  });
  return dated
    .sort((a, b) => (a.date ?? '9999').localeCompare(b.date ?? '9999') || a.email.title.localeCompare(b.email.title))
    .map(({ email, due }) => ({ email, due }));
}
