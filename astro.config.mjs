// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { unified } from '@astrojs/markdown-remark';
import { REMARK_PLUGINS } from './src/lib/content/markdown-syntax.ts';
import { sendoff } from './src/integrations/index.ts';
import { CONTENT_SECURITY_POLICY } from './src/site/csp.ts';

// The unified processor (not Astro 7's default Sätteri): our remark plugins turn ```mermaid fences into
// lazily rendered diagrams and GitHub-style `> [!TIP]` blockquotes into callouts. See README, Architecture.
export default defineConfig({
  trailingSlash: 'always',
  build: { format: 'directory' },
  markdown: {
    // SENDOFF_MARKDOWN=satteri only exists for bench/markdown-processors.ts, which measures the choice.
    // The plugins (remark-gfm, remarkMermaid, remarkAlert) are listed once, where `check` parses SOP bodies with them too.
    ...(process.env.SENDOFF_MARKDOWN === 'satteri' ? {} : { processor: unified({ remarkPlugins: [...REMARK_PLUGINS] }) }),
    syntaxHighlight: { type: 'shiki', excludeLangs: ['mermaid'] },
  },
  integrations: [sendoff(), mdx()],
  // Every page gets a Content-Security-Policy <meta>: its own origin only (src/site/csp.ts, README "Security model").
  security: { csp: CONTENT_SECURITY_POLICY },
  vite: {
    build: {
      // Mermaid's chunks are large by nature and load only on pages with a diagram.
      chunkSizeWarningLimit: 2500,
      rolldownOptions: {
        onwarn(warning, warn) {
          // Every MDX module trips this one harmless warning (STACK.md); anything else still shows.
          if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
          warn(warning);
        },
      },
    },
  },
});
