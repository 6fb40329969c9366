import { parseBody } from '../../content/markdown-syntax';
import { reportAs } from '../catalogue';
import type { Diagnostic } from '../diagnostics';
import { attributeKey, bodyMarkup, type BodyMarkup, type MarkupElement, type Place } from './body-markup';
import { atBody, fileOf, sopBodies, type RuleContext } from './context';
import { REFUSED_ELEMENTS, srcsetUrls } from './sop-code';

/**
 * No page sends a request to another host. A remote image in an email (`![](https://tracker.example/
 * p.png?c={{ client.name }})`) would make every client page tell that host the client's name, and any
 * remote file in an SOP tells it who reads what, and when. An image may come from a host the company
 * lists in `imageHosts` (over https, the one kind the pages' Content-Security-Policy lets through),
 * and only when its address holds no template variable; every other address must be the site's own.
 */

type LoadKind = 'image' | 'other';

/** Whether the browser fetches an attribute's address when the page loads, and as what (by element). */
const LOADING_ATTRIBUTES: Record<string, (element: string) => LoadKind | null> = {
  src: (element) => (element === 'img' || element === 'input' ? 'image' : 'other'),
  srcset: () => 'image',
  poster: () => 'image',
  background: () => 'image',
  href: (element) => HREF_LOADS[element] ?? null,
  xlinkhref: (element) => HREF_LOADS[element] ?? null,
  data: (element) => (element === 'object' ? 'other' : null),
  ping: () => 'other',
};

/** `href` is followed on a click for links, but fetched at once on these. */
const HREF_LOADS: Record<string, LoadKind> = { link: 'other', image: 'image', feimage: 'image', use: 'other' };

/** Stands for each character of a Liquid tag while an email's Markdown is parsed, so addresses keep their positions. */
const VARIABLE = '\uE000';
/** The same character once the Markdown parser has percent-encoded an address. */
const VARIABLE_ENCODED = encodeURI(VARIABLE);

/** The origin relative addresses resolve against: the site itself. */
const SITE = new URL('https://sendoff.invalid/');

interface Load extends Place {
  url: string;
  kind: LoadKind;
  /** How the message names it: "this image", "<video src>". */
  what: string;
}

export function remoteResourceRules(ctx: RuleContext): Diagnostic[] {
  const { library } = ctx;
  const hosts = library.company.imageHosts;
  const found: Diagnostic[] = [];
  const judge = (file: string, markup: BodyMarkup, skip: (element: MarkupElement) => boolean) => {
    for (const load of resourceLoads(markup, skip)) {
      const problem = loadProblem(load, hosts);
      if (problem) found.push(atBody(ctx, file, load.line, load.column, { ...reportAs('remote-resource'), ...problem }));
    }
  };
  for (const body of sopBodies(ctx)) {
    // Elements `sop-code` refuses outright (<iframe>, <script>, <link>) are reported once, there.
    if ('tree' in body) judge(body.file, bodyMarkup(body.tree), (element) => element.name === null || element.name.toLowerCase() in REFUSED_ELEMENTS || /^[A-Z]|[.:]/.test(element.name));
  }
  for (const email of library.emails) {
    // Only an image (`![…]`) or a tag can load anything: most emails are not parsed at all.
    if (!email.body.includes('![') && !email.body.includes('<')) continue;
    const parsed = parseBody(maskLiquid(email.body), 'markdown');
    if ('tree' in parsed) judge(fileOf(ctx, 'templates/emails', email.id), bodyMarkup(parsed.tree), () => false);
  }
  return found;
}

/** Replaces each character of every `{{ … }}` and `{% … %}` with a stand-in, keeping line breaks (and so every position). */
export function maskLiquid(text: string): string {
  return text.replace(/\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g, (tag) => tag.replace(/[^\n]/g, VARIABLE));
}

function resourceLoads(markup: BodyMarkup, skip: (element: MarkupElement) => boolean): Load[] {
  const loads: Load[] = markup.addresses.filter((address) => address.role === 'image').map((address) => ({ ...address, kind: 'image', what: 'this image' }));
  for (const element of markup.elements) {
    if (skip(element)) continue;
    const name = element.name!.toLowerCase();
    for (const attribute of element.attributes) {
      const key = attributeKey(attribute.name);
      const what = `<${name} ${attribute.name}>`;
      if (key === 'style') {
        for (const url of attribute.values.flatMap(cssUrls)) loads.push({ url, kind: 'image', what, line: attribute.line, column: attribute.column });
        continue;
      }
      const kind = LOADING_ATTRIBUTES[key]?.(name);
      if (!kind) continue;
      const urls = attribute.values.flatMap((value) => (key === 'srcset' ? srcsetUrls(value) : key === 'ping' ? value.split(/\s+/).filter(Boolean) : [value]));
      for (const url of urls) loads.push({ url, kind, what: kind === 'image' && name === 'img' ? 'this image' : what, line: attribute.line, column: attribute.column });
    }
  }
  return loads;
}

/** The addresses in a CSS declaration list (`background: url(https://…)`). */
function cssUrls(css: string): string[] {
  return [...css.matchAll(/url\(\s*(['"]?)(.*?)\1\s*\)/gi)].map((match) => match[2] ?? '');
}

function loadProblem(load: Load, hosts: readonly string[]): { message: string; hint: string } | null {
  const variableAt = [load.url.indexOf(VARIABLE), load.url.indexOf(VARIABLE_ENCODED)].filter((index) => index !== -1);
  if (variableAt.length > 0) {
    const known = load.url.slice(0, Math.min(...variableAt));
    // `/logo-{{ client.id }}.png` stays on the site whatever the variable holds.
    if (/^(?:\/(?![/\\])|\.{1,2}\/|[?#]|[^:/?#\\]+[/?#])/.test(known)) return null;
    const host = remoteUrl(`${known}x`)?.host;
    return {
      message: `${load.what} loads an address built from a template variable: every client page showing this email would send that client's data to ${host ?? 'whichever host the variable names'}`,
      hint: 'use a fixed address: put the image in public/ and write /its-name.png, or write its full https:// address on a host listed in imageHosts, with no {{ … }} in it',
    };
  }
  const url = remoteUrl(load.url);
  if (!url) return null;
  if (load.kind === 'image' && url.protocol === 'https:' && hosts.includes(url.host.toLowerCase())) return null;
  if (load.kind === 'image' && hosts.includes(url.host.toLowerCase())) {
    return { message: `${load.what} loads from ${url.host} over ${url.protocol.replace(':', '')}, not https`, hint: `write https://${url.host}${url.pathname}${url.search}` };
  }
  if (load.kind === 'image') {
    return {
      message: `${load.what} loads from ${url.host}, another host: every reader's browser would ask it for the image, telling it who reads the page and when`,
      hint: `copy the image into public/ and write /its-name.png, or, if the company trusts ${url.host}, add it to imageHosts in content/company.yaml`,
    };
  }
  return {
    message: `${load.what} loads from ${url.host}, another host: pages load nothing from other hosts (only images, from the company's imageHosts)`,
    hint: 'link to it instead ([what it is](https://…)), or put the file in public/',
  };
}

/** The address as a URL when it points at another host; null for the site's own addresses and for `data:` and the like. */
function remoteUrl(address: string): URL | null {
  try {
    const url = new URL(address.trim(), SITE);
    return url.host && url.origin !== SITE.origin ? url : null;
  } catch {
    return null;
  }
}
