import { spawn } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { median, timeCommand, type Timed } from './measure';

/**
 * What `sendoff check` and the dev server's re-check cost on a generated library (`bench/corpus.ts`):
 * `npm run bench` reports both, and `npx tsx bench/check.ts` measures only these, without a build.
 */

/** Every cache `sendoff check` keeps between runs (`node_modules/.cache/sendoff`): removed for a cold run. */
export const CHECK_CACHE = 'node_modules/.cache/sendoff';

export interface CheckFigures {
  /** Median of the cold runs: no cache from a previous run (the cache folder removed before each). */
  seconds: number;
  runs: number[];
  /** Median of the warm runs: the same library checked again, with what the previous run cached. */
  warmSeconds: number;
  warmRuns: number[];
  /** CPU seconds (user + system) of each cold and warm run: what the work costs, whatever else the machine is doing. */
  cpuRuns: { cold: (number | null)[]; warm: (number | null)[] };
  peakRssMB: number | null;
}

const round = (value: number, digits = 2) => Number(value.toFixed(digits));

/**
 * Runs `sendoff check` on the library `repeats` times cold, then `repeats` times warm, the way `npm run
 * check` does (`scripts/sendoff.mjs`: cold, its compiled bundle is built again too). A check that finds
 * errors stops the bench with its report.
 */
export async function measureCheck(corpusDir: string, env: NodeJS.ProcessEnv, repeats = 3): Promise<CheckFigures> {
  const once = async (): Promise<Timed> => {
    const result = await timeCommand(process.execPath, ['scripts/sendoff.mjs', 'check', '--root', corpusDir], { cwd: corpusDir, env });
    if (result.code !== 0) throw new Error(`sendoff check found problems in the generated corpus:\n${result.output.slice(-4000)}`);
    return result;
  };
  const cold: Timed[] = [];
  for (let run = 0; run < repeats; run++) {
    // The corpus links the repository's node_modules: this removes the same cache the repository's own checks use.
    await rm(join(corpusDir, CHECK_CACHE), { recursive: true, force: true });
    cold.push(await once());
  }
  const warm: Timed[] = [];
  for (let run = 0; run < repeats; run++) warm.push(await once());
  const seconds = (runs: Timed[]) => runs.map((run) => round(run.seconds));
  return {
    seconds: round(median(cold.map((run) => run.seconds))),
    runs: seconds(cold),
    warmSeconds: round(median(warm.map((run) => run.seconds))),
    warmRuns: seconds(warm),
    cpuRuns: { cold: cold.map((run) => run.cpuSeconds && round(run.cpuSeconds)), warm: warm.map((run) => run.cpuSeconds && round(run.cpuSeconds)) },
    peakRssMB: Math.max(...[...cold, ...warm].map((run) => run.peakRssMB ?? 0)) || null,
  };
}

export interface DevFeedback {
  /** From starting `astro dev` to its "ready" line, the content check included. */
  readySeconds: number;
  /** The SOP edited. */
  file: string;
  /** From writing an error into the SOP to the server printing a report that counts it (median, and each run). */
  errorSeconds: number;
  errorRuns: number[];
  /** From writing the fix back to the server printing the report without the error. */
  cleanSeconds: number;
  cleanRuns: number[];
}

/** "2 errors, 1 warning in 2 files": the last line of every content report. */
const SUMMARY = /(\d+) errors?, \d+ warnings? in \d+ files?/g;

/** A free TCP port on 127.0.0.1 (the dev server would move to the next port itself, but quietly). */
function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Starts `astro dev` on the library, waits until it is ready and quiet, then `repeats` times: writes an
 * error into one SOP (an owner role the team does not have) and times until the server prints a report
 * that counts one more error than before, then writes the file back and times until the report is back
 * to no errors. The figure is what an author waits for between saving and reading the problem.
 */
export async function measureDevFeedback(corpusDir: string, env: NodeJS.ProcessEnv, repeats = 3): Promise<DevFeedback> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [resolve('node_modules/astro/bin/astro.mjs'), 'dev', '--port', String(port), '--host', '127.0.0.1'], {
    cwd: corpusDir,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  let lastOutput = performance.now();
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += stripVTControlCharacters(chunk.toString('utf8'));
    lastOutput = performance.now();
    for (const listener of listeners) listener();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  let exited = false;
  child.on('exit', () => {
    exited = true;
    for (const listener of listeners) listener();
  });

  /** Resolves with the time when `test` first holds on the output written after `from`. */
  const waitFor = (from: number, test: (text: string) => boolean, what: string, timeoutMs = 120_000) =>
    new Promise<number>((resolveWait, reject) => {
      const timer = setTimeout(() => done(new Error(`the dev server did not ${what} within ${timeoutMs / 1000} s:\n${output.slice(-3000)}`)), timeoutMs);
      const check = () => {
        if (test(output.slice(from))) done(null, performance.now());
        else if (exited) done(new Error(`the dev server stopped before it could ${what}:\n${output.slice(-3000)}`));
      };
      const done = (error: Error | null, at = 0) => {
        clearTimeout(timer);
        listeners.delete(check);
        if (error) reject(error);
        else resolveWait(at);
      };
      listeners.add(check);
      check();
    });
  const quiet = async (ms: number) => {
    while (performance.now() - lastOutput < ms) await new Promise((wake) => setTimeout(wake, 100));
  };
  /** The error counts of the reports in a stretch of output. */
  const errorsIn = (text: string) => [...text.matchAll(SUMMARY)].map((match) => Number(match[1]));

  const file = 'sops/sop-0001.mdx';
  const path = join(corpusDir, file);
  const original = await readFile(path, 'utf8');
  const broken = original.replace(/^owner: .+$/m, 'owner: nobody-here');
  if (broken === original) throw new Error(`${file} has no owner line to break`);
  try {
    const ready = await waitFor(0, (text) => /ready in [\d.]+ m?s/.test(text), 'start');
    // Astro keeps working after "ready" (dependency optimisation): measure saves once it is idle.
    await quiet(3000);
    const before = errorsIn(output).at(-1) ?? 0;
    const errorRuns: number[] = [];
    const cleanRuns: number[] = [];
    for (let run = 0; run < repeats; run++) {
      let from = output.length;
      let saved = performance.now();
      await writeFile(path, broken);
      errorRuns.push(((await waitFor(from, (text) => errorsIn(text).some((n) => n > before) && text.includes(file), 'report the error')) - saved) / 1000);
      await quiet(1500);
      from = output.length;
      saved = performance.now();
      await writeFile(path, original);
      cleanRuns.push(((await waitFor(from, (text) => errorsIn(text).some((n) => n === before) || text.includes('Content check: no problems.'), 'report the fix')) - saved) / 1000);
      await quiet(1500);
    }
    return {
      readySeconds: round((ready - started) / 1000),
      file,
      errorSeconds: round(median(errorRuns)),
      errorRuns: errorRuns.map((value) => round(value)),
      cleanSeconds: round(median(cleanRuns)),
      cleanRuns: cleanRuns.map((value) => round(value)),
    };
  } finally {
    await writeFile(path, original);
    if (!exited) {
      const gone = new Promise((resolveExit) => child.once('exit', resolveExit));
      // The server and anything it started (esbuild's service) share the process group it leads.
      process.kill(-child.pid!, 'SIGTERM');
      await Promise.race([gone, new Promise((wake) => setTimeout(wake, 5000))]);
      if (!exited) process.kill(-child.pid!, 'SIGKILL');
    }
  }
}
