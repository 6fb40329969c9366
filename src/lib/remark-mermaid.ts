import type { Code, Root } from 'mdast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';

/**
 * Turns ```mermaid fences into `<pre class="mermaid">` (rendered in the browser by the mermaid loader)
 * and marks the page, so only pages that have a diagram load any diagram code. The diagram text stays
 * a text node: it is escaped like any other text and never becomes HTML at build time.
 */
export function remarkMermaid() {
  return (tree: Root, file: VFile) => {
    let count = 0;
    visit(tree, 'code', (node: Code) => {
      if (node.lang !== 'mermaid') return;
      count += 1;
      node.data = {
        ...node.data,
        hName: 'pre',
        hProperties: { className: ['mermaid'], 'data-diagram': String(count), 'data-line': node.position?.start.line ?? 0 },
        hChildren: [{ type: 'text', value: node.value }],
      };
    });
    const astro = ((file.data as { astro?: { frontmatter?: Record<string, unknown> } }).astro ??= {});
    (astro.frontmatter ??= {}).diagrams = count;
  };
}
