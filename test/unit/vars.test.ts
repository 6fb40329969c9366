import { beforeAll, describe, expect, it } from 'vitest';
import type { Library } from '../../src/lib/content/library';
import { validateProject } from '../../src/lib/check/validate';
import { parseYamlSource } from '../../src/lib/content/yaml-positions';
import { schemaDiagnostics } from '../../src/lib/content/schema-diagnostics';
import { GlobalItemIdSchema, PlaybookSchema } from '../../src/schemas';
import { recordProblems } from '../../src/lib/record/problems';
import { clientFromState, listFromText, stateFromClient, stateFromParams, stateToParams } from '../../src/lib/run/generator-form';
import { fixtureProject } from '../fixture-project';
import { Window } from 'happy-dom';
import { renderRunHtml } from '../../src/lib/run/run-html';
import { leftOutReason, runScope } from '../../src/lib/record/scope';
import { clientRun, loadFixtureLibrary } from './helpers/fixture-library';
import { clientRunHtmlOptions } from '../../src/lib/run/run-html-options';

/**
 * Issue 14, items 3–5: a condition on a whole SOP in a playbook's `sops:`, questions an SOP declares
 * (asked by every playbook that uses it), and the `choice` and `list` question types, a question
 * without a default being required of every client.
 */
const TODAY = '2026-11-25';
const check = async (scenario: string) =>
  (await validateProject(await fixtureProject(scenario), { today: TODAY, cache: false })).diagnostics.map((d) => `${d.file}:${d.line} ${d.rule} ${d.message}`);

