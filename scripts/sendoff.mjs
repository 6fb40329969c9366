#!/usr/bin/env node
// `npm run check`: the `sendoff` program (src/cli/sendoff.ts) run from a bundle compiled once per
// version of its source (src/integrations/bundle.mjs), instead of through tsx, which compiles and loads some
// hundred modules on every run (twice the CPU of loading one bundle).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureBundle } from '../src/integrations/bundle.mjs';

const outdir = await ensureBundle(
  'cli',
  { sendoff: 'src/cli/sendoff.ts', 'mermaid-worker': 'src/lib/check/rules/mermaid-worker.ts' },
  // The worker the mermaid rule starts is the bundled one, beside this bundle (see rules/mermaid.ts).
  { SENDOFF_MERMAID_WORKER: '"./mermaid-worker.js"' },
);
await import(pathToFileURL(join(outdir, 'sendoff.js')).href);
