import { describe, expect, it } from 'vitest';
import { extractFrontmatter as astroExtract } from '@astrojs/markdown-remark';
import { extractFrontmatter } from '../../src/lib/content/load';

/** `sendoff check` splits Markdown files with its own copy of Astro's expression: they must agree. */
describe('extractFrontmatter', () => {
  it.each([
    ['plain', '---\ntitle: A\n---\nBody'],
    ['byte order mark', '\uFEFF---\ntitle: A\n---\nBody'],
    ['blank lines first', '\n\n---\ntitle: A\n---\nBody'],
    ['TOML fences', '+++\ntitle = "A"\n+++\nBody'],
    ['empty block', '---\n---\nBody'],
    ['a rule in the body', '---\na: 1\n---\nText\n\n---\n\nMore'],
    ['no frontmatter', '# Title\n\n---\n\nText'],
    ['unclosed', '---\ntitle: A\nBody'],
    ['text before the fence', 'Intro\n---\na: 1\n---\n'],
    ['Windows line ends', '---\r\ntitle: A\r\n---\r\nBody'],
  ])('%s', (_, text) => {
    expect(extractFrontmatter(text)).toBe(astroExtract(text));
  });
});
