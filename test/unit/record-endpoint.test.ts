import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleRecordRequest, sameOriginProblem, type RecordHttpRequest } from '../../src/lib/record/record-request';
import { fixtureProject } from '../fixture-project';

/**
 * The dev server's record endpoint, called as a function on a copy of the base fixture: what the
 * client page's tick sends, what a hostile page could send, and what ends up in the client file.
 */

const ORIGIN = 'http://localhost:4441';
const CLIENT_FILE = 'content/clients/acme.yaml';
const COMMENTED = `# Acme leaves at the end of January.
name: Acme # the legal name is Acme Ltd
playbook: basic
contract: { start: 2026-01-01, end: 2027-01-29 }
contacts:
  - { name: Cy Doe, email: cy@acme.example.com, primary: true }
team: { lead: ana, finance: ben }
`;

let root: string;
beforeAll(async () => {
  root = await fixtureProject('_base');
  await writeFile(join(root, CLIENT_FILE), COMMENTED);
  // An item that asks a typed answer, as an exit interview does.
  const pay = await readFile(join(root, 'sops/pay.mdx'), 'utf8');
  await writeFile(
    join(root, 'sops/pay.mdx'),
    pay.replace('    email: invoice\n', '    email: invoice\n    answer: { type: rating, question: How would you rate us?, scale: 10 }\n'),
  );
});
afterAll(() => rm(root, { recursive: true, force: true }));

function post(body: unknown, headers: Record<string, string> = {}): RecordHttpRequest {
  return {
    method: 'POST',
    headers: { host: 'localhost:4441', origin: ORIGIN, 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  };
}

const record = (request: RecordHttpRequest) => handleRecordRequest(request, { root, today: '2026-12-01' });
const clientText = () => readFile(join(root, CLIENT_FILE), 'utf8');

describe('the dev server record endpoint', () => {
  it('refuses a request from another site, a form post and a GET, and writes nothing', async () => {
    const good = { client: 'acme', item: 'notify#tell', by: 'ana' };
    const crossSite = await record(post(good, { origin: 'https://evil.example' }));
    expect(crossSite.status).toBe(403);
    expect(crossSite.body).toMatchObject({ ok: false, error: expect.stringContaining('another site than this dev server') });
    expect((await record(post(good, { origin: '' }))).status).toBe(403);
    // A plain HTML form can post without a preflight, but never as application/json.
    expect((await record(post(good, { 'content-type': 'application/x-www-form-urlencoded' }))).status).toBe(415);
    expect((await record({ ...post(good), method: 'GET' })).status).toBe(405);
    // DNS rebinding: evil.example resolved to 127.0.0.1 sends a matching Host and Origin.
    expect((await record(post(good, { host: 'evil.example:4441', origin: 'http://evil.example:4441' }))).status).toBe(403);
    expect(await clientText()).toBe(COMMENTED);
  });

  it('refuses an unknown client with a suggestion, and builds no path from it', async () => {
    const unknown = await record(post({ client: 'acne', item: 'notify#tell', by: 'ana' }));
    expect(unknown).toEqual({ status: 404, body: { ok: false, error: 'unknown client "acne"', hint: 'did you mean "acme"?' } });
    const traversal = await record(post({ client: '../../package', item: 'notify#tell', by: 'ana' }));
    expect(traversal.status).toBe(400);
    expect(traversal.body).toMatchObject({ ok: false, error: expect.stringMatching(/^client: expected a kebab-case id/) });
  });

  it('refuses a task outside the run and a person not on the team, saying what was meant', async () => {
    const item = await record(post({ client: 'acme', item: 'notify#tel', by: 'ana' }));
    expect(item.body).toEqual({
      ok: false,
      error: 'Acme: no task "notify#tel" in this client\'s run (playbook "basic")',
      hint: 'did you mean "notify#tell"? A task is named by its global id, <sop-id>#<item-id>.',
    });
    const person = await record(post({ client: 'acme', item: 'notify#tell', by: 'anna' }));
    expect(person.body).toEqual({ ok: false, error: 'by: "anna" is not a person in content/team.yaml', hint: 'did you mean "ana"?' });
    expect(await clientText()).toBe(COMMENTED);
  });

  it("refuses an answer the item does not ask for, with check's message, and writes nothing", async () => {
    const bad = await record(post({ client: 'acme', item: 'pay#invoice', by: 'ben', answer: 11 }));
    expect(bad.status).toBe(400);
    expect(bad.body.ok).toBe(false);
    expect(!bad.body.ok && bad.body.error).toMatch(/1 to 10/);
    const future = await record(post({ client: 'acme', item: 'notify#tell', by: 'ana', on: '2026-12-02' }));
    expect(future.status).toBe(400);
    expect(!future.body.ok && future.body.error).toMatch(/after today/);
    expect(await clientText()).toBe(COMMENTED);
  });

  it('writes a good request into the client file, comments kept, and un-records it on undo', async () => {
    const done = await record(post({ client: 'acme', item: 'notify#tell', by: 'ana', on: '2026-11-24', note: 'Told Cy by phone' }));
    expect(done).toEqual({
      status: 200,
      body: { ok: true, client: 'acme', item: 'notify#tell', file: CLIENT_FILE, entry: { on: '2026-11-24', by: 'ana', note: 'Told Cy by phone' } },
    });
    const rated = await record(post({ client: 'acme', item: 'pay#invoice', by: 'ben', answer: 9 }));
    expect(rated.body).toMatchObject({ ok: true, entry: { on: '2026-12-01', by: 'ben', answer: 9 } });
    expect(await clientText()).toBe(
      `${COMMENTED}done:\n  notify#tell: { on: 2026-11-24, by: ana, note: Told Cy by phone }\n  pay#invoice: { on: 2026-12-01, by: ben, answer: 9 }\n`,
    );
    // No temporary file left beside it.
    expect(await readdir(join(root, 'content/clients'))).toEqual(['acme.yaml']);

    const undone = await record(post({ client: 'acme', item: 'pay#invoice', undo: true }));
    expect(undone.body).toMatchObject({ ok: true, entry: null });
    const undoneToo = await record(post({ client: 'acme', item: 'notify#tell', undo: true }));
    expect(undoneToo.status).toBe(200);
    expect(await clientText()).toBe(COMMENTED);
  });
});

describe('same origin', () => {
  it.each([
    ['http://localhost:4321', 'localhost:4321', null],
    ['http://127.0.0.1:4321', '127.0.0.1:4321', null],
    ['http://[::1]:4321', '[::1]:4321', null],
    ['http://localhost:4321', 'localhost:4322', 'another site'],
    ['null', 'localhost:4321', 'not an address'],
    ['http://dev.internal:4321', 'dev.internal:4321', 'allowedHosts'],
  ])('%s on host %s', (origin, host, problem) => {
    const found = sameOriginProblem(origin, host);
    if (problem === null) expect(found).toBeNull();
    else expect(found).toContain(problem);
  });

  it("accepts a host the developer allowed in Vite's server.allowedHosts", () => {
    expect(sameOriginProblem('http://dev.internal:4321', 'dev.internal:4321', ['dev.internal'])).toBeNull();
  });
});
