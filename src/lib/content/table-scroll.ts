import type { Element, ElementContent, Root } from 'hast';
import { SKIP, visit } from 'unist-util-visit';

/**
 * Wraps every table of an SOP body in a scroll box of its own (`.table-wrap`, as the site's own tables
 * are): a six-column table ("who does what") is wider than a 390 px phone, and without the box the
 * whole page scrolled sideways. The box is a labelled region reachable by Tab, so a keyboard reader can
 * scroll it with the arrow keys; its label names the columns. Printing lets the box grow (global.css).
 */
export function rehypeTableScroll() {
  return (tree: Root) => {
    visit(tree, 'element', (node, index, parent) => {
      if (node.tagName !== 'table' || !parent || index === undefined) return;
      const wrapper: Element = {
        type: 'element',
        tagName: 'div',
        properties: { className: ['table-wrap'], tabIndex: 0, role: 'region', ariaLabel: tableLabel(node) },
        children: [node],
      };
      parent.children[index] = wrapper;
      return SKIP;
    });
  };
}

/** "Table: Phase, Account lead, Project manager, …": the header cells of its first row, else just "Table". */
function tableLabel(table: Element): string {
  let row: Element | undefined;
  visit(table, 'element', (node) => {
    if (node.tagName !== 'tr') return;
    row = node;
    return false;
  });
  const headers = (row?.children ?? []).filter((cell): cell is Element => cell.type === 'element' && cell.tagName === 'th').map((cell) => textOf(cell).trim()).filter(Boolean);
  if (headers.length === 0) return 'Table';
  return `Table: ${headers.slice(0, 4).join(', ')}${headers.length > 4 ? ', …' : ''}`;
}

function textOf(node: ElementContent): string {
  if (node.type === 'text') return node.value;
  return node.type === 'element' ? node.children.map(textOf).join('') : '';
}
