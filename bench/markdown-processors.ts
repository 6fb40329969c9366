import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { generateCorpus } from './corpus';

/**
 * Measures Astro 7's two Markdown processors on the same generated SOPs: unified (remark plugins:
 * remark-gfm, our mermaid and callout steps) against Sätteri (the Rust default, no remark plugins).
 * `npx tsx bench/markdown-processors.ts 300 3` → median wall time of 3 builds each.
 */
const run = promisify(execFile);
const sops = Number(process.argv[2] ?? 300);
const rounds = Number(process.argv[3] ?? 3);
const dir = join(tmpdir(), 'sendoff-md-bench');
await generateCorpus(dir, { sops, emails: 10, playbooks: 2, clients: 0 });

const results: Record<string, number[]> = { unified: [], satteri: [] };
for (let round = 0; round < rounds; round++) {
  for (const processor of Object.keys(results)) {
    const started = performance.now();
    await run(process.execPath, ['node_modules/astro/bin/astro.mjs', 'build'], {
      cwd: dir,
      env: { ...process.env, SENDOFF_MARKDOWN: processor, ASTRO_TELEMETRY_DISABLED: '1' },
      maxBuffer: 256 * 1024 * 1024,
    });
    results[processor]!.push((performance.now() - started) / 1000);
  }
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
for (const [processor, times] of Object.entries(results)) {
  console.log(`${processor.padEnd(8)} median ${median(times).toFixed(1)} s over ${times.length} builds of ${sops} SOPs (${times.map((t) => t.toFixed(1)).join(', ')})`);
}
