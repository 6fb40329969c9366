import type { Nodes, Parents, Root } from 'mdast';
import { parseMarkdown } from './body-html';

/**
 * Email bodies as a person would type them in a plain-text email: no Markdown syntax left over
 * (`**Notice given:**` becomes `Notice given:`), links written out as `text (url)`, list markers and
 * line breaks kept. It reads the same Markdown (client values already escaped) that becomes the HTML
 * version, so the plain-text and rich-text copies always say the same thing, and a client named
 * `*Acme*` keeps its asterisks.
 */

/** Renders Markdown (GFM) as readable plain text. */
export function markdownToPlainText(markdown: string): string {
  return markdownTreeToPlainText(parseMarkdown(markdown));
}

/** Writes a parsed Markdown tree as readable plain text (the email's HTML is written from the same tree). */
export function markdownTreeToPlainText(tree: Root): string {
  return block(tree).replace(/[ \t]+$/gm, '').trim();
}

type Handler = (node: never) => string;

/** Block nodes: how each one is written; unknown or invisible nodes write nothing. */
const BLOCKS: Record<string, Handler> = {
  root: (node: Root) => blocks(node),
  paragraph: (node: Parents) => inline(node),
  heading: (node: Parents) => inline(node),
  thematicBreak: () => '———',
  blockquote: (node: Parents) => prefixLines(blocks(node), '> ', '> '),
  code: (node: { value: string }) => node.value,
  list: (node: Extract<Nodes, { type: 'list' }>) =>
    node.children
      .map((item, index) => {
        const marker = node.ordered ? `${(node.start ?? 1) + index}. ` : '- ';
        const box = item.checked === true ? '[x] ' : item.checked === false ? '[ ] ' : '';
        const body = item.children.map((child) => block(child)).filter(Boolean).join(item.spread ? '\n\n' : '\n');
        return prefixLines(box + body, marker, ' '.repeat(marker.length));
      })
      .join(node.spread ? '\n\n' : '\n'),
  table: (node: Extract<Nodes, { type: 'table' }>) =>
    node.children.map((row) => row.children.map((cell) => inline(cell)).join(' | ')).join('\n'),
  html: () => '', // raw HTML in a template is dropped from the HTML version too
  definition: () => '',
  footnoteDefinition: () => '',
};

/** Inline nodes. */
const INLINES: Record<string, Handler> = {
  text: (node: { value: string }) => node.value,
  inlineCode: (node: { value: string }) => node.value,
  break: () => '\n',
  emphasis: (node: Parents) => inline(node),
  strong: (node: Parents) => inline(node),
  delete: (node: Parents) => inline(node),
  link: (node: Extract<Nodes, { type: 'link' }>) => {
    const text = inline(node);
    if (text === '') return node.url;
    return text === node.url || `mailto:${text}` === node.url ? text : `${text} (${node.url})`;
  },
  linkReference: (node: Parents) => inline(node),
  image: (node: { alt?: string | null }) => node.alt ?? '',
  imageReference: (node: { alt?: string | null }) => node.alt ?? '',
  html: () => '',
  footnoteReference: () => '',
};

function block(node: Nodes): string {
  const handler = BLOCKS[node.type] ?? INLINES[node.type];
  return handler ? handler(node as never) : '';
}

function blocks(node: Parents): string {
  return node.children.map((child) => block(child)).filter((text) => text !== '').join('\n\n');
}

function inline(node: Parents): string {
  return node.children.map((child) => (INLINES[child.type] ?? (() => ''))(child as never)).join('');
}

/** Prefixes the first line with `first` and every following line with `rest` (list items, quotes). */
function prefixLines(text: string, first: string, rest: string): string {
  return text
    .split('\n')
    .map((line, index) => (index === 0 ? first : rest) + line)
    .join('\n');
}
