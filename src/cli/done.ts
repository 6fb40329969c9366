import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import didYouMean from 'didyoumean2';
import type { DoneEntry } from '../schemas';
import { formatPretty } from '../lib/check/reporters';
import { FOLDER_KINDS } from '../lib/content/kinds';
import { roleTitle, teamMember, type Library, type LibraryItem } from '../lib/content/library';
import type { LoadMemo } from '../lib/content/load';
import { ANSWER_SYNTAX, parseAnswer } from '../lib/record/answers';
import { locateRecordTarget, type TargetProblem } from '../lib/record/target';
import { applyRecordEdit } from '../lib/record/apply';
import { resolveToday } from '../lib/run/today';
import type { CliIo } from './run-cli';

/** The options of `sendoff done` as commander parses them. */
export interface DoneCommandOptions {
  by?: string;
  on?: string;
  note?: string;
  answer?: string;
  undo: boolean;
  root: string;
  /** `--today` or `SENDOFF_TODAY`: the day `--on` defaults to and dates are judged against. */
  today?: string | undefined;
  cache: boolean;
}

/** Why nothing was recorded: what happened and what to do. Printed without a stack trace, exit 1. */
class DoneError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

/**
 * `sendoff done <client> <item>` (`npm run done -- …`): records one task of a client's run as done in
 * `content/clients/<client>.yaml` (or, with `--undo`, removes its record). The file is edited in place
 * with `setDoneEntry`, so comments and order stay; the library as it would be is checked with the same
 * pipeline as `npm run check`, and the file is written (atomically) only when the new entry passes.
 * Returns the exit code: 0 recorded (or nothing to do), 1 not recorded.
 */
export async function recordDone(clientArg: string, itemArg: string, options: DoneCommandOptions, io: CliIo): Promise<number> {
  try {
    return await record(clientArg, itemArg, options, io);
  } catch (error) {
    if (!(error instanceof DoneError)) throw error;
    io.stderr(`sendoff done: ${error.message}\n${error.hint ? `  hint: ${error.hint}\n` : ''}`);
    return 1;
  }
}

/** Why the task could not be found, in the terminal's words. */
function targetError(problem: TargetProblem, clientArg: string): DoneError {
  const fixFirst = 'run `npm run check` and fix what it reports first';
  switch (problem.kind) {
    case 'content':
      return new DoneError('the content does not load (company, team or phases has errors), so nothing can be recorded', fixFirst);
    case 'client-file':
      return new DoneError(`${problem.file} has errors, so nothing can be recorded in it`, `run \`npm run check\` and fix what it reports for ${problem.file} first`);
    case 'client':
      return new DoneError(`no client "${clientArg}" in ${FOLDER_KINDS.clients.folder}/`, problem.suggestion ? `did you mean "${problem.suggestion}"?` : `a client is named by its file name; the clients are: ${problem.clients.join(', ')}`);
    case 'run':
      return new DoneError(`the run of ${problem.client.name} cannot be worked out (its playbook "${problem.client.playbook}" is missing or one of its conditions fails)`, fixFirst);
    case 'item':
      return new DoneError(`${problem.client.name}: ${problem.problem.message}`, problem.problem.hint);
  }
}

