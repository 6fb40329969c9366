import type { Element, ElementContent, Properties } from 'hast';

/**
 * Builds the hast elements that `writeHtml` writes, called as hastscript's `h` is:
 * `h('p.run-task#id', { dataKey: 'x' }, 'text', h('span', …))`.
 *
 * hastscript parses the selector and looks every property up in the HTML schema on each call; a client
 * page makes some 10,000 elements from a few dozen selectors and property names, and that lookup was
 * a quarter of the page's time (profile of the bench corpus). Here a selector is parsed once per
 * process, and properties are kept under the names they are given (camelCase hast property names, as
 * hastscript takes them): `writeHtml` looks each name up in the schema once and escapes every value,
 * so what a page says is escaped as before. Only what the run document uses is supported: elements,
 * text, numbers, `raw` nodes (sanitised email bodies) and arrays of them; nothing else is a child.
 */

/** A raw node: HTML written as it is (only an email body that `renderMarkdown` has sanitised). */
export interface Raw {
  type: 'raw';
  value: string;
}

export type Child = string | number | null | undefined | Element | ElementContent | Raw | readonly Child[];
type PropertyValue = string | number | boolean | null | undefined | readonly (string | number)[];
export type HProperties = Record<string, PropertyValue>;

interface Selector {
  tagName: string;
  id: string | undefined;
  className: readonly string[];
  /** The id came before the classes in the selector: its attribute is written first (as hastscript's is). */
  idFirst: boolean;
}

const selectors = new Map<string, Selector>();
const SELECTOR = /^([a-z][a-z0-9]*)((?:[.#][a-z0-9_-]+)*)$/;

function parseSelector(selector: string): Selector {
  let parsed = selectors.get(selector);
  if (parsed) return parsed;
  const match = SELECTOR.exec(selector);
  if (!match) throw new Error(`h: "${selector}" is not a tag name followed by .class and #id parts`);
  const parts = match[2]!.match(/[.#][^.#]+/g) ?? [];
  parsed = {
    tagName: match[1]!,
    id: parts.findLast((part) => part.startsWith('#'))?.slice(1),
    // Frozen: every element of this selector shares the list, and `writeHtml` writes it once.
    className: Object.freeze(parts.filter((part) => part.startsWith('.')).map((part) => part.slice(1))),
    idFirst: parts[0]?.startsWith('#') ?? false,
  };
  selectors.set(selector, parsed);
  return parsed;
}

const NODE_TYPES = new Set(['element', 'text', 'raw', 'comment']);

/** A hast node rather than properties: a known node type with its content (never for `<input>`, whose props name a `type`). */
function isNode(value: object, tagName: string): value is ElementContent | Raw {
  if (tagName === 'input' || !('type' in value) || !NODE_TYPES.has(value.type as string)) return false;
  return 'children' in value ? Array.isArray(value.children) : 'value' in value && typeof value.value === 'string';
}

function addChild(nodes: (ElementContent | Raw)[], child: Child): void {
  if (child === null || child === undefined) return;
  if (typeof child === 'string') {
    if (child !== '') nodes.push({ type: 'text', value: child });
  } else if (typeof child === 'number') nodes.push({ type: 'text', value: String(child) });
  else if (Array.isArray(child)) for (const each of child as readonly Child[]) addChild(nodes, each);
  else if (typeof child === 'object' && 'type' in child && NODE_TYPES.has(child.type)) nodes.push(child as ElementContent | Raw);
  else throw new Error(`h: ${JSON.stringify(child)} is not a child (a string, a number, a node or an array of them)`);
}

export function h(selector: string, properties?: HProperties | Child, ...children: Child[]): Element {
  const { tagName, id, className, idFirst } = parseSelector(selector);
  const props: Properties = {};
  if (idFirst) props.id = id;
  if (className.length > 0) props.className = className as string[];
  if (id !== undefined && !idFirst) props.id = id;
  const nodes: (ElementContent | Raw)[] = [];
  if (properties !== null && typeof properties === 'object' && !Array.isArray(properties) && !isNode(properties, tagName)) {
    for (const key of Object.keys(properties)) {
      const value = (properties as HProperties)[key];
      if (value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value))) continue;
      props[key] = key === 'className' ? [...className, ...(typeof value === 'string' ? value.split(/\s+/).filter(Boolean) : (value as string[]))] : (value as Properties[string]);
    }
  } else addChild(nodes, properties as Child);
  for (const child of children) addChild(nodes, child);
  // A raw node is no ElementContent in hast's types, but writeHtml and hast-util-to-html write it.
  return { type: 'element', tagName, properties: props, children: nodes as ElementContent[] };
}
