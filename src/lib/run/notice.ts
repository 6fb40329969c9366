import type { IsoDate } from '../../schemas/common';
import type { ClientEntry, Library, PlaybookEntry } from '../content/library';
import { noticeDate } from './dates';

/**
 * The notice period a client's run assumes when the client gives no notice date: its playbook's
 * `noticeDays` (a 15-day performance termination beside a 30-day standard one), else the company's.
 */
export function noticeDaysFor(library: Pick<Library, 'company'>, playbook: Pick<PlaybookEntry, 'noticeDays'> | undefined): number {
  return playbook?.noticeDays ?? library.company.noticeDays;
}

/**
 * The day notice was given for a client: its record's date, or its end minus its playbook's (or the
 * company's) notice period. `playbook` is the client's own unless given (a run built for another one).
 */
export function clientNoticeDate(
  library: Pick<Library, 'company' | 'playbookById'>,
  client: Pick<ClientEntry, 'contract' | 'playbook'>,
  playbook: Pick<PlaybookEntry, 'noticeDays'> | undefined = library.playbookById.get(client.playbook),
): IsoDate {
  return noticeDate(client.contract, noticeDaysFor(library, playbook));
}
