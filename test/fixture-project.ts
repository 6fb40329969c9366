import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * A fixture project: `test/fixtures/_base` (a tiny, valid library) with the scenario folder's files
 * laid over it, in a temp folder. Each scenario holds only the files it breaks.
 */
export async function fixtureProject(scenario: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `sendoff-${scenario}-`));
  await cp(resolve('test/fixtures/_base'), dir, { recursive: true });
  if (scenario !== '_base') await cp(resolve('test/fixtures', scenario), dir, { recursive: true, force: true });
  return dir;
}
