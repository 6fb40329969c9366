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
    visit(tree, 'code', (node: Code, index, parent) => {
      if (node.lang !== 'mermaid' || !parent || index === undefined) return;
      count += 1;
      // A node type remark-rehype does not know becomes exactly the element its data names: one
      // <pre class="mermaid">, not the <pre><code> a code block would give.
      const diagram = {
        type: 'mermaidDiagram',
        position: node.position,
        data: {
          hName: 'pre',
          hProperties: { className: ['mermaid'], 'data-diagram': String(count), 'data-line': node.position?.start.line ?? 0, 'data-pagefind-ignore': '' },
          hChildren: [{ type: 'text', value: node.value }],
        },
      };
      parent.children.splice(index, 1, diagram as unknown as Code);
    });
    const astro = ((file.data as { astro?: { frontmatter?: Record<string, unknown> } }).astro ??= {});
    (astro.frontmatter ??= {}).diagrams = count;
  };
}
