import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The config lives in test/ to keep the top level to the folders authors use; paths are from the root.
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    env: { ASTRO_TELEMETRY_DISABLED: '1' },
    projects: [
      // Pure logic and fixture folders: no build, runs in seconds (`vitest run --project unit`).
      // Each file keeps mermaid's parser workers between its checks (test/unit/setup.ts).
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], setupFiles: ['test/unit/setup.ts'], testTimeout: 30_000 } },
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
