import type { Nodes, Parents, Root, RootContent } from 'mdast';
import { find, html } from 'property-information';
import { SKIP, visit } from 'unist-util-visit';

/**
 * The MDX of an SOP body as plain HTML, without compiling it to JavaScript. An SOP runs no code (rule
 * `sop-code`: no import or export, no component, no expression but a comment or a plain literal, no
 * attribute value but text or a literal), so what MDX would compile into a component is exactly:
 * - a tag `<details open>` → that HTML element, its attributes as written (`class`, `colSpan={2}`);
 * - a fragment `<>…</>` → its children;
 * - `{/* note *\/}` → nothing; `{'{'}`, `{2}` → that text.
 * The tree is changed in place, into nodes remark-rehype turns into those elements (`data.hName`).
 * Anything `sop-code` refuses is dropped here as well: should it ever get this far, it still runs nothing.
 */
export function remarkSopJsx() {
  return (tree: Root) => {
    visit(tree, (node: Nodes, index, parent: Parents | undefined) => {
      if (!parent || index === undefined) return;
      switch (node.type) {
        case 'mdxjsEsm':
          parent.children.splice(index, 1);
          return [SKIP, index];
        case 'mdxFlowExpression':
        case 'mdxTextExpression': {
          const text = literalText(node.data?.estree);
          if (text === null) parent.children.splice(index, 1);
          else parent.children.splice(index, 1, { type: 'text', value: text } as RootContent);
          return [SKIP, index];
        }
        case 'mdxJsxFlowElement':
        case 'mdxJsxTextElement': {
          if (node.name === null || /^[A-Z]|[.:]/.test(node.name)) {
            // A fragment keeps its children; a component (refused by `sop-code`) keeps only its text content.
            parent.children.splice(index, 1, ...(node.children as RootContent[]));
            return [SKIP, index];
          }
          const properties: Record<string, string | number | boolean> = {};
          for (const attribute of node.attributes) {
            if (attribute.type !== 'mdxJsxAttribute' || /^on/i.test(attribute.name)) continue;
            const { value } = attribute;
            const text = value === null || value === undefined ? true : typeof value === 'string' ? value : literalText(value.data?.estree);
            const info = find(html, attribute.name);
            // A boolean attribute is on whatever its value says (`open=""`, `open="false"`), as in HTML.
            if (text !== null) properties[info.property] = info.boolean ? true : text;
          }
          node.data = { ...node.data, hName: node.name.toLowerCase(), hProperties: properties } as typeof node.data;
          return undefined;
        }
        default:
          return undefined;
      }
    });
  };
}

type Program = { body: { type: string; expression?: { type: string; value?: unknown; expressions?: unknown[]; quasis?: { value: { cooked?: string | null } }[] } }[] };

/** The text a plain literal expression renders as (`'{'`, `2`, a template without `${}`); null for a comment or code. */
function literalText(program: Program | null | undefined): string | null {
  const expression = program?.body.length === 1 && program.body[0]!.type === 'ExpressionStatement' ? program.body[0]!.expression : undefined;
  if (expression?.type === 'Literal' && (typeof expression.value === 'string' || typeof expression.value === 'number')) return String(expression.value);
  if (expression?.type === 'TemplateLiteral' && expression.expressions?.length === 0) return expression.quasis?.[0]?.value.cooked ?? '';
  return null;
}
