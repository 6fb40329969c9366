import { beforeAll, describe, expect, it } from 'vitest';
import { unified } from 'unified';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import type { PhrasingContent, Root } from 'mdast';
import type { Library } from '../../src/lib/content/library';
import { issueTree, runToMarkdown, writeIssueMarkdown } from '../../src/lib/exports/issue-markdown';
import { clientRun, loadFixtureLibrary, XSS_PAYLOADS } from './helpers/fixture-library';

/** remark-stringify with its own text handler: what the issue export must write, whatever it remembers. */
const reference = unified().use(remarkGfm).use(remarkStringify, { bullet: '-', listItemIndent: 'one', strong: '*', emphasis: '_' });

let library: Library;
beforeAll(async () => {
  library = await loadFixtureLibrary();
});

/** Texts that Markdown must escape differently by where they stand: line starts, emphasis, tables, links. */
const TEXTS = ['*Acme*', '1. Acme', '- Acme', '# Acme', '_a_b_', 'a|b', '<b>x</b>', '[x](javascript:alert(1))', 'www.example.com', '`x`', ...XSS_PAYLOADS];

describe('the issue export escapes each text as remark-stringify does', () => {
  it('for every fixture client, twice over (the second time from what it remembered)', () => {
    for (let round = 0; round < 2; round++) {
      for (const client of library.clients) {
        const run = clientRun(library, client.id);
        const options = { locale: 'en-US', runUrl: `https://example.com/clients/${client.id}/` };
        expect(runToMarkdown(run, options)).toBe(reference.stringify(issueTree(run, options)));
      }
    }
  });

  it.each(TEXTS)('with %j in every client field and as a task, next to the same text elsewhere', (value) => {
    const run = clientRun(library, 'acme', (client) => {
      client.name = value;
      client.contacts[0]!.name = value;
      client.contacts[0]!.title = value;
    });
    run.items[0]!.task = value;
    run.items[1]!.task = `${value} ${value}`;
    if (run.items[2]) run.items[2].evidence = value;
    const options = { locale: 'en-US', runUrl: '/clients/acme/' };
    const written = runToMarkdown(run, options);
    expect(written).toBe(reference.stringify(issueTree(run, options)));
    expect(runToMarkdown(run, options)).toBe(written);
  });
});

describe('a text escaped once is not reused where it must be escaped otherwise', () => {
  const text = (value: string): PhrasingContent => ({ type: 'text', value });
  /** The same texts at a line start, mid-line, before and after emphasis, in a heading, a link and a table. */
  const contexts = (value: string): Root => ({
    type: 'root',
    children: [
      { type: 'paragraph', children: [text(value)] },
      { type: 'paragraph', children: [text('x '), text(value), text(' y')] },
      { type: 'paragraph', children: [text(value), { type: 'emphasis', children: [text(value)] }, text(value)] },
      { type: 'paragraph', children: [{ type: 'strong', children: [text(value)] }, text(value)] },
      { type: 'heading', depth: 2, children: [text(value)] },
      { type: 'paragraph', children: [{ type: 'link', url: 'https://example.com', children: [text(value)] }] },
      { type: 'table', children: [{ type: 'tableRow', children: [{ type: 'tableCell', children: [text(value)] }] }] },
      { type: 'list', ordered: false, children: [{ type: 'listItem', checked: false, children: [{ type: 'paragraph', children: [text(value)] }] }] },
    ],
  });

  it.each(['1. x', '- x', '#', '_', 'a_', '_a', '*', ' x', 'x ', '|', '[x]', '!', '+', '=', '<', '~'])('%j', (value) => {
    expect(writeIssueMarkdown(contexts(value))).toBe(reference.stringify(contexts(value)));
  });
});
