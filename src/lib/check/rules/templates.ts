import didYouMean from 'didyoumean2';
import type { Liquid, Template } from 'liquidjs';
import { isScalar } from 'yaml';
import { allContextPaths, checkContextPath, optionalContextPaths, type ContextKeys } from '../../email/context-paths';
import { unguardedOptionalOutputs } from '../../email/optional-outputs';
import { reportAs } from '../catalogue';
import type { Diagnostic } from '../diagnostics';
import { playbookRunItems, sopItems, teamMember, type Library, type LibraryItem } from '../../content/library';
import { sampleClient, sampleEmailRender, samplePlaybookFor, sampleRunDates } from '../../email/sample-client';
import { positionOf } from '../../content/yaml-positions';
import { parseCondition, templateEnginesFor } from '../../email/liquid';
import { createRenderContext } from '../../email/render-context';
import { datedTask, datedTasks, dateKeys, type DatedTask } from '../../run/dated-tasks';
import { isTemplatedText, renderTaskText } from '../../run/task-text';
import { atBody, atPath, fieldName, fileOf, type Finding, type RuleContext } from './context';

/**
 * Email templates, task texts (`task:`, `evidence:`) and `when:` conditions are LiquidJS. Each is
 * parsed (syntax and unknown filters), every variable it reads is checked against the render context
 * derived from the zod schemas (a task's date in `dates["…"]` against the playbooks that run it), and
 * each is rendered once with a sample client to catch what only shows at render time.
 */
