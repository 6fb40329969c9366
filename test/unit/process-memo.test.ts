import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateProject } from '../../src/lib/check/validate';
import { loadContent, type LoadMemo } from '../../src/lib/content/load';
import { processMemo } from '../../src/lib/content/process-memo';
import { fixtureProject } from '../fixture-project';

describe('validation once per build: the pre-flight parses, the content loaders reuse', () => {
  it('parses every file once when the loaders load after the pre-flight', async () => {
    const dir = await fixtureProject('_base');
    const memo: LoadMemo = new Map();
    await validateProject(dir, { today: '2026-11-25', cache: false, memo });
    const parsed = new Map(memo);
    const result = await loadContent(dir, { memo });
    expect(memo.size).toBe(parsed.size);
    expect(result.sources.size).toBe(parsed.size);
    // The very records the pre-flight parsed, not equal copies.
    for (const [file, record] of result.sources) expect([...parsed.values()].some((loaded) => loaded.record === record), file).toBe(true);
  });

  it('parses a file again when it changed in between, and gives the same result as a fresh load', async () => {
    const dir = await fixtureProject('_base');
    const memo: LoadMemo = new Map();
    await validateProject(dir, { today: '2026-11-25', cache: false, memo });
    const before = memo.size;
    await appendFile(join(dir, 'content/company.yaml'), '\n# edited\n');
    const reused = await loadContent(dir, { memo });
    expect(memo.size).toBe(before + 1);
    const fresh = await loadContent(dir);
    expect(reused.entries).toEqual(fresh.entries);
    expect(reused.diagnostics).toEqual(fresh.diagnostics);
  });

  it('is one memo for the process, whichever module graph asks', () => {
    expect(processMemo()).toBe(processMemo());
    expect((globalThis as Record<symbol, unknown>)[Symbol.for('sendoff.content-memo')]).toBe(processMemo());
  });
});
