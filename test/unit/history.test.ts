import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { recentChanges } from '../../src/lib/history/recent-changes';
import { formatDiffMarkdown } from '../../src/lib/diff';
import { commitLink, readFileHistory, repoLinks } from '../../src/lib/history/file-history';
import { fixtureProject } from '../fixture-project';
import { gitProject } from '../git-project';

const run = promisify(execFile);

/** A shallow clone (`--depth`) of a project, as CI checkouts often are. */
async function shallowClone(dir: string, depth: number): Promise<string> {
  const target = join(await mkdtemp(join(tmpdir(), 'sendoff-shallow-')), 'clone');
  await run('git', ['clone', '-q', `--depth=${depth}`, `file://${dir}`, target]);
  return target;
}

describe('page history from git', () => {
  it('dates each content file by its last commit, in one pass', async () => {
    const project = await gitProject();
    const base = (await project.git('rev-parse', 'HEAD')).trim();
    await project.replace('sops/pay.mdx', '    due: 0d\n', '    due: -5bd\n');
    const change = await project.commit('Invoice earlier');
    const history = await readFileHistory(project.dir);
    expect(history.get('sops/pay.mdx')).toEqual({ commit: change, author: 'Test', date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) });
    expect(history.get('sops/notify.mdx')?.commit).toBe(base);
    expect(history.get('templates/playbooks/basic.yaml')?.commit).toBe(base);
    expect(history.size).toBe(9);
  });

  it('gives no date at all outside a repository, quietly', async () => {
    expect((await readFileHistory(await fixtureProject('_base'))).size).toBe(0);
    expect(await readFileHistory(join(tmpdir(), 'sendoff-does-not-exist'))).toEqual(new Map());
    expect(await recentChanges(await fixtureProject('_base'))).toEqual([]);
  });

  it('in a shallow clone, dates only what changed inside the clone (its oldest commit would claim every file)', async () => {
    const project = await gitProject();
    await project.replace('sops/pay.mdx', '    due: 0d\n', '    due: -5bd\n');
    const change = await project.commit('Invoice earlier');

    const one = await shallowClone(project.dir, 1);
    expect((await readFileHistory(one)).size).toBe(0);
    const [only] = await recentChanges(one);
    expect(only).toMatchObject({ commit: change, report: null, note: 'Earlier history is not in this clone (a shallow checkout), so this commit cannot be compared.' });

    const two = await shallowClone(project.dir, 2);
    expect([...(await readFileHistory(two)).keys()]).toEqual(['sops/pay.mdx']);
  });
});

describe('/changes/: recent content commits with their summaries', () => {
  it('summarises each commit against its parent, newest first, and leaves out commits outside the content', async () => {
    const project = await gitProject();
    await project.replace('sops/pay.mdx', '    due: 0d\n', '    due: -5bd\n');
    await project.commit('Invoice earlier');
    await project.write('README.md', 'Docs.\n');
    await project.commit('Docs only');
    await project.replace('templates/emails/hello.md', 'Tell us how we did: {{ links.feedback }}\n', '');
    await project.commit('No feedback link');

    const commits = await recentChanges(project.dir);
    expect(commits.map((commit) => [commit.subject, commit.files, commit.note])).toEqual([
      ['No feedback link', ['templates/emails/hello.md'], undefined],
      ['Invoice earlier', ['sops/pay.mdx'], undefined],
      ['Base library', expect.arrayContaining(['sops/pay.mdx', 'content/team.yaml']), 'The first version of the content.'],
    ]);
    expect(commits[0]!.report!.impact).toBeNull();
    expect(formatDiffMarkdown(commits[1]!.report!, { title: false, headingLevel: 2 })).toBe(
      [
        '| | Changed |',
        '| --- | ---: |',
        '| SOPs | 1 |',
        '| Tasks | 1 |',
        '',
        '### SOPs',
        '',
        '#### Get paid',
        '',
        'Changed · `sops/pay.mdx`',
        '',
        '- **Changed task:** “Send the final invoice”',
        '  - Due: on the contract end date → 5 working days before the contract end (`0d` → `-5bd`)',
        '',
      ].join('\n'),
    );
  });

  it('lists each content change once, under the commit that made it: a merge is left out', async () => {
    const project = await gitProject();
    await project.git('checkout', '-q', '-b', 'invoice-earlier');
    await project.replace('sops/pay.mdx', '    due: 0d\n', '    due: -5bd\n');
    await project.commit('Invoice earlier');
    await project.git('checkout', '-q', 'main');
    await project.write('README.md', 'Docs.\n');
    await project.commit('Docs only');
    await project.git('-c', 'user.name=Test', '-c', 'user.email=test@example.com', 'merge', '-q', '--no-ff', '-m', 'Merge invoice-earlier', 'invoice-earlier');

    const commits = await recentChanges(project.dir);
    expect(commits.map((commit) => [commit.subject, commit.files])).toEqual([
      ['Invoice earlier', ['sops/pay.mdx']],
      ['Base library', expect.arrayContaining(['sops/pay.mdx'])],
    ]);
  });

  it('leaves client records out when the site is built without client pages', async () => {
    const project = await gitProject();
    await project.replace('content/clients/acme.yaml', 'end: 2027-01-29', 'end: 2027-02-26');
    await project.replace('sops/pay.mdx', '    due: 0d\n', '    due: -5bd\n');
    await project.commit('Invoice earlier; one contract runs a month longer');
    const [withClients] = await recentChanges(project.dir);
    expect(withClients!.report!.clients.map((change) => change.fields)).toEqual([[{ field: 'contract.end', from: '2027-01-29', to: '2027-02-26' }]]);
    const [without] = await recentChanges(project.dir, { clients: false });
    expect(without!.files).toEqual(['sops/pay.mdx']);
    expect(without!.report!.clients).toEqual([]);
    expect(JSON.stringify(without)).not.toContain('Acme');
  });
});

describe('edit and history links from company.repo', () => {
  it.each([
    ['https://github.com/acme/offboarding', 'https://github.com/acme/offboarding/edit/main/sops/a b.mdx', 'https://github.com/acme/offboarding/commits/main/sops/a b.mdx'],
    ['https://gitlab.com/acme/offboarding.git', 'https://gitlab.com/acme/offboarding/-/edit/main/sops/a b.mdx', 'https://gitlab.com/acme/offboarding/-/commits/main/sops/a b.mdx'],
    ['https://git.acme.example.com/ops/offboarding/', 'https://git.acme.example.com/ops/offboarding/edit/main/sops/a b.mdx', 'https://git.acme.example.com/ops/offboarding/commits/main/sops/a b.mdx'],
  ])('%s', (repo, edit, history) => {
    expect(repoLinks(repo, 'sops/a b.mdx')).toEqual({ edit: edit.replace(' ', '%20'), history: history.replace(' ', '%20') });
  });

  it('gives no links without a repository URL', () => {
    expect(repoLinks(undefined, 'sops/a.mdx')).toBeNull();
    expect(repoLinks('mailto:ops@example.com', 'sops/a.mdx')).toBeNull();
    expect(commitLink('https://github.com/acme/offboarding', 'abc123')).toBe('https://github.com/acme/offboarding/commit/abc123');
  });
});