export function templateRules(ctx: RuleContext): Diagnostic[] {
  const { library } = ctx;
  const engine = templateEnginesFor(library.company.locale).text;
  // One made-up client renders every template, as on the email pages (sampleEmailRender).
  const sample = sampleClient(library);
  const links = Object.keys(library.company.links);
  const optional = optionalContextPaths();
  const found: Diagnostic[] = [];
  const sending = playbooksSending(library);
  // Each playbook's dated tasks, worked out the first time a text reads `dates` (most read none).
  const dating = new Map<string, DateScope['playbooks'][number]>();
  const datingOf = (playbook: Library['playbooks'][number]) => {
    let found = dating.get(playbook.id);
    if (!found) {
      const items = new Set(playbookRunItems(library, playbook).map((item) => item.globalId));
      dating.set(playbook.id, (found = { id: playbook.id, tasks: datedTasks(library, playbook), items }));
    }
    return found;
  };
  /** The dates a text run by these playbooks can read (any playbook's when none runs it). */
  const dateScope = (playbooks: Library['playbooks']): DateScope => {
    const scope = playbooks.length > 0 ? playbooks : library.playbooks;
    return {
      runs: playbooks.length > 0,
      get playbooks() {
        return scope.map(datingOf);
      },
    };
  };

  for (const email of library.emails) {
    const file = fileOf(ctx, 'templates/emails', email.id);
    const keys: TemplateKeys = { links, vars: varsFor(ctx, sending.get(email.id) ?? []), dates: dateScope(sending.get(email.id) ?? []), entry: false };
    const subject = valuePosition(ctx, file, ['subject']);
    const report = (where: 'subject' | 'body', row: number, col: number, finding: Finding) =>
      found.push(where === 'body' ? atBody(ctx, file, row, col, finding) : atValue(file, subject, row, col, finding));
    let ok = true;
    for (const [where, source] of [['subject', email.subject], ['body', email.body]] as const) {
      const parsed = parse(engine, source);
      if ('error' in parsed) {
        ok = false;
        report(where, parsed.row, parsed.col, { ...reportAs('template'), message: `${where === 'subject' ? 'subject: ' : ''}${parsed.error}`, hint: parsed.hint });
        continue;
      }
      for (const problem of variableProblems(engine, parsed.template, keys)) {
        ok = false;
        report(where, problem.row, problem.col, { ...reportAs('template-variable'), message: `${where === 'subject' ? 'subject: ' : ''}${problem.message}`, hint: problem.hint });
      }
      for (const [row, col, finding] of unguardedProblems(parsed.template, optional, keys.dates)) {
        report(where, row, col, { ...finding, message: `${where === 'subject' ? 'subject: ' : ''}${finding.message}` });
      }
    }
    if (ok) {
      try {
        sampleEmailRender(library, email, sample);
      } catch (error) {
        const position = liquidPosition(error);
        const message = cleanMessage(error);
        report('body', position?.[0] ?? 1, position?.[1] ?? 1, { ...reportAs('template'), message, hint: limitHint(message) ?? 'the template parses but fails when rendered with a sample client' });
      }
    }
  }

  // `each: vars.<name>` must name a `list` question in every playbook that runs the task.
  const checkEach = (file: string, path: PropertyKey[], each: string, playbooks: Library['playbooks']) => {
    const name = each.replace(/^vars\./, '');
    for (const playbook of playbooks) {
      const spec = Object.hasOwn(playbook.vars, name) ? playbook.vars[name] : undefined;
      if (spec?.type === 'list') continue;
      const lists = Object.entries(playbook.vars).filter(([, other]) => other.type === 'list').map(([other]) => other);
      const suggestion = didYouMean(name, lists);
      const message = spec
        ? `${fieldName(path)}: vars.${name} is a ${spec.type} question in the playbook "${playbook.id}"; a task repeats only over a list`
        : `${fieldName(path)}: the playbook "${playbook.id}" asks no question vars.${name}`;
      const hint = suggestion ? `did you mean \`vars.${suggestion}\`?` : `declare it under vars (in the SOP or the playbook) as \`${name}: { type: list, description: … }\``;
      found.push(atPath(ctx, file, path, { ...reportAs('when'), message, hint }));
      return;
    }
  };

  const checkWhen = (file: string, path: PropertyKey[], expression: string, vars: readonly string[] | null) => {
    const finding = (message: string, hint?: string): Finding => ({ ...reportAs('when'), message: `${fieldName(path)}: ${message}`, hint });
    const whenHint = 'write a Liquid condition such as `vars.keepsDomains` or `outstanding.invoices.size > 0`';
    try {
      // The form in which the run evaluates it; the `{% if %}` below only serves the variable analysis.
      parseCondition(engine, expression);
    } catch (error) {
      found.push(atPath(ctx, file, path, finding(`the condition does not parse: ${cleanMessage(error)}`, whenHint)));
      return;
    }
    const parsed = parse(engine, `{% if ${expression} %}{% endif %}`);
    if ('error' in parsed) {
      found.push(atPath(ctx, file, path, finding(`the condition does not parse: ${parsed.error}`, whenHint)));
      return;
    }
    for (const problem of variableProblems(engine, parsed.template, { links, vars, dates: null, entry: false })) {
      found.push(atPath(ctx, file, path, finding(problem.message, problem.hint)));
    }
  };
  // `task:` and `evidence:` may be Liquid with the email context (and `entry` on a repeated task).
  const sampleRoles = new Map<string, ReturnType<typeof createRenderContext>>();
  const checkText = (file: string, path: PropertyKey[], text: string, item: LibraryItem, keys: TemplateKeys) => {
    if (!isTemplatedText(text)) return;
    const start = valuePosition(ctx, file, path);
    const report = (row: number, col: number, finding: Finding) => found.push(atValue(file, start, row, col, { ...finding, message: `${fieldName(path)}: ${finding.message}` }));
    const parsed = parse(engine, text);
    if ('error' in parsed) {
      report(parsed.row, parsed.col, { ...reportAs('template'), message: parsed.error, hint: parsed.hint });
      return;
    }
    const problems = variableProblems(engine, parsed.template, keys);
    for (const problem of problems) report(problem.row, problem.col, { ...reportAs('template-variable'), message: problem.message, hint: problem.hint });
    for (const [row, col, finding] of unguardedProblems(parsed.template, optional, keys.dates)) report(row, col, finding);
    if (problems.length > 0) return;
    // Rendered once as a client page would, to catch what only shows then (an unknown date format).
    const playbook = samplePlaybookFor(library, item.globalId);
    const key = `${item.owner} ${playbook}`;
    let context = sampleRoles.get(key);
    if (!context) sampleRoles.set(key, (context = createRenderContext(library, sample, teamMember(library, sample, item.owner), item.owner, undefined, sampleRunDates(library, playbook, sample))));
    try {
      renderTaskText(templateEnginesFor(library.company.locale), text, item.each ? { ...context, entry: 'Sample entry' } : context);
    } catch (error) {
      const position = liquidPosition(error);
      const message = cleanMessage(error);
      report(position?.[0] ?? 1, position?.[1] ?? 1, { ...reportAs('template'), message, hint: limitHint(message) ?? 'the text parses but fails when rendered with a sample client' });
    }
  };
  const checkTexts = (file: string, path: PropertyKey[], item: LibraryItem, playbooks: Library['playbooks'], vars: readonly string[] | null) => {
    const keys: TemplateKeys = { links, vars, dates: dateScope(playbooks), entry: item.each !== undefined };
    checkText(file, [...path, 'task'], item.task, item, keys);
    if (item.evidence !== undefined) checkText(file, [...path, 'evidence'], item.evidence, item, keys);
  };

  for (const sop of library.sops) {
    const file = fileOf(ctx, 'sops', sop.id);
    const found = varsFor(ctx, library.playbooks.filter((playbook) => playbook.sops.some((entry) => entry.id === sop.id)));
    // The SOP's own questions are asked wherever it runs (`withSopVars`).
    const vars = found && [...new Set([...found, ...Object.keys(sop.vars)])];
    sop.checklist.forEach((item, i) => item.when && checkWhen(file, ['checklist', i, 'when'], item.when, vars));
    sop.checklist.forEach((item, i) => item.each && checkEach(file, ['checklist', i, 'each'], item.each, library.playbooks.filter((playbook) => playbook.sops.some((entry) => entry.id === sop.id))));
    sopItems(sop).forEach((item, i) => {
      if (!isTemplatedText(item.task) && !(item.evidence !== undefined && isTemplatedText(item.evidence))) return;
      const running = library.playbooks.filter((playbook) => playbook.sops.some((entry) => entry.id === sop.id) && !playbook.skip.includes(item.globalId));
      checkTexts(file, ['checklist', i], item, running, vars);
    });
  }
  for (const playbook of library.playbooks) {
    const file = fileOf(ctx, 'templates/playbooks', playbook.id);
    const items = new Map(playbookRunItems(library, playbook).map((item) => [item.globalId, item]));
    playbook.extra.forEach((item, e) => {
      const runItem = items.get(`${playbook.id}#${item.id}`);
      if (runItem) checkTexts(file, ['extra', e], runItem, [playbook], Object.keys(playbook.vars));
    });
    playbook.extra.forEach((item, e) => item.when && checkWhen(file, ['extra', e, 'when'], item.when, Object.keys(playbook.vars)));
    playbook.extra.forEach((item, e) => item.each && checkEach(file, ['extra', e, 'each'], item.each, [playbook]));
    playbook.sops.forEach((entry, s) => entry.when && checkWhen(file, ['sops', s, 'when'], entry.when, Object.keys(playbook.vars)));
  }
  return found;
}

