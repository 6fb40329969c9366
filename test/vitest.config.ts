import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** Unit test files that replace a module (vi.mock): each runs with a module graph of its own. */
const MOCKING = ['test/unit/dev-recheck.test.ts', 'test/unit/template-safety-browser.test.ts'];

export default defineConfig({
  // The config lives in test/ to keep the top level to the folders authors use; paths are from the root.
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    env: { ASTRO_TELEMETRY_DISABLED: '1' },
    // Both cores of the 2-core machines this runs on (Vitest leaves one free by default); the site
    // project runs its files one at a time all the same (one build, one Chromium).
    maxWorkers: 2,
    projects: [
      // Pure logic and fixture folders: no build, runs in seconds (`vitest run --project 'unit*'`).
      // Each file keeps mermaid's parser workers between its checks (test/unit/setup.ts). Files share
      // their worker's modules (no isolation): importing Astro's Markdown, shiki and zod again for each
      // of 70 files was 40 % of the project's time (71 s isolated on one worker, 30-35 s like this on two).
      // Tests that change shared state put it back (the client pool, TZ, fake timers); the files that
      // replace a module with vi.mock run isolated, where the mock cannot leak or come too late.
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], exclude: MOCKING, setupFiles: ['test/unit/setup.ts'], testTimeout: 30_000, isolate: false } },
      { test: { name: 'unit:mocks', include: MOCKING, setupFiles: ['test/unit/setup.ts'], testTimeout: 30_000 } },
      // The real site: one `astro build` in global setup, then build assertions and Chromium tests.
      {
        test: {
          name: 'site',
          include: ['test/build/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 240_000,
          // Chromium draws diagrams and builds generated runs in a few hundred ms, but the 2-core machines
          // these run on are shared: wait up to 10 s before a poll fails, instead of Vitest's 1 s.
          expect: { poll: { timeout: 10_000 } },
          fileParallelism: false,
        },
      },
    ],
  },
});
