import { describe, expect, it } from 'vitest';
import { renderSopBody } from '../../src/lib/content/render-body';

describe('tables in an SOP body', () => {
  it('scroll in a labelled box of their own, reachable by Tab, so a wide table never widens the page', async () => {
    const body = ['Who does what:', '', '| Phase | Account lead | Project manager | Finance & billing | Operations & IT | Managing director |', '|---|---|---|---|---|---|', '| Announce | A, R | C | R | R | I |', ''].join('\n');
    for (const file of ['sops/plan.mdx', 'sops/plan.md']) {
      const { html } = await renderSopBody(body, file);
      expect(html, file).toMatch(/<div class="table-wrap" tabindex="0" role="region" aria-label="Table: Phase, Account lead, Project manager, Finance &#x26; billing, …"><table>/);
      expect(html.match(/<table>/g), file).toHaveLength(1);
      expect(html, file).toContain('</table></div>');
    }
  });

  it('says only "Table" when the table has no header text, and leaves a body without tables alone', async () => {
    const { html } = await renderSopBody(['|   |   |', '|---|---|', '| a | b |', ''].join('\n'), 'sops/x.md');
    expect(html).toContain('aria-label="Table"');
    expect((await renderSopBody('Just text.\n', 'sops/x.md')).html).toBe('<p>Just text.</p>');
  });
});
