import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import type { TestProject } from 'vitest/node';

const run = promisify(execFile);

/** The date the test build treats as today, so "working days left" and review states are stable. */
export const TEST_TODAY = '2026-11-25';

/**
 * Builds the starter site once for every build and browser test, with the real `astro build`, into
 * its own folder (a developer's `dist/` is left alone).
 */
export default async function setup(project: TestProject) {
  const outDir = resolve('test-results/dist');
  await rm(outDir, { recursive: true, force: true });
  const started = Date.now();
  await run(process.execPath, [resolve('node_modules/astro/bin/astro.mjs'), 'build', '--outDir', outDir], {
    env: { ...process.env, SENDOFF_TODAY: TEST_TODAY, ASTRO_TELEMETRY_DISABLED: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  project.provide('distDir', outDir);
  project.provide('buildSeconds', (Date.now() - started) / 1000);
}

declare module 'vitest' {
  export interface ProvidedContext {
    distDir: string;
    buildSeconds: number;
  }
}
