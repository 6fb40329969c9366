import { createMarkdownProcessor, type MarkdownHeading, type MarkdownRenderer } from '@astrojs/markdown-remark';
import remarkMdx from 'remark-mdx';
import { REHYPE_PLUGINS, REMARK_PLUGINS, SYNTAX_HIGHLIGHT, bodySyntaxOf } from './markdown-syntax';
import { remarkSopJsx } from './sop-jsx';

/**
 * An SOP body as the HTML its page shows, rendered when the content is loaded, by Astro's own Markdown
 * processor with the site's plugins, highlighting and heading ids, and the MDX parser `check` reads it
 * with. An SOP runs no code (rule `sop-code`), so its MDX needs no compiling into a JavaScript
 * module: `sop-jsx.ts` writes its tags as HTML. That keeps a thousand SOPs out of Vite's bundle (the
 * largest part of a build's time and memory before) and lets the loaders keep each SOP's HTML between
 * builds and dev-server saves, rendering again only the bodies that changed.
 */
export interface RenderedBody {
  html: string;
  headings: MarkdownHeading[];
}

/**
 * Bumped whenever the HTML a body renders to changes for the same text (a plugin, an option), so
 * HTML kept from an earlier build is rendered again.
 */
export const BODY_RENDERER_VERSION = '3';

const renderers: Partial<Record<'mdx' | 'markdown', Promise<MarkdownRenderer>>> = {};

function renderer(syntax: 'mdx' | 'markdown'): Promise<MarkdownRenderer> {
  renderers[syntax] ??= createMarkdownProcessor({
    syntaxHighlight: { ...SYNTAX_HIGHLIGHT, excludeLangs: [...SYNTAX_HIGHLIGHT.excludeLangs] },
    remarkPlugins: syntax === 'mdx' ? [remarkMdx, remarkSopJsx, ...REMARK_PLUGINS] : [...REMARK_PLUGINS],
    rehypePlugins: [...REHYPE_PLUGINS],
  });
  return renderers[syntax];
}

/**
 * Renders the body of the SOP file `file` (`.mdx` as MDX, anything else as Markdown with raw HTML) that
 * starts on line `bodyLine` of the file: positions in the HTML (a diagram's `data-line`) are the file's.
 */
export async function renderSopBody(body: string, file: string, bodyLine = 1): Promise<RenderedBody> {
  const { code, metadata } = await (await renderer(bodySyntaxOf(file))).render('\n'.repeat(Math.max(0, bodyLine - 1)) + body);
  return { html: code, headings: metadata.headings };
}
