import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateProject } from '../../src/lib/check/validate';
import { fixtureProject } from '../fixture-project';

/**
 * Issue 11, items 8–10: an SOP or an email is content, never code, and never a way to send readers'
 * or clients' data to another host; MDX that `check` passes must build. Each scenario is the base
 * fixture with hostile or broken bodies; the rules must name each problem at its line in the file.
 */

async function diagnostics(scenario: string) {
  return (await validateProject(await fixtureProject(scenario), { today: '2026-11-25', cache: false })).diagnostics;
}

const tuples = async (scenario: string) => (await diagnostics(scenario)).map((d) => [d.file, d.line, d.column, d.rule]);
const messages = async (scenario: string) =>
  (await diagnostics(scenario)).map((d) => `${d.file}:${d.line}:${d.column} ${d.message}${d.hint ? ` — ${d.hint}` : ''}`);

describe('no third-party requests (remote-resource)', () => {
  it('refuses remote images, unless on the company image hosts, and any address built from a template variable', async () => {
    expect(await tuples('remote-resource')).toEqual([
      ['sops/notify.mdx', 23, 1, 'remote-resource'], // ![Map](https://maps.example/…)
      ['sops/notify.mdx', 24, 8, 'remote-resource'], // <video> from an image host: only images may come from there
      ['sops/notify.mdx', 25, 6, 'remote-resource'], // srcset with a remote candidate
      ['sops/notify.mdx', 26, 1, 'remote-resource'], // ![Logo][logo], defined as //img.example/…
      ['sops/notify.mdx', 27, 4, 'remote-resource'], // style="background: url(https://…)"
      ['sops/notify.mdx', 28, 6, 'remote-resource'], // http:// on an image host
      ['templates/emails/hello.md', 11, 1, 'remote-resource'], // the tracking pixel with {{ client.name }}
      ['templates/emails/hello.md', 13, 1, 'remote-resource'], // an image host, but with {{ client.id }}
      ['templates/emails/hello.md', 14, 1, 'remote-resource'], // the whole address is a variable
    ]);
  });

  it('takes image hosts as host names, not URLs', async () => {
    const dir = await fixtureProject('remote-resource');
    await writeFile(join(dir, 'content/company.yaml'), (await readFile(join(dir, 'content/company.yaml'), 'utf8')).replace('[cdn.example.com]', '[https://cdn.example.com/img]'));
    const found = (await validateProject(dir, { today: '2026-11-25', cache: false })).diagnostics;
    expect(found.map((d) => `${d.file}:${d.line} ${d.rule}: ${d.message}`)).toEqual([
      'content/company.yaml:6 schema: imageHosts[0]: expected a host name like cdn.example.com (lower case, no https:// and no path), found "https://cdn.example.com/img"',
    ]);
  });

  it('says which host would be told what, and how to fix it', async () => {
    expect(await messages('remote-resource')).toMatchInlineSnapshot(`
      [
        "sops/notify.mdx:23:1 this image loads from maps.example, another host: every reader's browser would ask it for the image, telling it who reads the page and when — copy the image into public/ and write /its-name.png, or, if the company trusts maps.example, add it to imageHosts in content/company.yaml",
        "sops/notify.mdx:24:8 <video src> loads from cdn.example.com, another host: pages load nothing from other hosts (only images, from the company's imageHosts) — link to it instead ([what it is](https://…)), or put the file in public/",
        "sops/notify.mdx:25:6 this image loads from pics.example, another host: every reader's browser would ask it for the image, telling it who reads the page and when — copy the image into public/ and write /its-name.png, or, if the company trusts pics.example, add it to imageHosts in content/company.yaml",
        "sops/notify.mdx:26:1 this image loads from img.example, another host: every reader's browser would ask it for the image, telling it who reads the page and when — copy the image into public/ and write /its-name.png, or, if the company trusts img.example, add it to imageHosts in content/company.yaml",
        "sops/notify.mdx:27:4 <p style> loads from bg.example, another host: every reader's browser would ask it for the image, telling it who reads the page and when — copy the image into public/ and write /its-name.png, or, if the company trusts bg.example, add it to imageHosts in content/company.yaml",
        "sops/notify.mdx:28:6 this image loads from cdn.example.com over http, not https — write https://cdn.example.com/plain.png",
        "templates/emails/hello.md:11:1 this image loads an address built from a template variable: every client page showing this email would send that client's data to tracker.example — use a fixed address: put the image in public/ and write /its-name.png, or write its full https:// address on a host listed in imageHosts, with no {{ … }} in it",
        "templates/emails/hello.md:13:1 this image loads an address built from a template variable: every client page showing this email would send that client's data to cdn.example.com — use a fixed address: put the image in public/ and write /its-name.png, or write its full https:// address on a host listed in imageHosts, with no {{ … }} in it",
        "templates/emails/hello.md:14:1 this image loads an address built from a template variable: every client page showing this email would send that client's data to whichever host the variable names — use a fixed address: put the image in public/ and write /its-name.png, or write its full https:// address on a host listed in imageHosts, with no {{ … }} in it",
      ]
    `);
  });
});

