import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { renderSopBody } from '../../src/lib/content/render-body';
import { loadContent } from '../../src/lib/content/load';
import { fixtureProject } from '../fixture-project';

/**
 * An SOP's MDX rendered to HTML when it is loaded (no JavaScript module per SOP): everything `check`
 * lets an author write must come out as MDX would render it, and nothing else may.
 */
const render = async (body: string, file = 'sops/x.mdx') => (await renderSopBody(body, file)).html;

describe('SOP bodies as HTML', () => {
  it('writes tags as HTML with their attributes, and Markdown inside them as Markdown', async () => {
    const html = await render('<details open>\n  <summary>What to say</summary>\n\n  Press <kbd>Ctrl</kbd> and **copy**.\n\n</details>\n');
    // A tag with text on its line sits in a paragraph, as in MDX; the HTML is what a browser would make of it.
    expect(html).toMatch(/^<details open>(<p><\/p>)?<summary>What to say<\/summary>(<p><\/p>)?<p>Press <kbd>Ctrl<\/kbd> and <strong>copy<\/strong>.<\/p><\/details>$/);
  });

  it('drops comments, writes plain literals as text and literal attribute values as values', async () => {
    const html = await render("{/* a note for authors */}\n\nA brace: {'{'}, a number: {2}, a template: {`t`}.\n\n<img src=\"/team.png\" alt=\"The team\" width={320} />\n");
    expect(html).not.toContain('note for authors');
    expect(html).toContain('<p>A brace: {, a number: 2, a template: t.</p>');
    expect(html).toContain('<img src="/team.png" alt="The team" width="320">');
  });

  it('keeps a boolean attribute on whatever its value, as HTML reads it', async () => {
    expect(await render('<details open="">\n\nx\n\n</details>\n')).toBe('<details open><p>x</p></details>');
    expect(await render('<details open>\n\nx\n\n</details>\n')).toBe('<details open><p>x</p></details>');
  });

  it('maps attribute names as HTML does (class, for, aria-*, data-*) and escapes their values', async () => {
    const html = await render('<abbr class="x" title="a &quot;b&quot; <c>" aria-label="l" data-n="1">SOW</abbr>\n');
    expect(html).toBe('<p><abbr class="x" title="a &#x22;b&#x22; <c>" aria-label="l" data-n="1">SOW</abbr></p>');
  });

  it('runs nothing check refuses, should it ever get this far: handlers, expressions, imports and components', async () => {
    const html = await render('import X from "./x"\n\n<p onClick="alert(1)">hi {alert(2)}</p>\n\n<Callout>inside</Callout>\n');
    expect(html).not.toMatch(/alert|onclick|import|callout/i);
    expect(html).toContain('hi');
    expect(html).toContain('inside');
  });

  it('keeps the site\'s Markdown: GFM tables, callouts, heading ids and a diagram numbered by its line in the file', async () => {
    const { html, headings } = await renderSopBody('## Why it matters\n\n| A | B |\n| - | - |\n| 1 | 2 |\n\n> [!TIP]\n> Call first.\n\n```mermaid\nflowchart TD\n  A --> B\n```\n', 'sops/x.mdx', 40);
    expect(headings).toEqual([{ depth: 2, slug: 'why-it-matters', text: 'Why it matters' }]);
    expect(html).toContain('<h2 id="why-it-matters">Why it matters</h2>');
    expect(html).toMatch(/<table>[\s\S]*<td>1<\/td>[\s\S]*<\/table>/);
    expect(html).toMatch(/class="markdown-alert markdown-alert-tip"/);
    expect(html).toContain('<pre class="mermaid" data-diagram="1" data-line="49" data-pagefind-ignore="">flowchart TD\n  A --> B</pre>');
  });

  it('reads a .md body as Markdown, where a brace is text and HTML is raw HTML', async () => {
    const html = await render('Braces {stay} here.\n\n<kbd>K</kbd>\n', 'sops/x.md');
    expect(html).toContain('<p>Braces {stay} here.</p>');
    expect(html).toContain('<kbd>K</kbd>');
  });

  it('renders the fixture that uses every allowed kind of markup', async () => {
    const root = await fixtureProject('allowed-markup');
    const { sources } = await loadContent(root);
    const record = sources.get('sops/notify.mdx')!;
    const { html } = await renderSopBody(record.body!, record.file, record.bodyLine);
    expect(html).toContain('<kbd>Ctrl</kbd>');
    expect(html).toContain('<abbr title="statement of work">SOW</abbr>');
    expect(html).toContain('A literal brace: { or {.');
    expect(html).not.toContain('Authors may leave notes');
    const text = await readFile(`${root}/sops/notify.mdx`, 'utf8');
    const fence = text.split('\n').findIndex((line) => line === '```mermaid') + 1;
    expect(html).toContain(`data-line="${fence}"`);
  });
});