describe('questions declared by SOPs, choice and list questions, conditions on whole SOPs', () => {
  let library: Library;
  beforeAll(async () => {
    library = await loadFixtureLibrary('vars');
  });

  it('accepts the valid fixture without a finding', async () => {
    expect(await check('vars')).toEqual([]);
  });

  it('reports each invalid use at its file and line', async () => {
    expect(await check('vars-invalid')).toEqual([
      // `projects` has no default: every client of a playbook using the SOP must answer it.
      'content/clients/acme.yaml:7 client vars.projects: the playbook "basic" asks "Projects to archive (one per line)" and this client does not answer',
      'content/clients/acme.yaml:8 client vars.hosting: expected one of "ours", "theirs", found "Theirs" (did you mean "theirs"?)',
      // One name, two types: an error at both declarations.
      'sops/handoff.mdx:7 duplicate-id vars.keepsDomains: declared as a string here, but the playbook "basic" declares it as a boolean (the playbook "basic" asks both)',
      'sops/handoff.mdx:13 when checklist[0].each: vars.hosting is a choice question in the playbook "basic"; a task repeats only over a list',
      'templates/playbooks/basic.yaml:6 when sops[2].when: unknown variable `vars.keepsDomain`',
      'templates/playbooks/basic.yaml:8 duplicate-id vars.keepsDomains: declared as a boolean here, but the SOP "handoff" declares it as a string (the playbook "basic" asks both)',
      // A playbook's extra items repeat only over a list question it asks, as an SOP's items do.
      'templates/playbooks/basic.yaml:14 when extra[0].each: the playbook "basic" asks no question vars.project',
      'templates/playbooks/basic.yaml:19 when extra[1].each: vars.hosting is a choice question in the playbook "basic"; a task repeats only over a list',
    ]);
    const project = await validateProject(await fixtureProject('vars-invalid'), { today: TODAY, cache: false });
    expect(project.diagnostics.find((d) => d.line === 14)!.hint).toBe('did you mean `vars.projects`?');
  });

  it('asks an SOP’s questions in every playbook that uses it, the playbook’s own first', () => {
    expect(Object.keys(library.playbookById.get('basic')!.vars)).toEqual(['keepsDomains', 'hosting', 'projects']);
  });

  it('runs a conditional SOP when its condition holds, and lists its tasks under “Not in this run” when not', () => {
    const kept = clientRun(library, 'acme');
    expect(kept.items.map((item) => item.globalId)).toEqual(expect.arrayContaining(['handoff#archive/1', 'handoff#archive/2', 'handoff#transfer']));
    const handoff = (excluded: { globalId: string }[]) => excluded.filter((item) => item.globalId.startsWith('handoff#'));
    expect(handoff(kept.excluded)).toEqual([]);
    const dropped = clientRun(library, 'acme', (client) => void (client.vars.keepsDomains = false));
    expect(dropped.items.map((item) => item.globalId).filter((id) => id.startsWith('handoff#'))).toEqual([]);
    const sop = { id: 'handoff', title: 'Hand over the code' };
    expect(handoff(dropped.excluded)).toEqual([
      // A repeated task left out has no entry: "…" stands where it would be.
      { globalId: 'handoff#archive', task: 'Archive the … repository', when: 'vars.keepsDomains', sop },
      { globalId: 'handoff#transfer', task: 'Transfer the hosting account', when: 'vars.keepsDomains', sop },
      { globalId: 'handoff#confirm-archives', task: 'Tell the client where the archived repositories are', when: 'vars.keepsDomains', sop },
    ]);
    // The page names the SOP once with its condition, not each of its tasks with the same condition.
    const window = new Window();
    window.document.body.innerHTML = renderRunHtml(dropped, clientRunHtmlOptions(library, 'acme', TODAY));
    expect(window.document.querySelector('p.run-excluded')!.textContent).toBe(
      'Not in this run for this client: Remind (only when there are outstanding invoices); Hand over the code (all 3 tasks, only when the answer to “Keeps domains?” is yes).',
    );
    // With the SOP in, an item's own condition still applies.
    const ours = clientRun(library, 'acme', (client) => void (client.vars.hosting = 'ours'));
    expect(handoff(ours.excluded).map((item) => [item.globalId, (item as unknown as { when: string }).when])).toEqual([['handoff#transfer', 'vars.hosting == "theirs"']]);
  });

  it('repeats an `each:` task once per list entry, numbered from 1, with the entry in its task and evidence', () => {
    const run = clientRun(library, 'acme');
    const archive = run.items.filter((item) => item.globalId.startsWith('handoff#archive'));
    expect(archive.map((item) => [item.globalId, item.task, item.evidence])).toEqual([
      ['handoff#archive/1', 'Archive the website repository', 'Link to the archived website repository'],
      ['handoff#archive/2', 'Archive the mobile app repository', 'Link to the archived mobile app repository'],
    ]);
    // `after: [archive]` waits for every repeat; the record names a repeat by its own id.
    expect(run.items.find((item) => item.globalId === 'handoff#transfer')!.after).toEqual(['handoff#archive/1', 'handoff#archive/2']);
    expect(archive.map((item) => item.record?.by ?? null)).toEqual([null, 'ana']);
    // A playbook's extra item repeats the same way.
    expect(run.items.filter((item) => item.globalId.startsWith('basic#thank-project-team')).map((item) => [item.globalId, item.task])).toEqual([
      ['basic#thank-project-team/1', 'Thank the website team'],
      ['basic#thank-project-team/2', 'Thank the mobile app team'],
    ]);
    // A client with no entries has no such task; one with three has three.
    expect(clientRun(library, 'acme', (client) => void (client.vars.projects = [])).items.some((item) => item.globalId.startsWith('handoff#archive'))).toBe(false);
    expect(clientRun(library, 'acme', (client) => void (client.vars.projects = ['a', 'b', 'c'])).items.filter((item) => item.globalId.startsWith('handoff#archive')).map((item) => item.globalId)).toEqual([
      'handoff#archive/1', 'handoff#archive/2', 'handoff#archive/3',
    ]);
  });

  it('lists an `each:` task under “Not in this run” for a client whose list is empty, saying why in words', () => {
    const empty = clientRun(library, 'acme', (client) => void (client.vars.projects = []));
    expect(empty.excluded.filter((item) => item.globalId.startsWith('handoff#archive'))).toEqual([
      { globalId: 'handoff#archive', task: 'Archive the … repository', each: 'projects' },
    ]);
    const window = new Window();
    window.document.body.innerHTML = renderRunHtml(empty, clientRunHtmlOptions(library, 'acme', TODAY));
    const note = window.document.querySelector('p.run-excluded')!;
    expect(note.textContent).toBe('Not in this run for this client: Remind (only when there are outstanding invoices); Archive the … repository (one per entry of “Projects to archive (one per line)”, and this client has none); Thank the … team (one per entry of “Projects to archive (one per line)”, and this client has none).');
    expect(note.querySelector('[title="each: vars.projects"]')).not.toBeNull();
    // The record knows why too: `done:` naming the task gets the reason, not "no such task".
    const scope = runScope(library, empty.client)!;
    expect(leftOutReason(scope, scope.leftOut.get('handoff#archive')!)).toBe("it repeats once per entry of `vars.projects`, and this client's list has none");
    const recorded = structuredClone(empty.client);
    recorded.done['handoff#archive/1'] = { on: '2026-11-20', by: 'ana' };
    const [problem] = recordProblems(library, recorded, TODAY).filter((found) => found.key === 'handoff#archive/1');
    expect(problem!.message).toBe('done.handoff#archive/1: "Archive the {{ entry }} repository" is not in this client\'s run: it repeats once per entry of `vars.projects`, and this client\'s list has none');
    expect(problem!.hint).toBe("remove this entry, or, if the task did apply, add its entries to the client's vars.projects");
    // With entries, nothing is left out for the list.
    expect(clientRun(library, 'acme').excluded.some((item) => item.globalId === 'handoff#archive')).toBe(false);
  });

  it('dates a task anchored on an `each:` task from the date its repeats share, also when the list is empty (README: Due dates)', () => {
    const dueOf = (run: ReturnType<typeof clientRun>, id: string) => run.items.find((item) => item.globalId === id)?.dueDate;
    const run = clientRun(library, 'acme'); // the contract ends Fri 29 Jan 2027; archive is due 0d
    expect(dueOf(run, 'handoff#archive/1')).toBe('2027-01-29');
    expect(dueOf(run, 'handoff#archive/2')).toBe('2027-01-29');
    expect(dueOf(run, 'handoff#confirm-archives')).toBe('2027-02-01'); // +3d is Mon 1 Feb
    const empty = clientRun(library, 'acme', (client) => void (client.vars.projects = []));
    expect(dueOf(empty, 'handoff#confirm-archives')).toBe('2027-02-01');
  });

  it('accepts a repeat’s id in `done:` and reports one the client’s list does not have', () => {
    expect(GlobalItemIdSchema.safeParse('handoff#archive/2').success).toBe(true);
    expect(GlobalItemIdSchema.safeParse('handoff#archive/0').success).toBe(false);
    const acme = structuredClone(library.clientById.get('acme')!);
    acme.done['handoff#archive/3'] = { on: '2026-11-20', by: 'ana' };
    const problems = recordProblems(library, acme, TODAY);
    expect(problems.map((problem) => problem.key)).toEqual(['handoff#archive/3']);
    expect(problems[0]!.message).toMatch(/^done\.handoff#archive\/3: /);
  });

  it('checks a choice question’s options and default in the schema', () => {
    const problems = (vars: string) => {
      const source = parseYamlSource('p.yaml', `title: T\ndescription: D\nsops: [a]\nvars:\n${vars}`);
      const result = PlaybookSchema.safeParse(source.value, { reportInput: true });
      return result.success ? [] : schemaDiagnostics(source, PlaybookSchema, result.error.issues, 'the fixture').map((d) => `${d.line}:${d.column} ${d.message}`);
    };
    expect(problems('  size: { type: choice, description: Q }\n')).toEqual(['5:17 vars.size.type: a choice question needs its answers: add `options: [first, second]`']);
    expect(problems('  size: { type: choice, options: [s, m], default: l, description: Q }\n')).toEqual(['5:51 vars.size.default: expected one of "s", "m", found "l"']);
    expect(problems('  size: { type: string, options: [s, m], description: Q }\n')).toEqual([expect.stringMatching(/^5:34 vars.size.options: only a choice question has options/)]);
    expect(problems('  tags: { type: list, default: [a, b], description: Q }\n  one: { type: list, default: a, description: Q }\n')).toEqual([
      '6:31 vars.one.default: the question is a list, so its default must be a list of texts such as [alpha, beta], found "a"',
    ]);
    expect(problems('  size: { type: choice, options: [s, m], default: m, description: Q }\n  sops: { type: list, description: Q }\n')).toEqual([]);
  });

  it('offers a list as one entry per line and a choice as its options in the generator, and reproduces the client', () => {
    const acme = library.clientById.get('acme')!;
    const state = stateFromClient(acme, library);
    expect(state.vars).toEqual({ keepsDomains: 'true', hosting: 'theirs', projects: 'website\nmobile app' });
    const again = stateFromParams(new URLSearchParams(stateToParams(state).toString()), library, TODAY);
    const { client, problems } = clientFromState(again, library);
    expect(problems).toEqual([]);
    expect(client!.vars).toEqual({ keepsDomains: true, hosting: 'theirs', projects: ['website', 'mobile app'] });
    expect(listFromText('  a \n\n b\r\n')).toEqual(['a', 'b']);
    // Required questions and wrong choices show at their fields, as `check` reports them.
    const blank = clientFromState({ ...again, vars: { ...again.vars, projects: '', hosting: 'nobody' } }, library);
    expect(blank.problems.map((problem) => problem.field).sort()).toEqual(['var.hosting', 'var.projects']);
  });
});