describe('SOPs are content, not code (sop-code)', () => {
  it('refuses imports, exports, scripts, event handlers, script URLs, code expressions and components, at their line', async () => {
    expect(await tuples('sop-code')).toEqual([
      ['sops/legacy.md', 10, 1, 'sop-code'], // <script> in raw HTML
      ['sops/legacy.md', 12, 28, 'sop-code'], // <img onmouseover>
      ['sops/legacy.md', 12, 59, 'sop-code'], // <a href="javascript:…">
      ['sops/legacy.md', 16, 6, 'remote-resource'], // a tracking pixel in raw HTML
      ['sops/notify.mdx', 17, 1, 'sop-code'], // import fs from 'node:fs'
      ['sops/notify.mdx', 18, 1, 'sop-code'], // import host from '/etc/hostname?raw'
      ['sops/notify.mdx', 19, 1, 'sop-code'], // export const p = …
      ['sops/notify.mdx', 25, 1, 'sop-code'], // <script>
      ['sops/notify.mdx', 27, 29, 'sop-code'], // onerror=
      ['sops/notify.mdx', 29, 1, 'sop-code'], // javascript:
      ['sops/notify.mdx', 29, 38, 'sop-code'], // JaVa<tab>Script:, written with a character reference
      ['sops/notify.mdx', 29, 78, 'sop-code'], // data:text/html
      ['sops/notify.mdx', 31, 7, 'sop-code'], // {nope.deeper}
      ['sops/notify.mdx', 35, 1, 'sop-code'], // <Callout>
      ['sops/notify.mdx', 37, 6, 'sop-code'], // set:html
      ['sops/notify.mdx', 39, 4, 'sop-code'], // vbscript:
      ['sops/notify.mdx', 39, 27, 'sop-code'], // {...props}
      ['sops/notify.mdx', 43, 1, 'sop-code'], // <iframe>
      ['sops/notify.mdx', 45, 1, 'sop-code'], // <style>
    ]);
  });

  it('says why each is refused and what to write instead', async () => {
    expect(await messages('sop-code')).toMatchInlineSnapshot(`
      [
        "sops/legacy.md:10:1 <script> runs code in every reader's browser — remove it: the site gives every page its behaviour (copy buttons, diagrams, search)",
        "sops/legacy.md:12:28 onmouseover on <img> is an event handler: it runs code in the reader's browser — remove it: the site gives every page its behaviour (copy buttons, diagrams, search)",
        "sops/legacy.md:12:59 href="javascript:alert(7)" runs code (javascript:) — link to an https:// page or a site page (/sops/…/) instead",
        "sops/legacy.md:16:6 this image loads from tracker.example, another host: every reader's browser would ask it for the image, telling it who reads the page and when — copy the image into public/ and write /its-name.png, or, if the company trusts tracker.example, add it to imageHosts in content/company.yaml",
        "sops/notify.mdx:17:1 \`import … from 'node:fs'\` brings code into the SOP, which runs when the site is built — an SOP imports nothing: write the content in Markdown, link to a file with [text](/file.pdf) after putting it in public/, and use > [!TIP] for callouts",
        "sops/notify.mdx:18:1 \`import … from '/etc/hostname?raw'\` would publish a file from the machine that builds the site — an SOP imports nothing: write the content in Markdown, link to a file with [text](/file.pdf) after putting it in public/, and use > [!TIP] for callouts",
        "sops/notify.mdx:19:1 \`export const p = (await import('node:fs')).readFileSync('…\` exports code from the SOP, which runs when the site is built — remove it: SOP data lives in the frontmatter, and the body is text",
        "sops/notify.mdx:25:1 <script> runs code in every reader's browser — remove it: the site gives every page its behaviour (copy buttons, diagrams, search)",
        "sops/notify.mdx:27:29 onerror on <img> is an event handler: it runs code in the reader's browser — remove it: the site gives every page its behaviour (copy buttons, diagrams, search)",
        "sops/notify.mdx:29:1 this link runs code when followed (javascript:) — link to an https:// page or a site page (/sops/…/) instead",
        "sops/notify.mdx:29:38 this link runs code when followed (javascript:) — link to an https:// page or a site page (/sops/…/) instead",
        "sops/notify.mdx:29:78 this link is a data: address, which opens as a document of its own — only an image may be a data: address; put a file in public/ and link to /its-name",
        "sops/notify.mdx:31:7 {nope.deeper} is code: an SOP is read, never run, so it may not hold expressions — write the text itself; for a literal brace write \\{, and for a note to other authors {/* … */}",
        "sops/notify.mdx:35:1 <Callout> is a component, and only the components listed for SOPs may be used — SOPs can use no components: write Markdown, > [!NOTE] callouts and \`\`\`mermaid diagrams",
        "sops/notify.mdx:37:6 set:html is an Astro directive: it writes raw HTML or code into the page — write the content as Markdown between the tags",
        "sops/notify.mdx:39:4 href="vbscript:msgbox" runs code (vbscript:) — link to an https:// page or a site page (/sops/…/) instead",
        "sops/notify.mdx:39:27 {...props} is code: it spreads whatever an expression gives into <a> — write each attribute as name="text"",
        "sops/notify.mdx:43:1 <iframe> embeds another page, which runs its own code — link to it instead: [what it shows](https://…)",
        "sops/notify.mdx:45:1 <style> restyles the whole page, not just this SOP — remove it: the site styles every SOP alike (use **bold**, lists, tables and > [!NOTE] callouts)",
      ]
    `);
  });
});

