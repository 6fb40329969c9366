import didYouMean from 'didyoumean2';
import type { Liquid, Template } from 'liquidjs';
import { isScalar } from 'yaml';
import { allContextPaths, checkContextPath, optionalContextPaths, type ContextKeys } from '../../email/context-paths';
import { unguardedOptionalOutputs } from '../../email/optional-outputs';
import { reportAs } from '../catalogue';
import type { Diagnostic } from '../diagnostics';
import { playbookRunItems, type Library } from '../../content/library';
import { sampleClient, sampleEmailRender } from '../../email/sample-client';
import { positionOf } from '../../content/yaml-positions';
import { parseCondition, templateEnginesFor } from '../../email/liquid';
import { atBody, atPath, fieldName, fileOf, type Finding, type RuleContext } from './context';

/**
 * Email templates and `when:` conditions are LiquidJS. Each is parsed (syntax and unknown filters),
 * every variable it reads is checked against the render context derived from the zod schemas, and
 * each email is rendered once with a sample client to catch what only shows at render time.
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

  for (const email of library.emails) {
    const file = fileOf(ctx, 'templates/emails', email.id);
    const keys: TemplateKeys = { links, vars: varsFor(ctx, sending.get(email.id) ?? []) };
    const subject = subjectPosition(ctx, file);
    const report = (where: 'subject' | 'body', row: number, col: number, finding: Finding) =>
      found.push(
        where === 'body'
          ? atBody(ctx, file, row, col, finding)
          : { file, line: subject.line, column: subject.column + col - 1, ...finding, ...(finding.hint ? { hint: finding.hint } : {}) },
      );
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
      for (const output of unguardedOptionalOutputs(parsed.template, optional)) {
        report(where, output.row, output.col, {
          ...reportAs('optional-field'),
          message: `${where === 'subject' ? 'subject: ' : ''}\`${output.path}\` is optional: where the client's record has none, this prints nothing and leaves a gap`,
          hint: `print it inside \`{% if ${output.path} %}…{% endif %}\`, or give a default: \`{{ ${output.path} | default: "…" }}\``,
        });
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
    for (const problem of variableProblems(engine, parsed.template, { links, vars })) {
      found.push(atPath(ctx, file, path, finding(problem.message, problem.hint)));
    }
  };
  for (const sop of library.sops) {
    const file = fileOf(ctx, 'sops', sop.id);
    const found = varsFor(ctx, library.playbooks.filter((playbook) => playbook.sops.some((entry) => entry.id === sop.id)));
    // The SOP's own questions are asked wherever it runs (`withSopVars`).
    const vars = found && [...new Set([...found, ...Object.keys(sop.vars)])];
    sop.checklist.forEach((item, i) => item.when && checkWhen(file, ['checklist', i, 'when'], item.when, vars));
    sop.checklist.forEach((item, i) => item.each && checkEach(file, ['checklist', i, 'each'], item.each, library.playbooks.filter((playbook) => playbook.sops.some((entry) => entry.id === sop.id))));
  }
  for (const playbook of library.playbooks) {
    const file = fileOf(ctx, 'templates/playbooks', playbook.id);
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

/** The names a template may read under `links` and `vars`; `vars: null` when they cannot be known (see `varsFor`). */
interface TemplateKeys {
  links: readonly string[];
  vars: readonly string[] | null;
}

interface VariableProblem {
  row: number;
  col: number;
  message: string;
  hint?: string;
}

function variableProblems(engine: Liquid, template: Template[], { links, vars }: TemplateKeys): VariableProblem[] {
  const analysis = engine.analyzeSync(template);
  const keys: ContextKeys = { links, vars: vars ?? [] };
  const everything = allContextPaths(keys);
  return Object.values(analysis.globals)
    .flat()
    .flatMap((variable) => {
      const segments = variable.segments.filter((segment): segment is string | number => typeof segment === 'string' || typeof segment === 'number');
      if (vars === null && segments[0] === 'vars') return [];
      const result = checkContextPath(segments, keys);
      if (result.ok) return [];
      const path = segments.join('.');
      const suggestion = didYouMean(path, everything) ?? didYouMean(String(segments.at(-1)), result.suggestions.map((s) => s.split('.').at(-1)!)) ;
      const full = suggestion && !suggestion.includes('.') ? `${result.valid}.${suggestion}` : suggestion;
      return [
        {
          row: variable.location.row,
          col: variable.location.col,
          message: `unknown variable \`${path}\``,
          hint: full ? `did you mean \`${full}\`?` : result.valid ? `${result.valid} has: ${result.suggestions.map((s) => s.split('.').at(-1)).join(', ') || 'no fields'}` : `templates can read ${['client', 'contact', 'recipient', 'contract', 'outstanding', 'owner', 'company', 'links', 'vars'].join(', ')}`,
        },
      ];
    });
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

function subjectPosition(ctx: RuleContext, file: string): { line: number; column: number } {
  const source = ctx.sources.get(file)?.source;
  if (!source) return { line: 1, column: 1 };
  const position = positionOf(source, ['subject']);
  const node = source.document.get('subject', true);
  const quoted = isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE');
  return { line: position.line, column: position.column + (quoted ? 1 : 0) };
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
