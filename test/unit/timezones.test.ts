import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { dumpRuns } from './helpers/dump-runs';

const run = promisify(execFile);

/** Runs the dump in a fresh Node process with its own `TZ` (a process reads TZ once, at start). */
async function dumpIn(tz: string) {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', resolve('test/unit/helpers/dump-runs.ts')], {
    env: { ...process.env, TZ: tz },
    maxBuffer: 256 * 1024 * 1024,
  });
  return JSON.parse(stdout) as { tz: string; offset: number; runs: Record<string, unknown> };
}

describe('runs and exports are the same in every time zone', () => {
  it('in America/Los_Angeles, UTC and Pacific/Kiritimati, across DST changes and the year end', { timeout: 120_000 }, async () => {
    const [losAngeles, utc, kiritimati] = await Promise.all(['America/Los_Angeles', 'UTC', 'Pacific/Kiritimati'].map(dumpIn));
    // Each child really ran in its zone: UTC-7 in July, UTC, UTC+14.
    expect([losAngeles!.tz, losAngeles!.offset]).toEqual(['America/Los_Angeles', 420]);
    expect([utc!.tz, utc!.offset]).toEqual(['UTC', 0]);
    expect([kiritimati!.tz, kiritimati!.offset]).toEqual(['Pacific/Kiritimati', -840]);
    const here = JSON.parse(JSON.stringify(await dumpRuns())) as Record<string, unknown>; // as the children print it
    expect(Object.keys(here).length).toBe(21);
    expect(losAngeles!.runs).toEqual(here);
    expect(utc!.runs).toEqual(here);
    expect(kiritimati!.runs).toEqual(here);
  });
});
