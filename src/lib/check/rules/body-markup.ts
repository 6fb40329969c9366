import { fromHtml } from 'hast-util-from-html';
import type { Element as HastElement, Nodes as HastNodes } from 'hast';
import type { Definition, Html, Root, RootContentMap } from 'mdast';
import { visit } from 'unist-util-visit';

/**
 * What a body asks of the browser and of the build, as plain records with positions inside the body:
 * every element and its attributes (JSX in MDX, raw HTML in Markdown), every link and image address
 * (reference-style ones resolved to their definition), and every piece of MDX code (import/export
 * statements and `{…}` expressions). The `sop-code` and `remote-resource` rules judge these records;
 * neither walks a syntax tree itself.
 */

export interface Place {
  line: number;
  column: number;
}

/** The JavaScript syntax tree MDX attaches to an import, export or expression. */
export type Program = NonNullable<NonNullable<RootContentMap['mdxjsEsm']['data']>['estree']>;

export interface MarkupAttribute extends Place {
  /** As written (`onerror`, `set:html`, `xlink:href`); from raw HTML, the parser's property name (`onError`). */
  name: string;
  /** The text value(s): one string, each item of a list-valued HTML attribute, none for a bare attribute. */
  values: string[];
  /** A JSX value written as an expression (`colSpan={2}`), or a spread (`{...props}`). */
  expression?: { source: string; program: Program | undefined; spread: boolean };
}

export interface MarkupElement extends Place {
  /** The tag name (lower-case for HTML elements; `Callout`, `x.y` for components); null for a fragment `<>`. */
  name: string | null;
  attributes: MarkupAttribute[];
  /** `jsx` in an MDX body; `html` for raw HTML in a Markdown body. */
  from: 'jsx' | 'html';
}

export interface MarkupAddress extends Place {
  url: string;
  /** An image is fetched when the page loads; a link only when followed. */
  role: 'image' | 'link';
}

export interface MarkupCode extends Place {
  kind: 'esm' | 'expression';
  source: string;
  program: Program | undefined;
}

export interface BodyMarkup {
  elements: MarkupElement[];
  addresses: MarkupAddress[];
  code: MarkupCode[];
}

type JsxElement = RootContentMap['mdxJsxFlowElement'] | RootContentMap['mdxJsxTextElement'];

const start = (node: { position?: { start: Place } | undefined }): Place => ({
  line: node.position?.start.line ?? 1,
  column: node.position?.start.column ?? 1,
});

/** Every element, address and piece of code in a body's tree. */
export function bodyMarkup(tree: Root): BodyMarkup {
  const markup: BodyMarkup = { elements: [], addresses: [], code: [] };
  const definitions = new Map<string, Definition>();
  visit(tree, 'definition', (node) => {
    if (!definitions.has(node.identifier)) definitions.set(node.identifier, node);
  });
  visit(tree, (node) => {
    switch (node.type) {
      case 'image':
      case 'link':
        markup.addresses.push({ url: node.url, role: node.type === 'image' ? 'image' : 'link', ...start(node) });
        break;
      case 'imageReference':
      case 'linkReference': {
        const definition = definitions.get(node.identifier);
        if (definition) markup.addresses.push({ url: definition.url, role: node.type === 'imageReference' ? 'image' : 'link', ...start(node) });
        break;
      }
      case 'mdxJsxFlowElement':
      case 'mdxJsxTextElement':
        markup.elements.push(jsxElement(node));
        break;
      case 'html':
        markup.elements.push(...htmlElements(node));
        break;
      case 'mdxjsEsm':
        for (const statement of node.data?.estree?.body ?? []) {
          // Acorn's lines are the body's (MDX maps them); its columns count from 0.
          const at = statement.loc ? { line: statement.loc.start.line, column: statement.loc.start.column + 1 } : start(node);
          // The statement's first line is enough to name it in a message.
          const source = node.value.split('\n')[at.line - (node.position?.start.line ?? 1)] ?? node.value;
          markup.code.push({ kind: 'esm', source, program: { ...node.data!.estree!, body: [statement] }, ...at });
        }
        if (!node.data?.estree) markup.code.push({ kind: 'esm', source: node.value, program: undefined, ...start(node) });
        break;
      case 'mdxFlowExpression':
      case 'mdxTextExpression':
        markup.code.push({ kind: 'expression', source: node.value, program: node.data?.estree ?? undefined, ...start(node) });
        break;
    }
  });
  return markup;
}

function jsxElement(node: JsxElement): MarkupElement {
  const attributes = node.attributes.map((attribute): MarkupAttribute => {
    const at = start(attribute);
    if (attribute.type === 'mdxJsxExpressionAttribute') {
      return { name: `{${attribute.value}}`, values: [], expression: { source: attribute.value, program: attribute.data?.estree ?? undefined, spread: true }, ...at };
    }
    const { value } = attribute;
    if (value === null || value === undefined) return { name: attribute.name, values: [], ...at };
    if (typeof value === 'string') return { name: attribute.name, values: [value], ...at };
    return { name: attribute.name, values: [], expression: { source: value.value, program: value.data?.estree ?? undefined, spread: false }, ...at };
  });
  return { name: node.name, attributes, from: 'jsx', ...start(node) };
}

/** Raw HTML in a Markdown body, parsed as a browser would, with the positions of its elements and attributes. */
function htmlElements(node: Html): MarkupElement[] {
  const origin = start(node);
  const elements: MarkupElement[] = [];
  const walk = (hast: HastNodes) => {
    if (hast.type === 'element') elements.push(htmlElement(hast, origin));
    if ('children' in hast) for (const child of hast.children) walk(child);
  };
  walk(fromHtml(node.value, { fragment: true, verbose: true }));
  return elements;
}

function htmlElement(element: HastElement, origin: Place): MarkupElement {
  // Positions inside the HTML, moved to where the HTML starts in the body.
  const place = (inner: Place | undefined): Place =>
    inner ? { line: origin.line + inner.line - 1, column: inner.line === 1 ? origin.column + inner.column - 1 : inner.column } : place(start(element));
  const positions = (element.data as { position?: { properties?: Record<string, { start: Place } | undefined> } } | undefined)?.position?.properties ?? {};
  const attributes = Object.entries(element.properties).map(([property, value]): MarkupAttribute => ({
    // HTML attribute names are case-insensitive: `onmouseover`, as most people write it, not hast's `onMouseOver`.
    name: property.toLowerCase(),
    values: Array.isArray(value) ? value.map(String) : typeof value === 'string' || typeof value === 'number' ? [String(value)] : [],
    ...place(positions[property]?.start),
  }));
  return { name: element.tagName, attributes, from: 'html', ...place(element.position?.start) };
}

/** One spelling for an attribute, whether written in JSX or HTML: `xlink:href`, `xLinkHref` → `xlinkhref`. */
export function attributeKey(name: string): string {
  return name.toLowerCase().replace(/[-:]/g, '');
}

/**
 * The URL scheme a browser would see (`javascript`), or null for a relative address. Browsers drop tabs
 * and newlines anywhere in a URL and spaces and control characters around it; a percent-escape in the
 * scheme makes it relative, but is decoded here too: an author has no reason to write one.
 */
export function urlScheme(url: string): string | null {
  let text = url;
  try {
    text = decodeURIComponent(url);
  } catch {
    // Not valid percent-encoding: judge the text as written.
  }
  // eslint-disable-next-line no-control-regex
  const compact = text.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+/, '');
  return /^([a-z][a-z0-9+.-]*):/i.exec(compact)?.[1]!.toLowerCase() ?? null;
}
