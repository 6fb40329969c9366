import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // The build and browser tests share one real build of the starter site (made in global setup).
    testTimeout: 60_000,
    hookTimeout: 180_000,
    env: { ASTRO_TELEMETRY_DISABLED: '1' },
  },
});