async function record(clientArg: string, itemArg: string, options: DoneCommandOptions, io: CliIo): Promise<number> {
  const root = resolve(options.root);
  const memo: LoadMemo = new Map();
  const located = await locateRecordTarget(root, clientArg, itemArg, memo);
  if ('problem' in located) throw targetError(located.problem, clientArg);
  const { library, client, file, item } = located.target;
  const task = `“${item.task}” (${item.globalId})`;
  const today = resolveToday(library.company.timezone, options.today);

  let entry: DoneEntry | null = null;
  if (options.undo) {
    const given = (['by', 'on', 'note', 'answer'] as const).filter((name) => options[name] !== undefined);
    if (given.length > 0) throw new DoneError(`--undo removes the record: ${given.map((name) => `--${name}`).join(', ')} would be thrown away`, 'leave them out to undo, or leave out --undo to record again');
    if (!Object.hasOwn(client.done, item.globalId)) {
      io.stdout(`nothing to undo: ${task} is not recorded for ${client.name}\n`);
      return 0;
    }
  } else {
    // Recording a task again updates its entry: what is given replaces, what is left out stays (adding
    // the answer later keeps the day and the person).
    const existing = Object.hasOwn(client.done, item.globalId) ? client.done[item.globalId] : undefined;
    const note = options.note === undefined ? existing?.note : options.note.trim() || undefined;
    const answer = options.answer === undefined ? existing?.answer : answerFor(item, options.answer);
    entry = {
      on: options.on ?? existing?.on ?? today,
      by: existing && options.by === undefined ? existing.by : await whoDidIt(library, client, item, options.by, root, io.env),
      ...(note === undefined ? {} : { note }),
      ...(answer === undefined ? {} : { answer }),
    };
  }

  const outcome = await applyRecordEdit(root, file, item.globalId, entry, { today, memo, cache: options.cache });
  if (outcome.kind === 'unreadable') throw new DoneError(`${file}: ${outcome.message}`, 'fix the file by hand (`npm run check` shows where), then record again');
  if (outcome.kind === 'unchanged') {
    io.stdout(`${task} is already recorded so for ${client.name}: nothing changed\n`);
    return 0;
  }
  if (outcome.kind === 'refused') {
    io.stderr(`sendoff done: nothing written: the new record of ${task} would not pass \`npm run check\` (lines as they would be in ${file}):\n\n${formatPretty(outcome.errors, (name) => (name === file ? outcome.edited : null))}\n`);
    return 1;
  }
  if (entry) {
    const person = library.personById.get(entry.by)!;
    io.stdout(`${Object.hasOwn(client.done, item.globalId) ? 'updated' : 'recorded'} in ${file}: ${task} done by ${person.name} on ${entry.on}\n`);
  } else {
    const was = client.done[item.globalId]!;
    io.stdout(`removed from ${file}: ${task}, recorded as done by ${library.personById.get(was.by)?.name ?? was.by} on ${was.on}\n`);
  }
  if (outcome.warnings.length > 0) {
    const spec = item.answer;
    const hint = spec ? `\nto add the answer: npm run done -- ${client.id} ${item.globalId} --answer <${ANSWER_SYNTAX[spec.type]}>\n` : '';
    io.stdout(`\n${formatPretty(outcome.warnings, (name) => (name === file ? outcome.edited : null))}\n${hint}`);
  }
  return 0;
}

/**
 * Who did the task: `--by`, else the person in content/team.yaml whose email is `git config user.email`
 * (the one who commits the record), else a clear request for `--by`.
 */
async function whoDidIt(library: Library, client: { name: string; team: Record<string, string> }, item: LibraryItem, by: string | undefined, root: string, env: CliIo['env']): Promise<string> {
  const people = library.team.people;
  if (by !== undefined) {
    if (library.personById.has(by)) return by;
    // `--by theo` or `--by Theo`: the one person whose id starts so, or whose first or last name it is.
    const named = people.filter((person) => person.id.startsWith(by.toLowerCase()) || person.name.toLowerCase().split(/\s+/).includes(by.toLowerCase()));
    const suggestion = named.length === 1 ? named[0]!.id : didYouMean(by, people.map((person) => person.id));
    throw new DoneError(`--by: no person "${by}" in content/team.yaml`, suggestion ? `did you mean "${suggestion}"?` : `use a person id: ${people.map((person) => person.id).join(', ')}`);
  }
  const email = await gitEmail(root, env);
  const me = email ? people.find((person) => person.email.toLowerCase() === email.toLowerCase()) : undefined;
  if (me) return me.id;
  const owner = teamMember(library, client, item.owner);
  throw new DoneError(
    `--by is needed: ${email ? `no person in content/team.yaml has the email ${email} (\`git config user.email\`)` : '`git config user.email` is not set, so who you are is not known'}`,
    `say who did it with a person id, e.g. --by ${owner?.id ?? people[0]?.id ?? '<person-id>'}${owner ? ` (${owner.name}, ${client.name}'s ${roleTitle(library, item.owner).toLowerCase()})` : ''}; or set \`git config user.email\` to your address in content/team.yaml`,
  );
}

/** `git config user.email` in the project, or null when git or the setting is missing. */
async function gitEmail(root: string, env: CliIo['env']): Promise<string | null> {
  try {
    const { stdout } = await promisify(execFile)('git', ['config', 'user.email'], { cwd: root, env });
    return stdout.trim() || null;
  } catch {
    return null;
  }
}

/** `--answer` read by the item's `answer:` spec, or why it does not fit. */
function answerFor(item: LibraryItem, text: string): NonNullable<DoneEntry['answer']> {
  if (!item.answer) throw new DoneError(`--answer: “${item.task}” asks for no answer`, 'leave out --answer, or put what you wanted to say in --note');
  const parsed = parseAnswer(item.answer, text);
  if ('problem' in parsed) throw new DoneError(`--answer: ${parsed.problem.message}`, parsed.problem.hint);
  return parsed.value;
}