describe('MDX that check passes must build (mdx)', () => {
  it('reports each syntax error at its line in the file, after the frontmatter', async () => {
    expect(await tuples('mdx')).toEqual([
      ['sops/bad-import.mdx', 8, 16, 'mdx'],
      ['sops/brace.mdx', 8, 27, 'mdx'], // the paragraph ends with the brace still open
      ['sops/mismatch.mdx', 12, 1, 'mdx'],
      ['sops/notify.mdx', 27, 1, 'mdx'],
    ]);
  });

  it('names the problem in the author\'s terms, with lines of the file', async () => {
    expect(await messages('mdx')).toMatchInlineSnapshot(`
      [
        "sops/bad-import.mdx:8:16 the MDX does not parse: Could not parse import/exports: Unexpected token — an SOP imports and exports nothing (rule sop-code): remove the line",
        "sops/brace.mdx:8:27 the MDX does not parse: Unexpected end of file in expression, expected a corresponding closing brace for \`{\` — in MDX \`{\` starts an expression: write \`\\{\` for a brace itself, and close a \`{/* note */}\` you opened",
        "sops/mismatch.mdx:12:1 the MDX does not parse: Unexpected closing tag \`</summary>\`, expected corresponding closing tag for \`<details>\` (opened on line 10) — in MDX \`<\` starts a tag: close every tag you open (\`<br />\`, \`<details>…</details>\`, each on its own lines with blank lines around the content), or write \`\\<\` for the character",
        "sops/notify.mdx:27:1 the MDX does not parse: Expected a closing tag for \`<div>\` — in MDX \`<\` starts a tag: close every tag you open (\`<br />\`, \`<details>…</details>\`, each on its own lines with blank lines around the content), or write \`\\<\` for the character",
      ]
    `);
  });
});
