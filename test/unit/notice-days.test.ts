import { beforeAll, describe, expect, it } from 'vitest';
import type { Library } from '../../src/lib/content/library';
import { validateProject } from '../../src/lib/check/validate';
import { createRenderContext } from '../../src/lib/email/render-context';
import { buildRun } from '../../src/lib/run/build-run';
import { clientNoticeDate } from '../../src/lib/run/notice';
import { fixtureProject } from '../fixture-project';
import { loadFixtureLibrary } from './helpers/fixture-library';

/** A playbook's `noticeDays` (issue 14, item 10): a 15-day performance termination beside a 30-day standard one. */
describe('noticeDays on a playbook', () => {
  let library: Library;
  beforeAll(async () => {
    library = await loadFixtureLibrary();
  });
  const withNotice = (playbookId: string, noticeDays: number | undefined): Library => {
    const playbook = { ...library.playbookById.get(playbookId)!, noticeDays };
    return { ...library, playbookById: new Map([...library.playbookById, [playbookId, playbook]]) };
  };

  it('dates a client without a notice date from its playbook’s notice period, not the company’s', () => {
    // birch: contract ends Fri 18 Dec 2026, no notice date; the company's period is 30 days.
    const birch = library.clientById.get('birch')!;
    const standard = buildRun(birch, library.playbookById.get('completion')!, library);
    expect(standard.notice).toBe('2026-11-18');
    const short = withNotice('completion', 15);
    const run = buildRun(birch, short.playbookById.get('completion')!, short);
    expect(run.notice).toBe('2026-12-03');
    // notice+1bd: Thu 3 Dec → Fri 4 Dec.
    expect(run.items.find((item) => item.globalId === 'notify#tell')?.dueDate).toBe('2026-12-04');
    expect(clientNoticeDate(short, birch)).toBe('2026-12-03');
    expect(createRenderContext(short, birch, undefined, 'lead').contract.notice).toBe('2026-12-03');
  });

  it('keeps a client’s own notice date', () => {
    const acme = library.clientById.get('acme')!; // notice: 2026-11-20
    const short = withNotice('standard', 15);
    expect(buildRun(acme, short.playbookById.get('standard')!, short).notice).toBe('2026-11-20');
  });

  it('is checked like any playbook field: a quoted number is an error at its line', async () => {
    const valid = await validateProject(await fixtureProject('notice-days'), { today: '2026-11-25', cache: false });
    expect(valid.diagnostics).toEqual([]);
    const { diagnostics } = await validateProject(await fixtureProject('notice-days-invalid'), { today: '2026-11-25', cache: false });
    expect(diagnostics.map((d) => [d.file, d.line, d.rule])).toEqual([['templates/playbooks/basic.yaml', 4, 'schema']]);
    expect(diagnostics[0]!.message).toMatch(/noticeDays/);
  });
});
