import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { visit } from 'unist-util-visit';
import type { Code } from 'mdast';
import { describe, expect, it } from 'vitest';
import { mermaidFences, mermaidFencesIn } from '../../src/lib/check/rules/mermaid-prefetch';

/** What the check's rule sends the worker: the values of the parsed body's ```mermaid code blocks. */
const parsedDiagrams = (text: string) => {
  const found: string[] = [];
  visit(unified().use(remarkParse).parse(text), 'code', (node: Code) => {
    if (node.lang === 'mermaid') found.push(node.value);
  });
  return found;
};

describe('diagrams the mermaid worker parses ahead', () => {
  it('finds each fenced diagram with the text the parser gives it, so the rule is answered from it', () => {
    const body = [
      '---', 'title: A', '---', '', '# Steps', '', '```mermaid', 'flowchart TD', '  A["Start"] --> B{"Done?"}', '```', '',
      'Text with `code`.', '', '~~~~ mermaid ', 'sequenceDiagram', '  A->>B: hi', '', '  B-->>A: bye', '~~~~', '',
      '```js', 'const notADiagram = 1;', '```', '',
    ].join('\n');
    expect(mermaidFences(body)).toEqual(parsedDiagrams(body));
    expect(mermaidFences(body)).toHaveLength(2);
  });

  it('only guesses: a fence it reads differently is not answered from the guess, and the rule parses it', () => {
    // Indented in a list item: the parser strips the indent, the scan does not, so the texts differ.
    const body = ['- step', '', '  ```mermaid', '  flowchart TD', '    A --> B', '  ```', ''].join('\n');
    const [parsed] = parsedDiagrams(body);
    expect(mermaidFences(body)).not.toContain(parsed);
  });

  it('reads regular SOP files only, in nested folders, and follows no symlink', () => {
    const root = mkdtempSync(join(tmpdir(), 'sendoff-prefetch-'));
    try {
      const outside = join(root, 'outside.md');
      writeFileSync(outside, '```mermaid\nflowchart LR\n  secret --> out\n```\n');
      mkdirSync(join(root, 'sops/finance'), { recursive: true });
      writeFileSync(join(root, 'sops/a.mdx'), '```mermaid\nflowchart TD\n  A --> B\n```\n');
      writeFileSync(join(root, 'sops/finance/b.md'), '```mermaid\nflowchart TD\n  A --> B\n```\n\n```mermaid\nflowchart TD\n  C --> D\n```\n');
      writeFileSync(join(root, 'sops/notes.txt'), '```mermaid\nflowchart TD\n  X --> Y\n```\n');
      symlinkSync(outside, join(root, 'sops/linked.md'));
      expect(mermaidFencesIn(join(root, 'sops'), ['.md', '.mdx']).sort()).toEqual(['flowchart TD\n  A --> B', 'flowchart TD\n  C --> D']);
      expect(mermaidFencesIn(join(root, 'missing'), ['.md'])).toEqual([]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
