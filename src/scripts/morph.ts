/**
 * Updates `target`'s children in place to match `source`'s (an element, or a template's content), keeping every node that is still there:
 * changed text is rewritten in its node and changed attributes on their element, and only what is
 * new or gone is inserted or removed. The generator re-renders the run on every change; replacing the
 * markup would swap the element under the reader's pointer between mousedown and click, and the
 * click (a tick, a download) would be lost. Elements with an `id` are matched by it (a task that
 * comes or goes does not shift the others); the rest by position and tag.
 *
 * A `<details>` keeps its `open` state: the reader opened it, the markup does not say.
 */
export function morphChildren(target: Element, source: ParentNode): void {
  const byId = new Map<string, Element>();
  for (const child of target.children) if (child.id) byId.set(child.id, child);
  let cursor: ChildNode | null = target.firstChild;
  for (const next of [...source.childNodes]) {
    const keyed = isElement(next) && next.id ? byId.get(next.id) : undefined;
    const match = keyed ?? (cursor && sameKind(cursor, next) && !(isElement(cursor) && cursor.id) ? cursor : null);
    if (!match) {
      target.insertBefore(next, cursor);
      continue;
    }
    if (match === cursor) cursor = cursor.nextSibling;
    else target.insertBefore(match, cursor);
    if (isElement(match) && match.id) byId.delete(match.id);
    morphNode(match, next);
  }
  while (cursor) {
    const after: ChildNode | null = cursor.nextSibling;
    cursor.remove();
    cursor = after;
  }
}

/** By node type, not `instanceof`: the nodes may come from a template of another document. */
function isElement(node: Node): node is Element {
  return node.nodeType === 1;
}

function sameKind(a: Node, b: Node): boolean {
  return a.nodeType === b.nodeType && a.nodeName === b.nodeName;
}

function morphNode(node: ChildNode, next: ChildNode): void {
  if (!isElement(node) || !isElement(next)) {
    if (node.nodeValue !== next.nodeValue) node.nodeValue = next.nodeValue;
    return;
  }
  for (const { name } of [...node.attributes]) {
    if (!next.hasAttribute(name) && !(name === 'open' && node.localName === 'details')) node.removeAttribute(name);
  }
  for (const { name, value } of next.attributes) if (node.getAttribute(name) !== value) node.setAttribute(name, value);
  morphChildren(node, next);
}
