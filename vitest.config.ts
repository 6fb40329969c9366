import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    env: { ASTRO_TELEMETRY_DISABLED: '1' },
    projects: [
      // Pure logic and fixture folders: no build, runs in seconds (`vitest run --project unit`).
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 30_000 } },
      // The real site: one `astro build` in global setup, then build assertions and Chromium tests.
      {
        test: {
          name: 'site',
          include: ['test/build/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 240_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
