// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { unified } from '@astrojs/markdown-remark';
import { REHYPE_PLUGINS, REMARK_PLUGINS, SYNTAX_HIGHLIGHT } from './src/lib/content/markdown-syntax.ts';
import { sendoff } from './src/integrations/index.ts';
import { CONTENT_SECURITY_POLICY } from './src/site/csp.ts';

// The unified processor (not Astro 7's default Sätteri): our remark plugins turn ```mermaid fences into
// lazily rendered diagrams and GitHub-style `> [!TIP]` blockquotes into callouts. SOP bodies are rendered
// with the same plugins and highlighting by the content loader (src/lib/content/render-body.ts); this
// config serves any Markdown or MDX page under src/pages. See README, Architecture.
export default defineConfig({
  trailingSlash: 'always',
  // Two pages at a time: a page's render overlaps the previous one's writes (a third of the main thread's
  // time in the client pages was waiting on them). Cold bench-corpus builds, three each, alternating:
  // 22.6 / 22.5 / 22.7 s with two, 23.3 / 23.8 / 23.4 s with one; four were no faster than two.
  build: { format: 'directory', concurrency: 2 },
  markdown: {
    // The plugins (remark-gfm, remarkMermaid, remarkAlert) are listed once, where `check` parses SOP bodies with them too.
    processor: unified({ remarkPlugins: [...REMARK_PLUGINS], rehypePlugins: [...REHYPE_PLUGINS] }),
    syntaxHighlight: { ...SYNTAX_HIGHLIGHT, excludeLangs: [...SYNTAX_HIGHLIGHT.excludeLangs] },
  },
  integrations: [sendoff(), mdx()],
  // Every page gets a Content-Security-Policy <meta>: its own origin only (src/site/csp.ts, README "Security model").
  security: { csp: CONTENT_SECURITY_POLICY },
  vite: {
    build: {
      rolldownOptions: {
        onwarn(warning, warn) {
          // Every MDX page module trips this one harmless warning (STACK.md); anything else still shows.
          if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
          warn(warning);
        },
      },
    },
  },
});
