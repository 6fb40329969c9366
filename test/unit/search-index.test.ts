import { afterEach, describe, expect, it } from 'vitest';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { indexSite } from '../../src/integrations/search-index';

const dirs: string[] = [];
async function site(pages: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'sendoff-index-'));
  dirs.push(dir);
  for (const [path, html] of Object.entries(pages)) {
    await mkdir(join(dir, path), { recursive: true });
    await writeFile(join(dir, path, 'index.html'), `<!doctype html><html lang="en"><body>${html}</body></html>`);
  }
  return dir;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('indexing the built site with Pagefind', () => {
  it('indexes only the pages marked for search and counts both', async () => {
    const dir = await site({
      'sops/a': '<main data-pagefind-body><h1>Send the final invoice</h1><p>Reconcile first.</p></main>',
      'clients/x': '<main><h1>Northwind Studio</h1></main>',
    });
    const result = await indexSite(dir);
    expect(result).toMatchObject({ pages: 1, seen: 2 });
    expect(result.seconds).toBeGreaterThan(0);
  });

  it('writes the words it indexed, commonest first, without ignored text or unmarked pages, for "did you mean"', async () => {
    const dir = await site({
      'sops/a': '<main data-pagefind-body><h1>Send the final invoice</h1><p>Reconcile the invoice.</p><table><tr data-pagefind-ignore="all"><td>Skipped testimonial</td></tr></table></main>',
      'clients/x': '<main><h1>Northwind Studio</h1></main>',
    });
    const result = await indexSite(dir);
    const words = JSON.parse(await readFile(join(dir, 'pagefind', 'sendoff-words.json'), 'utf8')) as string[];
    expect(words[0]).toBe('invoice');
    expect(words).toEqual(expect.arrayContaining(['send', 'final', 'reconcile']));
    expect(words).not.toContain('testimonial');
    expect(words).not.toContain('northwind');
    expect(result.words).toBe(words.length);
  });

  it('refuses a site with no page marked, rather than index client pages whole', async () => {
    const dir = await site({ 'clients/x': '<main><h1>Northwind Studio</h1></main>' });
    await expect(indexSite(dir)).rejects.toThrow(/no page in .* is marked for search \(data-pagefind-body\); refusing to index every page whole/);
  });
});
