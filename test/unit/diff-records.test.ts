import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiffMarkdown } from '../../src/lib/diff';
import { diffProject } from '../../src/lib/history/versions';
import { gitProject } from '../git-project';

const TODAY = '2026-11-25';
const ACME = 'content/clients/acme.yaml';

/** Commits the change, then diffs the commit against its parent as `npm run diff` would. */
async function diffAfter(project: Awaited<ReturnType<typeof gitProject>>, message: string) {
  await project.commit(message);
  const { report } = await diffProject(project.dir, { base: 'HEAD~1', head: 'HEAD', today: TODAY });
  return { report, markdown: formatDiffMarkdown(report), section: formatDiffMarkdown(report).split('### Recorded progress\n\n')[1]?.split('\n\n')[0] };
}

/** Acme's file with a done: record appended. */
const withDone = (entries: string) => async (project: Awaited<ReturnType<typeof gitProject>>) => {
  const text = await readFile(join(project.dir, ACME), 'utf8');
  await project.write(ACME, `${text.replace(/\ndone:\n[\s\S]*$/, '\n')}done:\n${entries}`);
};

describe('sendoff diff: the clients’ shared records in words, one line per person and client', () => {
  it('says who recorded which tasks for which client, and never a note or an answer', async () => {
    const project = await gitProject();
    await withDone(
      '  notify#tell: { on: 2026-11-02, by: ana, note: Called Cy at home }\n  notify#confirm: { on: 2026-11-03, by: ana }\n  pay#invoice: { on: 2026-11-20, by: ben, note: Paid by transfer }\n',
    )(project);
    const { report, markdown, section } = await diffAfter(project, 'Record three tasks');
    expect(section).toMatchInlineSnapshot(`
      "- Ana Lima recorded 2 tasks done for Acme: “Tell the client”, “Get a confirmation”
      - Ben Ode recorded 1 task done for Acme: “Send the final invoice”"
    `);
    expect(report.records[0]).toEqual({
      client: { id: 'acme', name: 'Acme' },
      person: { id: 'ana', name: 'Ana Lima' },
      recorded: [
        { globalId: 'notify#tell', task: 'Tell the client', on: '2026-11-02', onLabel: 'Nov 2, 2026' },
        { globalId: 'notify#confirm', task: 'Get a confirmation', on: '2026-11-03', onLabel: 'Nov 3, 2026' },
      ],
      undone: [],
      redated: [],
      reassigned: [],
      details: [],
    });
    expect(markdown).toContain('| Recorded tasks | 3 |');
    // The client's own section does not repeat it as "other details changed".
    expect(report.clients).toEqual([]);
    for (const secret of ['Called Cy', 'Paid by transfer']) {
      expect(markdown).not.toContain(secret);
      expect(JSON.stringify(report)).not.toContain(secret);
    }
  });

  it('says which records were undone, re-dated, taken over, or had their note or answer changed (not shown)', async () => {
    const project = await gitProject();
    await withDone('  notify#tell: { on: 2026-11-02, by: ana }\n  notify#confirm: { on: 2026-11-03, by: ana }\n  pay#invoice: { on: 2026-11-20, by: ben, note: Paid by card }\n')(project);
    await project.commit('Record three tasks');
    await withDone('  notify#tell: { on: 2026-11-04, by: ana }\n  pay#invoice: { on: 2026-11-20, by: ana, note: Paid by transfer }\n')(project);
    const { report, section } = await diffAfter(project, 'Fix the records');
    expect(section).toMatchInlineSnapshot(`
      "- Ana Lima’s record of 1 task for Acme is removed: “Get a confirmation” (was Nov 3, 2026)
      - Ana Lima’s record of 1 task for Acme has a new date: “Tell the client” (Nov 2, 2026 → Nov 4, 2026)
      - 1 task for Acme is now recorded as done by Ana Lima: “Send the final invoice” (was Ben Ode)
      - The note or answer Ana Lima recorded for 1 task for Acme changed (not shown): “Send the final invoice”"
    `);
    expect(JSON.stringify(report)).not.toContain('Paid by');
  });
});
