import type { Link, Nodes, Parents, PhrasingContent, Root, Text } from 'mdast';
import { URL_PATTERN } from '../../schemas/common';

/**
 * Exact URLs in emails. A Liquid value is backslash-escaped before the Markdown parser sees it (so a
 * client named `*Acme*` keeps its asterisks), but no escape is exact in every Markdown context: GFM
 * autolinks keep the backslashes (`harbour\_pine` → `%5C_`), link destinations decode `&amp;`, and
 * code spans show them. So a URL in a value never goes through Markdown at all. The escape swaps it for
 * a marker made of letters and digits only, which every Markdown construct leaves as it is; after
 * parsing, `restoreUrls` puts the URL back into the syntax tree: as a link node wherever the marker is
 * running text, and as plain text in link destinations and titles, link text, code and image alt text.
 * The HTML, the plain text, the `mailto:` body and the rich copy are all written from that tree.
 *
 * The marker carries the URL itself (hex-encoded UTF-8), so nothing is remembered between renders, and
 * a random nonce of this page load or process, so client data cannot forge one.
 */

/** Letters `g`–`z` only: never hex digits, so a marker's end is unambiguous. */
const NONCE = Array.from(crypto.getRandomValues(new Uint8Array(12)), (byte) => String.fromCharCode(103 + (byte % 20))).join('');
/** Starts with a digit: `<marker>` must read as text, not as an HTML tag. */
const MARKER = new RegExp(`0${NONCE}([0-9a-f]*)${NONCE}`, 'g');

/** A whole value that is a URL, as `UrlSchema` accepts them for `links`: kept exactly, to its last character. */
const WHOLE_URL = URL_PATTERN;
/** A URL inside running text; its trailing punctuation is trimmed as GFM trims an autolink's. */
const URL_IN_TEXT = /(?:https?:\/\/|mailto:)[^\s<>]+/g;
const TRAILING_PUNCTUATION = /[?!.,:;*_~'"]$/;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function mark(url: string): string {
  return `0${NONCE}${Array.from(encoder.encode(url), (byte) => byte.toString(16).padStart(2, '0')).join('')}${NONCE}`;
}

function unmark(hex: string): string {
  return decoder.decode(Uint8Array.from(hex.match(/../g) ?? [], (pair) => parseInt(pair, 16)));
}

/** Drops what GFM would not count as part of an autolink at its end: punctuation, an unbalanced `)`. */
function trimUrl(url: string): string {
  let end = url;
  for (;;) {
    if (TRAILING_PUNCTUATION.test(end)) end = end.slice(0, -1);
    else if (end.endsWith(')') && end.split(')').length > end.split('(').length) end = end.slice(0, -1);
    else return end;
  }
}

/**
 * Writes a value for Markdown: its URLs as markers for `restoreUrls`, everything else through `escape`
 * (backslash escapes that make Markdown show the text literally).
 */
export function escapeWithUrls(value: string, escape: (text: string) => string): string {
  if (WHOLE_URL.test(value)) return mark(value);
  let result = '';
  let last = 0;
  for (const match of value.matchAll(URL_IN_TEXT)) {
    const url = trimUrl(match[0]);
    if (/^(?:https?:\/\/|mailto:)$/.test(url)) continue; // a scheme with nothing after it
    result += escape(value.slice(last, match.index)) + mark(url);
    last = match.index + url.length;
  }
  return result + escape(value.slice(last));
}

/** Puts the exact URLs back into a parsed email (in place), and returns the tree. */
export function restoreUrls(tree: Root): Root {
  restore(tree, false);
  return tree;
}

const unmarkAll = (text: string) => text.replace(MARKER, (_marker, hex: string) => unmark(hex));

function restore(node: Nodes, inLink: boolean): void {
  const fields = node as unknown as Record<'url' | 'title' | 'alt' | 'value', unknown>;
  for (const key of ['url', 'title', 'alt', 'value'] as const) {
    if (typeof fields[key] === 'string') fields[key] = unmarkAll(fields[key]);
  }
  if (!('children' in node)) return;
  const linked = inLink || node.type === 'link' || node.type === 'linkReference';
  const parent = node as Parents;
  parent.children = parent.children.flatMap((child) => {
    if (child.type === 'text' && !linked) return linkText(child);
    restore(child, linked);
    return [child];
  }) as typeof parent.children;
}

/** A text node with markers becomes text and link nodes: a link's text is its exact URL. */
function linkText(node: Text): PhrasingContent[] {
  const parts: PhrasingContent[] = [];
  let last = 0;
  for (const match of node.value.matchAll(MARKER)) {
    if (match.index > last) parts.push({ type: 'text', value: node.value.slice(last, match.index) });
    const url = unmark(match[1]!);
    parts.push({ type: 'link', url, title: null, children: [{ type: 'text', value: url }] } satisfies Link);
    last = match.index + match[0].length;
  }
  if (last === 0) return [node];
  if (last < node.value.length) parts.push({ type: 'text', value: node.value.slice(last) });
  return parts;
}
