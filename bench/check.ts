import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_SIZE, generateCorpus } from './corpus';
import { measureCheck, measureDevFeedback } from './check-speed';

/**
 * `npx tsx bench/check.ts [--sops N] [--clients N] [--keep]`: only the check figures of `npm run bench`
 * (`sendoff check` cold and warm, and the dev server's report after a save), without building the site.
 */
const { values: flags } = parseArgs({ options: { sops: { type: 'string' }, clients: { type: 'string' }, keep: { type: 'boolean', default: false } } });
const size = { ...DEFAULT_SIZE, ...(flags.sops ? { sops: Number(flags.sops) } : {}), ...(flags.clients ? { clients: Number(flags.clients) } : {}) };
const env = { SENDOFF_TODAY: '2026-11-25', ASTRO_TELEMETRY_DISABLED: '1' };
const workRoot = resolve('bench/out');
await mkdir(workRoot, { recursive: true });
const workDir = await mkdtemp(join(workRoot, 'check-'));
const corpusDir = join(workDir, 'sendoff');
try {
  console.log(`bench: generating ${size.sops} SOPs, ${size.emails} emails, ${size.playbooks} playbooks, ${size.clients} clients in ${workDir}`);
  await generateCorpus(corpusDir, size);
  console.log('bench: sendoff check ×3 cold, ×3 warm');
  const check = await measureCheck(corpusDir, env);
  console.log(`check cold ${check.seconds} s (${check.runs.join(', ')}), warm ${check.warmSeconds} s (${check.warmRuns.join(', ')}), CPU s cold ${check.cpuRuns.cold.join(', ')}, warm ${check.cpuRuns.warm.join(', ')}, peak RSS ${check.peakRssMB} MB`);
  console.log('bench: astro dev, one SOP broken and fixed ×3');
  const dev = await measureDevFeedback(corpusDir, env);
  console.log(`dev ready ${dev.readySeconds} s; error reported after ${dev.errorSeconds} s (${dev.errorRuns.join(', ')}), fix after ${dev.cleanSeconds} s (${dev.cleanRuns.join(', ')})`);
} finally {
  if (flags.keep) console.log(`bench: kept ${workDir}`);
  else await rm(workDir, { recursive: true, force: true });
}
