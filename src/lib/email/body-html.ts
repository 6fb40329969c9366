import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkBreaks from 'remark-breaks';
import remarkRehype from 'remark-rehype';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import type { Root } from 'mdast';

/**
 * Email bodies are Markdown. This one pipeline turns them into HTML at build time and in the browser,
 * so a copied email looks the same wherever it was generated. Raw HTML in a template is dropped and
 * the result is sanitised (GitHub's rules): an email body can never carry a script or a `javascript:`
 * link, whatever a client record contains. A single line break is kept (remark-breaks), as anyone
 * typing an email expects: a sign-off's name and title stay on two lines.
 */
const parser = unified().use(remarkParse).use(remarkGfm).use(remarkBreaks);
const htmlWriter = unified().use(remarkRehype).use(rehypeSanitize).use(rehypeStringify);

/** Parses Markdown (GFM, single line breaks kept) into a syntax tree, for callers that need it twice. */
export function parseMarkdown(markdown: string): Root {
  return parser.runSync(parser.parse(markdown)) as Root;
}

/** Writes a parsed Markdown tree as safe HTML. */
export function markdownTreeToHtml(tree: Root): string {
  return htmlWriter.stringify(htmlWriter.runSync(tree));
}

/** Renders Markdown (GFM) to safe HTML. */
export function renderMarkdown(markdown: string): string {
  return markdownTreeToHtml(parseMarkdown(markdown));
}
