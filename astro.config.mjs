// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { unified } from '@astrojs/markdown-remark';
import remarkGfm from 'remark-gfm';
import { remarkAlert } from 'remark-github-blockquote-alert';
import { remarkMermaid } from './src/lib/maps/remark-mermaid.ts';
import { sendoff } from './src/integrations/index.ts';

// The unified processor (not Astro 7's default Sätteri): our remark plugins turn ```mermaid fences into
// lazily rendered diagrams and GitHub-style `> [!TIP]` blockquotes into callouts. See README, Architecture.
export default defineConfig({
  trailingSlash: 'always',
  build: { format: 'directory' },
  markdown: {
    // SENDOFF_MARKDOWN=satteri only exists for bench/markdown-processors.ts, which measures the choice.
    ...(process.env.SENDOFF_MARKDOWN === 'satteri' ? {} : { processor: unified({ remarkPlugins: [remarkGfm, remarkMermaid, remarkAlert] }) }),
    syntaxHighlight: { type: 'shiki', excludeLangs: ['mermaid'] },
  },
  integrations: [sendoff(), mdx()],
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
