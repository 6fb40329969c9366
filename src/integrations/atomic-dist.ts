import { rmSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AstroIntegration } from 'astro';

/** The folder a build writes into, beside the output folder it replaces when it succeeds. */
export function stagingDirOf(outDir: string): string {
  return `${outDir}.sendoff-staging`;
}

/**
 * Builds into a staging folder beside `dist/` and swaps it in only when the whole build succeeded,
 * search index included: a failed build never replaces a good `dist/` with a half-written one, and
 * leaves no staging folder behind.
 *
 * Added last to the integrations (by `sendoff()`), so the swap runs after every other integration's
 * `astro:build:done` has finished with the staged files.
 */
export function atomicDist(): AstroIntegration {
  let outDir: string | undefined;
  let staging: string | undefined;
  // Astro has no hook for a failed build: it prints the error and exits, so the staging folder goes
  // when the process does. The next build also clears any left by a build that was killed.
  const removeStaging = () => {
    if (staging) rmSync(staging, { recursive: true, force: true });
  };
  return {
    name: 'sendoff:atomic-dist',
    hooks: {
      'astro:config:setup': async ({ command, config, updateConfig }) => {
        if (command !== 'build') return;
        outDir = fileURLToPath(config.outDir).replace(/[\\/]$/, '');
        staging = stagingDirOf(outDir);
        await rm(staging, { recursive: true, force: true });
        process.once('exit', removeStaging);
        updateConfig({ outDir: pathToFileURL(`${staging}/`) });
      },
      'astro:build:done': async () => {
        if (!outDir || !staging) return;
        await swapIn(staging, outDir);
        process.off('exit', removeStaging);
      },
    },
  };
}

/** Replaces `target` with `source` by renames; if the second rename fails, the old `target` is put back. */
export async function swapIn(source: string, target: string): Promise<void> {
  const previous = `${target}.sendoff-previous`;
  await rm(previous, { recursive: true, force: true });
  const moved = await rename(target, previous).then(
    () => true,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return false; // the first build: nothing to move aside
      throw error;
    },
  );
  try {
    await rename(source, target);
  } catch (error) {
    if (moved) await rename(previous, target);
    throw error;
  }
  await rm(previous, { recursive: true, force: true });
}