type Parsed = { template: Template[] } | { error: string; row: number; col: number; hint?: string };

function parse(engine: Liquid, source: string): Parsed {
  try {
    return { template: engine.parse(source) };
  } catch (error) {
    const [row, col] = liquidPosition(error) ?? [1, 1];
    const message = cleanMessage(error);
    const unclosed = /^tag \{%-?\s*(\w+)/.exec(message);
    if (unclosed && /not closed/.test(message)) return { error: message, row, col, hint: `close it with {% end${unclosed[1]} %}` };
    const filter = /undefined filter: (\S+)/.exec(message);
    const known = Object.keys((engine as unknown as { filters: Record<string, unknown> }).filters);
    const suggestion = filter ? didYouMean(filter[1]!, known) : null;
    const hint = filter ? (suggestion ? `did you mean \`${suggestion}\`?` : 'Sendoff adds `date` and `money` to Liquid\'s standard filters') : limitHint(message);
    return {
      error: filter ? `unknown filter "${filter[1]}"` : message,
      row,
      col,
      ...(hint ? { hint } : {}),
    };
  }
}

/** What to do about the limits Sendoff sets on templates (src/lib/email/liquid.ts). */
function limitHint(message: string): string | undefined {
  if (message.startsWith('templates cannot include files')) {
    return 'an email is one file: write the text into it (the sign-off is `{{ company.signature }}`, a link `{{ links.<name> }}`)';
  }
  if (message.startsWith('this template does too much work')) {
    return "loop over the client's data, such as `outstanding.invoices`; the limits keep check, the build and the generator from hanging";
  }
  return undefined;
}

/** What a template may read beyond the schema: the names under `links` and `vars`, the task dates, `entry`. */
interface TemplateKeys {
  links: readonly string[];
  /** Null when they cannot be known (see `varsFor`). */
  vars: readonly string[] | null;
  /** The playbooks whose run dates the text reads; null for a `when:` condition, decided before the run is dated. */
  dates: DateScope | null;
  /** Whether the text belongs to a repeated task (`each:`), which reads its entry as `{{ entry }}`. */
  entry: boolean;
}

/** The playbooks that run a text (an email they send, a task they run), with their dated tasks. */
interface DateScope {
  /** False when no playbook runs it: then every playbook's tasks are allowed, and none is required. */
  runs: boolean;
  /** Each playbook's dated tasks, and the ids of every task its runs may have (dated or not). */
  playbooks: { id: string; tasks: ReadonlyMap<string, DatedTask>; items: ReadonlySet<string> }[];
}

interface VariableProblem {
  row: number;
  col: number;
  message: string;
  hint?: string;
}

/** `dates["a#b"]`, as an author writes a task's date. */
const dateRead = (id: string) => `dates[${JSON.stringify(id)}]`;

/** A read path as the author wrote it: `dates["a#b"]` for a date, the dotted path otherwise. */
const shownPath = (path: string) => (path.startsWith('dates.') ? dateRead(path.slice('dates.'.length)) : path);

function variableProblems(engine: Liquid, template: Template[], { links, vars, dates, entry }: TemplateKeys): VariableProblem[] {
  const analysis = engine.analyzeSync(template);
  // The dated tasks' ids and every path are worked out only for a text that needs them.
  let dateIds: string[] | undefined;
  const keys: ContextKeys = {
    links,
    vars: vars ?? [],
    get dates() {
      return (dateIds ??= dates ? [...new Set(dates.playbooks.flatMap((playbook) => dateKeys(playbook.tasks)))] : []);
    },
  };
  let paths: string[] | undefined;
  const everything = () => (paths ??= [...allContextPaths(keys), ...(entry ? ['entry'] : [])]);
  return Object.values(analysis.globals)
    .flat()
    .flatMap((variable) => {
      const segments = variable.segments.filter((segment): segment is string | number => typeof segment === 'string' || typeof segment === 'number');
      const at = { row: variable.location.row, col: variable.location.col };
      if (vars === null && segments[0] === 'vars') return [];
      if (segments[0] === 'entry' && entry) {
        return segments.length === 1 || (segments.length === 2 && segments[1] === 'size') ? [] : [{ ...at, message: `\`entry\` is the text of one list entry, with no \`${segments.slice(1).join('.')}\``, hint: 'print it as `{{ entry }}`' }];
      }
      if (segments[0] === 'entry') {
        return [{ ...at, message: 'unknown variable `entry`: only the task and evidence of a task that repeats (`each: vars.<list>`) read one', hint: 'repeat the task with `each:`, or print a variable such as `{{ client.name }}`' }];
      }
      if (segments[0] === 'dates' && segments.length > 1) {
        const problem = dates === null
          ? { message: `a \`when:\` condition is decided before the run is dated: it cannot read \`${dateRead(String(segments[1]))}\``, hint: 'compare `contract.end`, `contract.notice` or a date question (`vars.<name>`) instead' }
          : dateProblem(String(segments[1]), segments.length, dates, keys.dates);
        return problem ? [{ ...at, ...problem }] : [];
      }
      const result = checkContextPath(segments, keys);
      if (result.ok) return [];
      const path = segments.join('.');
      const suggestion = didYouMean(path, everything()) ?? didYouMean(String(segments.at(-1)), result.suggestions.map((s) => s.split('.').at(-1)!)) ;
      const full = suggestion && !suggestion.includes('.') ? `${result.valid}.${suggestion}` : suggestion;
      return [
        {
          ...at,
          message: `unknown variable \`${path}\``,
          hint: full
            ? `did you mean \`${shownPath(full)}\`?`
            : result.valid === 'dates'
              ? 'read a task\'s date as `dates["<sop-id>#<item-id>"]`'
              : result.valid
                ? `${result.valid} has: ${result.suggestions.map((s) => s.split('.').at(-1)).join(', ') || 'no fields'}`
                : `templates can read ${['client', 'contact', 'recipient', 'contract', 'outstanding', 'owner', 'company', 'links', 'vars', 'dates', ...(entry ? ['entry'] : [])].join(', ')}`,
        },
      ];
    });
}

/**
 * A `dates["…"]` read whose task no playbook running the text dates: an unknown id (did you mean), an
 * undated task (done during the run). Whether every client's run has it is `unguardedProblems`' concern.
 */
function dateProblem(id: string, length: number, scope: DateScope, known: readonly string[]): { message: string; hint: string } | null {
  if (length > 2) return { message: `\`${dateRead(id)}\` is a date (YYYY-MM-DD), with no fields`, hint: `print it as \`{{ ${dateRead(id)} | date: "long" }}\`` };
  if (scope.playbooks.some((playbook) => datedTask(playbook.tasks, id))) return null;
  const where = scope.runs ? `the playbook${scope.playbooks.length > 1 ? 's' : ''} ${scope.playbooks.map((playbook) => `"${playbook.id}"`).join(', ')}` : 'any playbook';
  const undated = scope.playbooks.some((playbook) => playbook.items.has(id));
  if (undated) {
    return { message: `\`${dateRead(id)}\`: that task has no due date in ${where} (it is done during the run, or counts from a task that has none), so no run has a date for it`, hint: 'give the task a `due:`, or leave its date out of the text' };
  }
  const suggestion = didYouMean(id, [...known]);
  return {
    message: `unknown task date \`${dateRead(id)}\`: no dated task of ${where} has that id`,
    hint: suggestion ? `did you mean \`${dateRead(suggestion)}\`?` : 'a task\'s date is read by its global id: `dates["<sop-id>#<item-id>"]` (a playbook\'s own task: `<playbook-id>#<item-id>`)',
  };
}

/**
 * Prints that some clients would read as a gap: an optional field of the context (`contact.title`,
 * a warning), and a task's date printed without `{% if dates["…"] %}` where a playbook running the text
 * has no date for it (an error: that playbook's clients never get one) or leaves it out of some runs (a
 * `when:`, an `each:`: a warning, like an optional field).
 */
function unguardedProblems(template: Template[], optional: readonly string[], dates: DateScope | null): [number, number, Finding][] {
  const gaps = new Map<string, Finding>();
  const gapOf = (path: string): Finding | null => {
    if (optional.includes(path)) {
      return {
        ...reportAs('optional-field'),
        message: `\`${path}\` is optional: where the client's record has none, this prints nothing and leaves a gap`,
        hint: `print it inside \`{% if ${path} %}…{% endif %}\`, or give a default: \`{{ ${path} | default: "…" }}\``,
      };
    }
    if (!path.startsWith('dates.') || !dates?.runs) return null;
    const id = path.slice('dates.'.length);
    const read = dateRead(id);
    const hint = `print it inside \`{% if ${read} %}…{% endif %}\``;
    const lacking = dates.playbooks.filter((playbook) => !datedTask(playbook.tasks, id));
    // Unknown everywhere: variableProblems reports it once.
    if (lacking.length === dates.playbooks.length) return null;
    if (lacking.length > 0) {
      return { ...reportAs('template-variable'), message: `\`${read}\` has no date in the playbook "${lacking[0]!.id}" (no dated task of its run has that id): its clients would read a gap`, hint };
    }
    const gap = dates.playbooks.map((playbook) => [playbook.id, datedTask(playbook.tasks, id)!.gap] as const).find(([, reason]) => reason !== null);
    if (!gap) return null;
    return { ...reportAs('optional-field'), message: `\`${read}\` is absent from the runs of the playbook "${gap[0]}" that leave the task out (${gap[1]}): those clients would read a gap`, hint };
  };
  const isGap = (path: string) => {
    if (!gaps.has(path)) {
      const gap = gapOf(path);
      if (gap) gaps.set(path, gap);
    }
    return gaps.has(path);
  };
  return unguardedOptionalOutputs(template, isGap).map((output) => [output.row, output.col, gaps.get(output.path)!]);
}

/** By email id, the playbooks with an item (not skipped) that sends it, in library order: each playbook's items listed once. */
function playbooksSending(library: Library): Map<string, Library['playbooks']> {
  const sending = new Map<string, Library['playbooks']>();
  for (const playbook of library.playbooks) {
    for (const email of new Set(playbookRunItems(library, playbook).flatMap((item) => (item.email ? [item.email] : [])))) {
      sending.set(email, [...(sending.get(email) ?? []), playbook]);
    }
  }
  return sending;
}

/**
 * The `vars` a template or condition may read: those every playbook using it declares (a variable one
 * of them lacks would print empty for its clients); with no playbook using it, any declared one. Null
 * when that cannot be known: no valid playbook uses it and a playbook failed its schema, which may be
 * the one that uses it and declare the name (its own error says what to fix first).
 */
function varsFor(ctx: RuleContext, playbooks: Library['playbooks']): string[] | null {
  const { library } = ctx;
  if (playbooks.length === 0 && [...ctx.invalid].some((id) => id.startsWith('templates/playbooks/'))) return null;
  const lists = (playbooks.length > 0 ? playbooks : library.playbooks).map((playbook) => Object.keys(playbook.vars));
  if (playbooks.length === 0) return [...new Set(lists.flat())];
  return lists.reduce((common, names) => common.filter((name) => names.includes(name)), lists[0] ?? []);
}

/** Where a YAML string's text starts: the value's position, past an opening quote. */
function valuePosition(ctx: RuleContext, file: string, path: readonly PropertyKey[]): { line: number; column: number } {
  const source = ctx.sources.get(file)?.source;
  if (!source) return { line: 1, column: 1 };
  const position = positionOf(source, path);
  const node = source.document.getIn(path as unknown[], true);
  const quoted = isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE');
  return { line: position.line, column: position.column + (quoted ? 1 : 0) };
}

/** A diagnostic at a row and column of a Liquid text that starts at `start` in a YAML file. */
function atValue(file: string, start: { line: number; column: number }, row: number, col: number, finding: Finding): Diagnostic {
  return {
    file,
    line: start.line + row - 1,
    column: row === 1 ? start.column + col - 1 : col,
    ...finding,
    ...(finding.hint ? { hint: finding.hint } : {}),
  } as Diagnostic;
}

function liquidPosition(error: unknown): [number, number] | null {
  const token = (error as { token?: { getPosition?: () => [number, number] } }).token;
  return token?.getPosition?.() ?? null;
}

/** LiquidJS appends ", line:1, col:4" and sometimes a source excerpt; our position says that. */
function cleanMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0]!.replace(/, line:\d+, col:\d+$/, '');
}
