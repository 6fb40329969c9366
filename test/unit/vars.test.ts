import { beforeAll, describe, expect, it } from 'vitest';
import type { Library } from '../../src/lib/content/library';
import { validateProject } from '../../src/lib/check/validate';
import { parseYamlSource } from '../../src/lib/content/yaml-positions';
import { schemaDiagnostics } from '../../src/lib/content/schema-diagnostics';
import { GlobalItemIdSchema, PlaybookSchema } from '../../src/schemas';
import { recordProblems } from '../../src/lib/record/problems';
import { clientFromState, listFromText, stateFromClient, stateFromParams, stateToParams } from '../../src/lib/run/generator-form';
import { fixtureProject } from '../fixture-project';
import { clientRun, loadFixtureLibrary } from './helpers/fixture-library';

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
    ]);
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
    expect(handoff(dropped.excluded)).toEqual([
      // A repeated task left out has no entry: "…" stands where it would be.
      { globalId: 'handoff#archive', task: 'Archive the … repository', when: 'vars.keepsDomains' },
      { globalId: 'handoff#transfer', task: 'Transfer the hosting account', when: 'vars.keepsDomains' },
    ]);
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
    // A client with no entries has no such task; one with three has three.
    expect(clientRun(library, 'acme', (client) => void (client.vars.projects = [])).items.some((item) => item.globalId.startsWith('handoff#archive'))).toBe(false);
    expect(clientRun(library, 'acme', (client) => void (client.vars.projects = ['a', 'b', 'c'])).items.filter((item) => item.globalId.startsWith('handoff#archive')).map((item) => item.globalId)).toEqual([
      'handoff#archive/1', 'handoff#archive/2', 'handoff#archive/3',
    ]);
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
