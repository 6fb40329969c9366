import { find, html } from 'property-information';
import type { Element, Nodes, Properties } from 'hast';

/**
 * Writes the hast trees that hastscript builds (elements, text, and the `raw` email bodies) as HTML,
 * byte for byte as `toHtml(tree, { allowDangerousHtml: true })` from hast-util-to-html writes them,
 * about ten times faster: a client page is a tree of some 10,000 nodes, and hast-util-to-html looks up
 * every attribute's schema and builds its escaping options again for each one (half the time of a
 * client page on the bench corpus).
 *
 * Escaping stays by construction: every text node is escaped for text (`<` and `&`), every attribute
 * value for a double-quoted attribute (`"`, `&`, `'`, `` ` `` and NUL), as hast-util-to-html does; an
 * attribute name comes from property-information's HTML schema and must be a plain name. The only
 * markup written as-is is a `raw` node (an email body, sanitised by `renderMarkdown`). Anything this
 * writer does not know (SVG, `<script>`, `<style>`, `<template>`, comments, doctypes) throws rather
 * than being written some other way: use hast-util-to-html for those.
 */

/** HTML's void elements (html-void-elements, as hast-util-to-html uses them): no closing tag. */
const VOIDS = new Set(['area', 'base', 'basefont', 'bgsound', 'br', 'col', 'command', 'embed', 'frame', 'hr', 'image', 'img', 'input', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
/** Elements whose content hast-util-to-html writes unescaped, or in another schema: not for this writer. */
const REFUSED = new Set(['script', 'style', 'svg', 'math', 'template']);

const TEXT_SPECIAL = /[<&]/g;
// eslint-disable-next-line no-control-regex
const ATTRIBUTE_SPECIAL = /[\0"&'`]/g;
/** hast-util-to-html's default references: uppercase hexadecimal, always with the semicolon. */
const reference = (char: string) => `&#x${char.charCodeAt(0).toString(16).toUpperCase()};`;

/** Escapes text content (the same characters hast-util-to-html escapes in text). */
export function escapeText(value: string): string {
  return value.replace(TEXT_SPECIAL, reference);
}

/** Escapes a double-quoted attribute value (the same characters hast-util-to-html escapes there). */
export function escapeAttribute(value: string): string {
  return value.replace(ATTRIBUTE_SPECIAL, reference);
}

interface AttributeInfo {
  name: string;
  boolean: boolean;
  overloadedBoolean: boolean;
  commaSeparated: boolean;
}

/** Attribute names and kinds by property name, looked up once per process (a run uses about 30). */
const attributes = new Map<string, AttributeInfo>();
const PLAIN_NAME = /^[a-z][a-z0-9:._-]*$/i;

function attributeInfo(property: string): AttributeInfo {
  let info = attributes.get(property);
  if (!info) {
    const found = find(html, property);
    if (!PLAIN_NAME.test(found.attribute)) throw new Error(`writeHtml: the property ${JSON.stringify(property)} gives no plain attribute name`);
    info = { name: found.attribute, boolean: found.boolean, overloadedBoolean: found.overloadedBoolean, commaSeparated: found.commaSeparated };
    attributes.set(property, info);
  }
  return info;
}

/** Class lists written before, by list: `h` gives every element of one selector the same list. */
const writtenLists = new WeakMap<readonly unknown[], string>();

function attribute(property: string, raw: Properties[string]): string {
  const info = attributeInfo(property);
  if (typeof raw === 'string' && !info.boolean && !info.overloadedBoolean) return `${info.name}="${escapeAttribute(raw)}"`;
  if (Array.isArray(raw)) {
    let written = writtenLists.get(raw);
    if (written === undefined) {
      written = `${info.name}="${escapeAttribute(joinTokens(raw, info.commaSeparated))}"`;
      // Only the selector's lists are kept (frozen by `h`); a list made for one element may change.
      if (Object.isFrozen(raw)) writtenLists.set(raw, written);
    }
    return written;
  }
  let value: unknown = raw;
  if (info.overloadedBoolean && (value === info.name || value === '')) value = true;
  else if ((info.boolean || info.overloadedBoolean) && (typeof value !== 'string' || value === info.name || value === '')) value = Boolean(value);
  if (value === null || value === undefined || value === false || (typeof value === 'number' && Number.isNaN(value))) return '';
  if (value === true) return info.name;
  const text = Array.isArray(value) ? joinTokens(value, info.commaSeparated) : String(value);
  return `${info.name}="${escapeAttribute(text)}"`;
}

/** comma-separated-tokens and space-separated-tokens, as hast-util-to-html joins them. */
function joinTokens(values: unknown[], commas: boolean): string {
  if (!commas) return values.join(' ').trim();
  return (values[values.length - 1] === '' ? [...values, ''] : values).join(', ').trim();
}

function openingTag(node: Element): string {
  let tag = `<${node.tagName}`;
  for (const property in node.properties) {
    const value = node.properties[property];
    if (value === null || value === undefined) continue;
    const written = attribute(property, value);
    if (written) tag += ` ${written}`;
  }
  return `${tag}>`;
}

function write(node: Nodes): string {
  switch (node.type) {
    case 'text':
      return escapeText(node.value);
    case 'raw':
      return node.value;
    case 'root':
      return writeChildren(node.children);
    case 'element': {
      if (REFUSED.has(node.tagName)) throw new Error(`writeHtml does not write <${node.tagName}>: use hast-util-to-html`);
      const children = writeChildren(node.children);
      const isVoid = VOIDS.has(node.tagName.toLowerCase()) && children === '';
      return isVoid ? openingTag(node) : `${openingTag(node)}${children}</${node.tagName}>`;
    }
    default:
      throw new Error(`writeHtml does not write ${node.type} nodes: use hast-util-to-html`);
  }
}

function writeChildren(children: readonly Nodes[]): string {
  let out = '';
  for (const child of children) out += write(child);
  return out;
}

/** Writes a tree as HTML (see the module comment for what it writes and what it refuses). */
export function writeHtml(tree: Nodes): string {
  return write(tree);
}
