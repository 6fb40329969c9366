import { describe, expect, it } from 'vitest';
import { renderBodiesEarly, type BodyJob } from '../../src/loaders/body-pool';
import { renderBodies } from '../../src/loaders/render-bodies';
import { renderSopBody } from '../../src/lib/content/render-body';

/** Enough bodies for the worker to start (a cold build has a thousand). */
const jobs: BodyJob[] = Array.from({ length: 90 }, (_, index) => ({
  body: `## Step ${index}\n\nSend the “final” invoice to client ${index} -- then *archive* it.\n\n| A | B |\n| - | - |\n| ${index} | x |\n\n\`\`\`yaml\nstep: ${index}\n\`\`\`\n`,
  file: index % 2 ? `sops/s${index}.mdx` : `sops/s${index}.md`,
  line: 3 + index,
}));
const alone = (list: BodyJob[]) => Promise.all(list.map((job) => renderSopBody(job.body, job.file, job.line)));

describe('SOP bodies rendered on two cores during a content sync', () => {
  it('gives each body the HTML and headings it gets on its own, in order, whichever thread renders it', async () => {
    const expected = await alone(jobs);
    const byWorker = await renderBodies(jobs, { workerOnly: true });
    expect(byWorker.byWorker).toBe(jobs.length);
    expect(byWorker.bodies).toEqual(expected);
    expect(byWorker.bodies[7]!.headings[0]!.text).toBe('Step 7');
    // Both threads sharing the bodies (how many each takes depends on how fast the worker starts).
    expect((await renderBodies(jobs)).bodies).toEqual(expected);
  });

  it('reports a body that cannot be rendered with the error it gives on its own, though the worker met it first', async () => {
    const broken: BodyJob = { body: 'Intro\n\n<Callout>\nnever closed\n', file: 'sops/broken.mdx', line: 5 };
    const error = await renderSopBody(broken.body, broken.file, broken.line).then(() => null, (thrown: Error) => thrown.message);
    expect(error).toMatch(/closing tag/);
    await expect(renderBodies([...jobs.slice(0, 40), broken, ...jobs.slice(40)], { workerOnly: true })).rejects.toThrow(error!);
  });

  it('renders a few bodies (a dev-server save) on this thread alone', async () => {
    const { bodies, byWorker } = await renderBodies(jobs.slice(0, 3));
    expect(byWorker).toBe(0);
    expect(bodies).toEqual(await alone(jobs.slice(0, 3)));
  });

  it('joins the worker the pre-flight started for the same bodies, and stops one started for others', async () => {
    const expected = await alone(jobs);
    renderBodiesEarly(jobs);
    const joined = await renderBodies(jobs);
    expect(joined.early).toBe(true);
    expect(joined.bodies).toEqual(expected);
    // A warm build asks for other bodies (the changed ones): the early worker is stopped, nothing is mixed up.
    renderBodiesEarly(jobs);
    const others = jobs.slice(10, 80);
    const fresh = await renderBodies(others);
    expect(fresh.early).toBe(false);
    expect(fresh.bodies).toEqual(expected.slice(10, 80));
    // Loaders without bodies leave the early worker to the SOPs' loader.
    renderBodiesEarly(jobs);
    expect((await renderBodies([])).early).toBe(false);
    expect((await renderBodies(jobs)).early).toBe(true);
  });
});
