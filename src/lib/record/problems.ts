import didYouMean from 'didyoumean2';
import type { IsoDate } from '../../schemas';
import type { ClientEntry, Library } from '../content/library';
import { RULE_CATALOGUE, type Severity } from '../check/catalogue';
import { answerProblem } from './answers';
import { notInRun, runScope } from './scope';

/** One thing wrong with a client's `done:` record, at a YAML path of the client file. */
export interface RecordProblem {
  severity: Severity;
  /** The field (`['done', 'pay#invoice', 'on']`). */
  path: PropertyKey[];
  /** For the entry's own key (an id not in the run), the key, to point at it. */
  key?: string;
  message: string;
  hint: string;
}

/**
 * What is wrong with a client's record (`done:`), judged against its run and `today` (the date `check`
 * resolves: `--today`, `SENDOFF_TODAY`, or today in the team's time zone):
 * - a task that is not in the client's run (did you mean; or exactly why it is left out: `skip`, `when:`);
 * - a person who is not in `content/team.yaml`;
 * - a date after today or before the contract start (the entry's and a sign-off's);
 * - an answer that does not fit the item's `answer:` (an option of the choice, a whole number within the
 *   rating's scale, text, a `{ name, on }` sign-off), or an answer on an item that asks for none.
 * A task recorded without the answer its item asks for is a warning, not an error: the work is done and
 * the record says so, but the answer (the signature on a destruction certificate) is what a later reader
 * will look for, so `check --strict` in CI holds the merge until it is added.
 */
export function recordProblems(library: Library, client: ClientEntry, today: IsoDate): RecordProblem[] {
  const found: RecordProblem[] = [];
  if (Object.keys(client.done).length === 0) return found; // no record: no run to build
  const error = (path: PropertyKey[], message: string, hint: string, key?: string) =>
    found.push({ severity: RULE_CATALOGUE.record.severity, path, message, hint, ...(key === undefined ? {} : { key }) });
  const start = client.contract.start;
  const scope = runScope(library, client);

  // Own keys only, as `vars`: a task may be called `constructor` like any other.
  for (const [id, entry] of Object.entries(client.done)) {
    const field = `done.${id}`;
    const path = ['done', id];
    const missing = scope ? notInRun(library, scope, id) : null;
    if (missing) error(['done'], `${field}: ${missing.message}`, missing.hint, id);

    if (!library.personById.has(entry.by)) {
      const suggestion = didYouMean(entry.by, [...library.personById.keys()]);
      error([...path, 'by'], `${field}.by: no person "${entry.by}"`, suggestion ? `did you mean "${suggestion}"? People are defined in content/team.yaml.` : 'use the id of a person in content/team.yaml');
    }
    const dateProblem = (date: IsoDate, what: string) =>
      date > today
        ? { message: `${what} (${date}) is after today (${today})`, hint: 'write the day the task was done; a future date is usually a typo in the month or the year (`check` takes today from --today or SENDOFF_TODAY when given)' }
        : date < start
          ? { message: `${what} (${date}) is before the contract start (${start})`, hint: 'check the year: the run of this client starts with its contract' }
          : null;
    const onProblem = dateProblem(entry.on, 'the day it was done');
    if (onProblem) error([...path, 'on'], `${field}.on: ${onProblem.message}`, onProblem.hint);

    const item = scope?.items.get(id);
    if (!item) continue; // the task is reported above (or the run is unknown): its answer cannot be judged
    const spec = item.answer;
    if (entry.answer === undefined) {
      if (spec) {
        found.push({
          severity: RULE_CATALOGUE.record.also.severity,
          path,
          message: `${field}: "${item.task}" asks "${spec.question}" and the record has no answer`,
          hint: 'add `answer:` to the entry (`npm run done -- <client> <task> --answer …` rewrites it)',
        });
      }
      continue;
    }
    if (!spec) {
      error(path, `${field}.answer: "${item.task}" asks for no answer`, 'put it in `note:` instead, or give the checklist item an `answer:` in its SOP', 'answer');
      continue;
    }
    const problem = answerProblem(spec, entry.answer);
    if (problem) error([...path, 'answer'], `${field}.answer: ${problem.message}`, problem.hint);
    else if (typeof entry.answer === 'object') {
      const signed = dateProblem(entry.answer.on, 'the day it was signed');
      if (signed) error([...path, 'answer', 'on'], `${field}.answer.on: ${signed.message}`, signed.hint);
    }
  }
  return found;
}
