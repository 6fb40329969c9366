import type { Code, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { fencedCodeOnly } from '../../src/lib/check/rules/context';
import { parseBody } from '../../src/lib/content/markdown-syntax';

/** The code blocks of a tree as the body rules read them: language, meta, text and first line. */
function codeBlocks(tree: Root) {
  const blocks: { lang: string | null | undefined; meta: string | null | undefined; value: string; line: number | undefined }[] = [];
  visit(tree, 'code', (node: Code) => {
    blocks.push({ lang: node.lang, meta: node.meta, value: node.value, line: node.position?.start.line });
  });
  return blocks;
}

function parsed(body: string, syntax: 'mdx' | 'markdown' = 'mdx'): Root {
  const result = parseBody(body, syntax);
  if (!('tree' in result)) throw new Error(`does not parse: ${result.error.message}`);
  return result.tree;
}

const diagram = 'flowchart TD\n  A["Start"] --> B{"Done?"}\n  B -- "No" --> A';

describe('a body whose only markup is fenced code is read without the MDX parser', () => {
  it.each([
    ['a generated SOP: prose, lists, a diagram', `## Why it matters\n\nclient contract handover.\n\n- invoice archive\n- feedback referral\n\n\`\`\`mermaid\n${diagram}\n\`\`\`\n`],
    ['two fences, one without a language', `Intro.\n\n\`\`\`\nplain\n\`\`\`\n\n\`\`\`mermaid\n${diagram}\n\`\`\`\n\nAfter.\n`],
    ['a tilde fence holding backticks', `~~~mermaid\n${diagram}\n\`\`\`\nnot the end\n~~~\n`],
    ['a longer fence closed only by as long a fence', `\`\`\`\`mermaid\n${diagram}\n\`\`\`\n\`\`\`\`  \n`],
    ['a closing fence indented up to three spaces', `\`\`\`mermaid\n${diagram}\n   \`\`\`\nText.\n`],
    ['a fence with meta and an empty fence', `\`\`\`mermaid title="x" big\n${diagram}\n\`\`\`\n\n\`\`\`text\n\`\`\`\n`],
    ['a fence right after a paragraph and after a list', `Para\n\`\`\`mermaid\n${diagram}\n\`\`\`\n- item\n\`\`\`mermaid\n${diagram}\n\`\`\`\n`],
    ['a heading and a setext heading around a fence', `# Title\n\nSub\n---\n\n\`\`\`js\nconst a = 1;\n\`\`\`\n`],
  ])('%s: the same code blocks as the parser', (_, body) => {
    const fast = fencedCodeOnly(body);
    expect(fast).not.toBeNull();
    expect(codeBlocks(fast!)).toEqual(codeBlocks(parsed(body)));
    expect(codeBlocks(fast!)).toEqual(codeBlocks(parsed(body, 'markdown')));
  });

  it.each([
    ['a link', `See [the SOP](/sops/x/).\n\n\`\`\`mermaid\n${diagram}\n\`\`\`\n`],
    ['a tag', `<details>\n\n\`\`\`mermaid\n${diagram}\n\`\`\`\n\n</details>\n`],
    ['an expression', `{1 + 1}\n\n\`\`\`mermaid\n${diagram}\n\`\`\`\n`],
    ['an import', `import X from './x'\n\n\`\`\`mermaid\n${diagram}\n\`\`\`\n`],
    ['an autolink literal', `Go to https://example.com now.\n\n\`\`\`mermaid\n${diagram}\n\`\`\`\n`],
    ['an indented fence', `- item\n\n  \`\`\`mermaid\n  ${diagram}\n  \`\`\`\n`],
    ['an entity in the info string', `\`\`\`mer&#109;aid\n${diagram}\n\`\`\`\n`],
    ['a fence left open', `\`\`\`mermaid\n${diagram}\n`],
    ['Windows line ends', `Text.\r\n\r\n\`\`\`mermaid\r\n${diagram}\r\n\`\`\`\r\n`],
  ])('%s: left to the parser', (_, body) => {
    expect(fencedCodeOnly(body)).toBeNull();
  });
});
