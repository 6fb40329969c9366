import { CHROMIUM, hasChromium } from './harness';

/**
 * Browser tests run when Chromium is installed. CI sets SENDOFF_REQUIRE_BROWSER=1 so a missing browser
 * fails the run instead of silently skipping it; elsewhere a missing browser skips them, loudly.
 */
export const browserAvailable = hasChromium();
if (!browserAvailable) {
  if (process.env.SENDOFF_REQUIRE_BROWSER === '1') {
    throw new Error(`SENDOFF_REQUIRE_BROWSER=1 but ${CHROMIUM} is missing: apt-get install -y chromium`);
  }
  console.warn(`\n!!! Browser tests SKIPPED: ${CHROMIUM} not found. Install it with \`apt-get install -y chromium\` (or run .ci/run).\n`);
}
