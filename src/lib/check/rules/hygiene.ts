import { reportAs } from '../catalogue';
import type { Diagnostic } from '../diagnostics';
import { formatDue, type Due } from '../../../schemas/due';
import { emailSendingItems } from '../../email/send-order';
import { reviewStatus } from '../../views/review';
import { atPath, fileOf, type RuleContext } from './context';

/** Beyond this many days from its anchor a due offset is almost certainly a typo (`-300d` for `-30d`). */
const MAX_OFFSET_DAYS = 365;

/** Warnings that keep a library healthy: overdue reviews, unused emails, far-off dates. */
export function hygieneRules(ctx: RuleContext): Diagnostic[] {
  const { library } = ctx;
  const found: Diagnostic[] = [];
  for (const sop of library.sops) {
    const file = fileOf(ctx, 'sops', sop.id);
    const review = reviewStatus(sop, ctx.today);
    if (review.state === 'overdue') {
      found.push(
        atPath(ctx, file, ['review', 'lastReviewed'], {
          ...reportAs('review-overdue'),
          message: `review overdue: last reviewed ${review.lastReviewed}, due again ${review.next}`,
          hint: 'check the SOP against how the team works today, then update review.lastReviewed',
        }),
      );
    }
    sop.checklist.forEach((item, i) => {
      if (!item.due || Math.abs(item.due.days) <= MAX_OFFSET_DAYS) return;
      found.push(
        atPath(ctx, file, ['checklist', i, 'due'], {
          ...reportAs('due-range'),
          message: `checklist[${i}].due: ${formatDue(item.due)} is more than ${MAX_OFFSET_DAYS} days from its anchor`,
          hint: 'check for an extra digit; offsets count from the contract end or the notice date',
        }),
      );
    });
  }
  const used = new Set([
    ...[...library.itemById.values()].flatMap((item) => (item.email ? [item.email] : [])),
    ...library.playbooks.flatMap((playbook) => playbook.extra.flatMap((item) => (item.email ? [item.email] : []))),
  ]);
  // With an SOP or playbook that failed its schema, we cannot know which emails it sends.
  const complete = ![...ctx.invalid].some((id) => id.startsWith('sops/') || id.startsWith('templates/playbooks/'));
  for (const email of complete ? library.emails : []) {
    if (used.has(email.id)) continue;
    found.push({
      file: fileOf(ctx, 'templates/emails', email.id),
      line: 1,
      column: 1,
      ...reportAs('unused-email'),
      message: `no SOP or playbook sends the email "${email.id}"`,
      hint: 'add `email: ' + email.id + '` to the checklist item that sends it, or delete the template',
    });
  }
  return found;
}

const sameDue = (a: Due | undefined, b: Due) => a?.anchor === b.anchor && a.from === b.from && a.days === b.days && a.unit === b.unit;

/**
 * An email's `send:` against the tasks that send it: a run dates the email by its task, the email
 * pages and their order by `send:`, so the two should agree with at least one task.
 */
export function sendTimeRules(ctx: RuleContext): Diagnostic[] {
  const { library } = ctx;
  return library.emails.flatMap((email) => {
    if (!email.send) return [];
    const items = emailSendingItems(library, email.id);
    if (items.length === 0 || items.some((item) => sameDue(item.due, email.send!))) return [];
    const dues = [...new Set(items.map((item) => formatDue(item.due)))];
    const task = (item: (typeof items)[number]) => `“${item.task}” (${item.globalId})`;
    const which =
      items.length === 1
        ? `the task that sends it, ${task(items[0]!)}, is due ${dues[0]}`
        : `the tasks that send it are due ${items.map((item) => `${formatDue(item.due)} (${task(item)})`).join(', ')}`;
    return [
      atPath(ctx, fileOf(ctx, 'templates/emails', email.id), ['send'], {
        ...reportAs('send-time'),
        message: `send: ${formatDue(email.send)}, but ${which}`,
        hint: `write \`send: ${dues[0]}\` (runs go by the task's due), or change the task's \`due:\` if the email is right`,
      }),
    ];
  });
}
